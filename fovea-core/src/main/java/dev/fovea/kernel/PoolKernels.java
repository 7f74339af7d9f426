package dev.fovea.kernel;

/**
 * Max, average and global average pooling on NHWC images, each forward beside its backward.
 *
 * <p>Padding follows TensorFlow: padded cells never win a max, and an average divides by the
 * number of in-bounds cells of its window, not by the window size.
 */
public final class PoolKernels {
    private PoolKernels() {}

    /** y = max over each window; {@code argmax} receives the input index of each winner. */
    public static void maxForward(Window2d g, float[] x, float[] y, int[] argmax) {
        int c = g.channels();
        Parallel.forRange(g.batch(), 1, (from, to) -> {
            for (int n = from; n < to; n++) {
                for (int oh = 0; oh < g.outH(); oh++) {
                    for (int ow = 0; ow < g.outW(); ow++) {
                        int out = ((n * g.outH() + oh) * g.outW() + ow) * c;
                        for (int ch = 0; ch < c; ch++) {
                            y[out + ch] = Float.NEGATIVE_INFINITY;
                            argmax[out + ch] = -1;
                        }
                        forEachInBoundsCell(g, n, oh, ow, in -> {
                            for (int ch = 0; ch < c; ch++) {
                                float v = x[in + ch];
                                float best = y[out + ch];
                                // The first of equal values wins; a NaN, once taken, stays (it propagates).
                                if (argmax[out + ch] < 0 || (!Float.isNaN(best) && (v > best || Float.isNaN(v)))) {
                                    y[out + ch] = v;
                                    argmax[out + ch] = in + ch;
                                }
                            }
                        });
                    }
                }
            }
        });
    }

    /** dx[argmax[i]] += dy[i]. */
    public static void maxBackward(float[] dy, int[] argmax, float[] dx) {
        for (int i = 0; i < dy.length; i++) {
            dx[argmax[i]] += dy[i];
        }
    }

    /** y = mean of the in-bounds cells of each window. */
    public static void avgForward(Window2d g, float[] x, float[] y) {
        int c = g.channels();
        Parallel.forRange(g.batch(), 1, (from, to) -> {
            for (int n = from; n < to; n++) {
                for (int oh = 0; oh < g.outH(); oh++) {
                    for (int ow = 0; ow < g.outW(); ow++) {
                        int out = ((n * g.outH() + oh) * g.outW() + ow) * c;
                        int cells = inBoundsCells(g, oh, ow);
                        java.util.Arrays.fill(y, out, out + c, 0f);
                        forEachInBoundsCell(g, n, oh, ow, in -> {
                            for (int ch = 0; ch < c; ch++) {
                                y[out + ch] += x[in + ch];
                            }
                        });
                        float scale = 1f / cells;
                        for (int ch = 0; ch < c; ch++) {
                            y[out + ch] *= scale;
                        }
                    }
                }
            }
        });
    }

    /** Each window's cells receive dy / cells. */
    public static void avgBackward(Window2d g, float[] dy, float[] dx) {
        int c = g.channels();
        // Windows of one image overlap when stride < size, so images (not windows) are the unit of work.
        Parallel.forRange(g.batch(), 1, (from, to) -> {
            for (int n = from; n < to; n++) {
                for (int oh = 0; oh < g.outH(); oh++) {
                    for (int ow = 0; ow < g.outW(); ow++) {
                        int out = ((n * g.outH() + oh) * g.outW() + ow) * c;
                        float scale = 1f / inBoundsCells(g, oh, ow);
                        forEachInBoundsCell(g, n, oh, ow, in -> {
                            for (int ch = 0; ch < c; ch++) {
                                dx[in + ch] += dy[out + ch] * scale;
                            }
                        });
                    }
                }
            }
        });
    }

    /** y[n, c] = mean over h, w of x[n, h, w, c]. */
    public static void globalAvgForward(int batch, int pixels, int channels, float[] x, float[] y) {
        for (int n = 0; n < batch; n++) {
            int out = n * channels;
            java.util.Arrays.fill(y, out, out + channels, 0f);
            for (int p = 0; p < pixels; p++) {
                int in = (n * pixels + p) * channels;
                for (int ch = 0; ch < channels; ch++) {
                    y[out + ch] += x[in + ch];
                }
            }
            for (int ch = 0; ch < channels; ch++) {
                y[out + ch] /= pixels;
            }
        }
    }

    /** dx[n, h, w, c] += dy[n, c] / pixels. */
    public static void globalAvgBackward(int batch, int pixels, int channels, float[] dy, float[] dx) {
        for (int n = 0; n < batch; n++) {
            for (int p = 0; p < pixels; p++) {
                int in = (n * pixels + p) * channels;
                for (int ch = 0; ch < channels; ch++) {
                    dx[in + ch] += dy[n * channels + ch] / pixels;
                }
            }
        }
    }

    @FunctionalInterface
    private interface CellVisitor {
        void visit(int inputOffset);
    }

    /** Calls the visitor with the offset of channel 0 of each in-bounds cell of a window. */
    private static void forEachInBoundsCell(Window2d g, int n, int oh, int ow, CellVisitor visitor) {
        int h0 = oh * g.strideH() - g.padTop();
        int w0 = ow * g.strideW() - g.padLeft();
        int hEnd = Math.min(h0 + g.kernelH(), g.inH());
        int wEnd = Math.min(w0 + g.kernelW(), g.inW());
        for (int ih = Math.max(h0, 0); ih < hEnd; ih++) {
            for (int iw = Math.max(w0, 0); iw < wEnd; iw++) {
                visitor.visit(((n * g.inH() + ih) * g.inW() + iw) * g.channels());
            }
        }
    }

    private static int inBoundsCells(Window2d g, int oh, int ow) {
        int h0 = oh * g.strideH() - g.padTop();
        int w0 = ow * g.strideW() - g.padLeft();
        int rows = Math.min(h0 + g.kernelH(), g.inH()) - Math.max(h0, 0);
        int cols = Math.min(w0 + g.kernelW(), g.inW()) - Math.max(w0, 0);
        return Math.max(rows, 0) * Math.max(cols, 0);
    }
}

package dev.fovea.kernel;

import java.util.Arrays;

/**
 * Max, average and global average pooling on NHWC images, each forward beside its backward.
 *
 * <p>Padding follows TensorFlow: padded cells never win a max, and an average divides by the
 * number of in-bounds cells of its window, not by the window size.
 */
public final class PoolKernels {
    /** The max of each window's channels: the Vector API kernel when available, as {@link Gemm}'s. */
    private static final WindowMax WINDOW_MAX = windowMax("vector".equals(Gemm.implementation()));

    private PoolKernels() {}

    /** The plain-Java {@link WindowMax}, or the Vector API one when {@code vector} and it loads. */
    static WindowMax windowMax(boolean vector) {
        WindowMax kernel = vector ? VectorKernels.load("VectorWindowMax", WindowMax.class) : null;
        return kernel != null ? kernel : new ScalarWindowMax();
    }

    /**
     * y = max over each window, per channel, and, unless {@code winners} is null (inference), the
     * window cell of each max for {@link #maxBackward}; see {@link WindowMax} for ties and NaN.
     * {@code winners} has the size of y.
     */
    public static void maxForward(Window2d g, float[] x, float[] y, float[] winners) {
        maxForward(g, x, y, 0, winners);
    }

    /** {@link #maxForward(Window2d, float[], float[], float[])} writing y and winners from {@code yOffset} on. */
    public static void maxForward(Window2d g, float[] x, float[] y, int yOffset, float[] winners) {
        Parallel.forRange(g.batch(), 1, (from, to) -> maxForwardImages(g, x, y, yOffset, winners, from, to));
    }

    /** {@link #maxForward(Window2d, float[], float[], int, float[])} of images [from, to), on the calling thread. */
    static void maxForwardImages(Window2d g, float[] x, float[] y, int yOffset, float[] winners, int from, int to) {
        int c = g.channels();
        int[] cell = new int[g.kernelH() * g.kernelW()];
        int[] inside = insideCells(g);
        for (int n = from; n < to; n++) {
            for (int oh = 0; oh < g.outH(); oh++) {
                for (int ow = 0; ow < g.outW(); ow++) {
                    int count = windowCells(g, n, oh, ow, inside, cell);
                    WINDOW_MAX.max(x, cell, count, c, y, winners, yOffset + outputOffset(g, n, oh, ow));
                }
            }
        }
    }

    /**
     * Adds each dy to the cell of its window that {@link #maxForward} recorded as the winner; with
     * {@code overwrite}, replaces dx instead (every other cell becomes 0). Overwriting writes each cell
     * once where the windows tile the image (stride = size, as in 2x2 pooling: the winner 0 + d, the
     * others 0, the cells of no window 0); else it zeroes each image's part of dx just before the same
     * thread adds into it, while it is in cache. With {@code reluOutput} (the pooled outputs of
     * a ReLU: each the winner's value), dy passes only where it is positive, as through the ReLU.
     */
    public static void maxBackward(Window2d g, float[] winners, float[] dy, float[] reluOutput, float[] dx,
                                   boolean overwrite) {
        int c = g.channels();
        int imageSize = g.inH() * g.inW() * c;
        // Windows that tile the image from its top left corner (stride = size, as in 2x2 pooling) cover
        // each cell once: overwriting then writes every cell once, rather than zeroing the image and adding.
        boolean tiling = overwrite && g.strideH() == g.kernelH() && g.strideW() == g.kernelW()
                && g.padTop() == 0 && g.padLeft() == 0;
        // Windows of one image overlap when stride < size, so images are the unit of work.
        Parallel.forRange(g.batch(), 1, (from, to) -> {
            int[] cell = new int[g.kernelH() * g.kernelW()];
            int[] inside = insideCells(g);
            for (int n = from; n < to; n++) {
                if (tiling) {
                    zeroOutsideWindows(g, dx, n);
                } else if (overwrite) {
                    Arrays.fill(dx, n * imageSize, (n + 1) * imageSize, 0f);
                }
                for (int oh = 0; oh < g.outH(); oh++) {
                    for (int ow = 0; ow < g.outW(); ow++) {
                        int count = windowCells(g, n, oh, ow, inside, cell);
                        int out = outputOffset(g, n, oh, ow);
                        if (tiling) {
                            WINDOW_MAX.writeToCells(dy, reluOutput, winners, out, cell, count, c, dx);
                        } else {
                            WINDOW_MAX.addToWinners(dy, reluOutput, winners, out, cell, count, c, dx);
                        }
                    }
                }
            }
        });
    }

    /**
     * Zeroes the cells of image n that no window of g covers: the rows and columns past the last
     * whole window (a VALID 2x2 pooling of an odd size leaves one), for windows that tile the image.
     */
    private static void zeroOutsideWindows(Window2d g, float[] dx, int n) {
        int c = g.channels();
        int coveredH = Math.min(g.outH() * g.kernelH(), g.inH());
        int coveredW = Math.min(g.outW() * g.kernelW(), g.inW());
        int image = n * g.inH() * g.inW() * c;
        if (coveredW < g.inW()) {
            for (int ih = 0; ih < coveredH; ih++) {
                int row = image + ih * g.inW() * c;
                Arrays.fill(dx, row + coveredW * c, row + g.inW() * c, 0f);
            }
        }
        Arrays.fill(dx, image + coveredH * g.inW() * c, image + g.inH() * g.inW() * c, 0f);
    }

    /** y = mean of the in-bounds cells of each window. */
    public static void avgForward(Window2d g, float[] x, float[] y) {
        int c = g.channels();
        Parallel.forRange(g.batch(), 1, (from, to) -> {
            int[] cell = new int[g.kernelH() * g.kernelW()];
            for (int n = from; n < to; n++) {
                for (int oh = 0; oh < g.outH(); oh++) {
                    for (int ow = 0; ow < g.outW(); ow++) {
                        int out = outputOffset(g, n, oh, ow);
                        int count = inBoundsCells(g, n, oh, ow, cell);
                        Arrays.fill(y, out, out + c, 0f);
                        for (int k = 0; k < count; k++) {
                            for (int ch = 0; ch < c; ch++) {
                                y[out + ch] += x[cell[k] + ch];
                            }
                        }
                        float scale = 1f / count;
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
            int[] cell = new int[g.kernelH() * g.kernelW()];
            for (int n = from; n < to; n++) {
                for (int oh = 0; oh < g.outH(); oh++) {
                    for (int ow = 0; ow < g.outW(); ow++) {
                        int out = outputOffset(g, n, oh, ow);
                        int count = inBoundsCells(g, n, oh, ow, cell);
                        float scale = 1f / count;
                        for (int k = 0; k < count; k++) {
                            for (int ch = 0; ch < c; ch++) {
                                dx[cell[k] + ch] += dy[out + ch] * scale;
                            }
                        }
                    }
                }
            }
        });
    }

    /** y[n, c] = mean over h, w of x[n, h, w, c]. */
    public static void globalAvgForward(int batch, int pixels, int channels, float[] x, float[] y) {
        for (int n = 0; n < batch; n++) {
            int out = n * channels;
            Arrays.fill(y, out, out + channels, 0f);
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

    /** The offsets of a window's cells from its first, in row-major order, for a window inside the input. */
    private static int[] insideCells(Window2d g) {
        int[] offsets = new int[g.kernelH() * g.kernelW()];
        for (int kh = 0; kh < g.kernelH(); kh++) {
            for (int kw = 0; kw < g.kernelW(); kw++) {
                offsets[kh * g.kernelW() + kw] = (kh * g.inW() + kw) * g.channels();
            }
        }
        return offsets;
    }

    /**
     * {@link #inBoundsCells}, from {@code inside} ({@link #insideCells}) when the whole window lies in
     * the input: most windows, whose cells then take an add each.
     */
    private static int windowCells(Window2d g, int n, int oh, int ow, int[] inside, int[] cell) {
        int ih = oh * g.strideH() - g.padTop();
        int iw = ow * g.strideW() - g.padLeft();
        if (ih < 0 || iw < 0 || ih + g.kernelH() > g.inH() || iw + g.kernelW() > g.inW()) {
            return inBoundsCells(g, n, oh, ow, cell);
        }
        int first = ((n * g.inH() + ih) * g.inW() + iw) * g.channels();
        for (int k = 0; k < inside.length; k++) {
            cell[k] = first + inside[k];
        }
        return inside.length;
    }

    /**
     * Writes the input offset of channel 0 of each in-bounds cell of window (oh, ow) of image n to
     * {@code cell}, in row-major order, and returns how many there are (at least one: Window2d keeps
     * padding smaller than the window).
     */
    private static int inBoundsCells(Window2d g, int n, int oh, int ow, int[] cell) {
        int count = 0;
        for (int ih = g.firstRow(oh); ih < g.endRow(oh); ih++) {
            for (int iw = g.firstColumn(ow); iw < g.endColumn(ow); iw++) {
                cell[count++] = ((n * g.inH() + ih) * g.inW() + iw) * g.channels();
            }
        }
        return count;
    }

    private static int outputOffset(Window2d g, int n, int oh, int ow) {
        return ((n * g.outH() + oh) * g.outW() + ow) * g.channels();
    }
}

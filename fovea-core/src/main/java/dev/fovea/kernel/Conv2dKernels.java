package dev.fovea.kernel;

import java.util.Arrays;

/**
 * 2-D convolution (cross-correlation, as in every deep-learning library) on NHWC images, with its
 * two gradients, as im2col + {@link Gemm}.
 *
 * <p>Shapes: input x [N, H, W, C]; kernel w [KH, KW, C, F] (a [KH*KW*C, F] matrix); bias [F];
 * output y [N, OH, OW, F]. im2col writes one row per output pixel holding the KH*KW*C input
 * values it sees (zeros for padding), in the kernel's (kh, kw, c) order, so that
 * y = cols * w + b is a single GEMM whose output is already NHWC. Images are processed in chunks so
 * that the column buffer holds at most 16M floats, or one image's columns when a single image needs
 * more; the buffer is the calling thread's {@link Scratch}, reused from call to call.
 */
public final class Conv2dKernels {
    /** Upper bound on the im2col buffer, in floats (64 MB). */
    private static final long MAX_COLUMN_FLOATS = 16L << 20;

    private Conv2dKernels() {}

    /**
     * y = conv(x, w) + b, then max(y, 0) when {@code relu}. {@code bias} may be null. The bias and
     * the ReLU are applied by the GEMM to each block of y while it is in cache.
     */
    public static void forward(Window2d g, int filters, float[] x, float[] w, float[] bias, boolean relu, float[] y) {
        int k = g.patchSize();
        int pixelsPerImage = g.outH() * g.outW();
        int chunk = imagesPerChunk(g);
        float[] cols = Scratch.floats(Scratch.Use.COLUMNS, chunk * pixelsPerImage * k);
        for (int n0 = 0; n0 < g.batch(); n0 += chunk) {
            int images = Math.min(chunk, g.batch() - n0);
            int rows = images * pixelsPerImage;
            im2col(g, x, n0, images, cols);
            Gemm.gemmBiasRelu(false, false, rows, filters, k, cols, 0, k, w, 0, filters,
                    y, n0 * pixelsPerImage * filters, filters, bias, relu);
        }
    }

    /** dw += cols(x)^T * dy and dbias += column sums of dy. Either may be null: it is then skipped. */
    public static void backwardWeights(Window2d g, int filters, float[] x, float[] dy, float[] dw, float[] dbias) {
        if (dbias != null) {
            sumRows(dy, g.outputPixels(), filters, dbias);
        }
        if (dw == null) {
            return;
        }
        int k = g.patchSize();
        int pixelsPerImage = g.outH() * g.outW();
        int chunk = imagesPerChunk(g);
        float[] cols = Scratch.floats(Scratch.Use.COLUMNS, chunk * pixelsPerImage * k);
        for (int n0 = 0; n0 < g.batch(); n0 += chunk) {
            int images = Math.min(chunk, g.batch() - n0);
            int rows = images * pixelsPerImage;
            im2col(g, x, n0, images, cols);
            Gemm.gemm(true, false, k, filters, rows, cols, 0, k, dy, n0 * pixelsPerImage * filters, filters,
                    dw, 0, filters, true);
        }
    }

    /** dx += col2im(dy * w^T). */
    public static void backwardInput(Window2d g, int filters, float[] dy, float[] w, float[] dx) {
        int k = g.patchSize();
        int pixelsPerImage = g.outH() * g.outW();
        int chunk = imagesPerChunk(g);
        float[] cols = Scratch.floats(Scratch.Use.COLUMNS, chunk * pixelsPerImage * k);
        for (int n0 = 0; n0 < g.batch(); n0 += chunk) {
            int images = Math.min(chunk, g.batch() - n0);
            int rows = images * pixelsPerImage;
            Gemm.gemm(false, true, rows, k, filters, dy, n0 * pixelsPerImage * filters, filters, w, 0, filters,
                    cols, 0, k, false);
            col2im(g, cols, n0, images, dx);
        }
    }

    /** Unfolds images [n0, n0 + images) of x into cols, one row per output pixel. */
    static void im2col(Window2d g, float[] x, int n0, int images, float[] cols) {
        int c = g.channels();
        int k = g.patchSize();
        int rowLength = g.kernelW() * c;
        Parallel.forRange(images, 1, (from, to) -> {
            for (int n = from; n < to; n++) {
                int image = (n0 + n) * g.inH() * g.inW() * c;
                int row = n * g.outH() * g.outW() * k;
                for (int oh = 0; oh < g.outH(); oh++) {
                    for (int ow = 0; ow < g.outW(); ow++, row += k) {
                        int iw0 = ow * g.strideW() - g.padLeft();
                        for (int kh = 0; kh < g.kernelH(); kh++) {
                            int ih = oh * g.strideH() - g.padTop() + kh;
                            int dst = row + kh * rowLength;
                            if (ih < 0 || ih >= g.inH()) {
                                Arrays.fill(cols, dst, dst + rowLength, 0f);
                                continue;
                            }
                            int kwFirst = Math.max(0, -iw0);
                            int kwEnd = Math.min(g.kernelW(), g.inW() - iw0);
                            Arrays.fill(cols, dst, dst + kwFirst * c, 0f);
                            if (kwEnd > kwFirst) {
                                // In NHWC the kernel row's pixels and channels are one contiguous run.
                                System.arraycopy(x, image + (ih * g.inW() + iw0 + kwFirst) * c,
                                        cols, dst + kwFirst * c, (kwEnd - kwFirst) * c);
                            }
                            Arrays.fill(cols, dst + Math.max(kwEnd, kwFirst) * c, dst + rowLength, 0f);
                        }
                    }
                }
            }
        });
    }

    /** Folds cols back onto images [n0, n0 + images) of dx, adding overlapping contributions. */
    static void col2im(Window2d g, float[] cols, int n0, int images, float[] dx) {
        int c = g.channels();
        int k = g.patchSize();
        int rowLength = g.kernelW() * c;
        Parallel.forRange(images, 1, (from, to) -> {
            for (int n = from; n < to; n++) {
                int image = (n0 + n) * g.inH() * g.inW() * c;
                int row = n * g.outH() * g.outW() * k;
                for (int oh = 0; oh < g.outH(); oh++) {
                    for (int ow = 0; ow < g.outW(); ow++, row += k) {
                        int iw0 = ow * g.strideW() - g.padLeft();
                        int kwFirst = Math.max(0, -iw0);
                        int kwEnd = Math.min(g.kernelW(), g.inW() - iw0);
                        for (int kh = 0; kh < g.kernelH(); kh++) {
                            int ih = oh * g.strideH() - g.padTop() + kh;
                            if (ih < 0 || ih >= g.inH() || kwEnd <= kwFirst) {
                                continue;
                            }
                            int src = row + kh * rowLength + kwFirst * c;
                            int dst = image + (ih * g.inW() + iw0 + kwFirst) * c;
                            int len = (kwEnd - kwFirst) * c;
                            for (int i = 0; i < len; i++) {
                                dx[dst + i] += cols[src + i];
                            }
                        }
                    }
                }
            }
        });
    }

    private static int imagesPerChunk(Window2d g) {
        long perImage = (long) g.outH() * g.outW() * g.patchSize();
        return (int) Math.max(1, Math.min(g.batch(), MAX_COLUMN_FLOATS / Math.max(1, perImage)));
    }

    /** sums[f] += sum over rows of m[r, f]. */
    public static void sumRows(float[] m, int rows, int columns, float[] sums) {
        for (int r = 0, o = 0; r < rows; r++, o += columns) {
            for (int f = 0; f < columns; f++) {
                sums[f] += m[o + f];
            }
        }
    }

    /** The definition, one output value at a time: the reference the fast path is tested against. */
    public static void forwardReference(Window2d g, int filters, float[] x, float[] w, float[] bias, float[] y) {
        int c = g.channels();
        for (int n = 0; n < g.batch(); n++) {
            for (int oh = 0; oh < g.outH(); oh++) {
                for (int ow = 0; ow < g.outW(); ow++) {
                    for (int f = 0; f < filters; f++) {
                        double sum = bias == null ? 0 : bias[f];
                        for (int kh = 0; kh < g.kernelH(); kh++) {
                            for (int kw = 0; kw < g.kernelW(); kw++) {
                                int ih = oh * g.strideH() - g.padTop() + kh;
                                int iw = ow * g.strideW() - g.padLeft() + kw;
                                if (ih < 0 || ih >= g.inH() || iw < 0 || iw >= g.inW()) {
                                    continue;
                                }
                                for (int ci = 0; ci < c; ci++) {
                                    sum += (double) x[((n * g.inH() + ih) * g.inW() + iw) * c + ci]
                                            * w[((kh * g.kernelW() + kw) * c + ci) * filters + f];
                                }
                            }
                        }
                        y[((n * g.outH() + oh) * g.outW() + ow) * filters + f] = (float) sum;
                    }
                }
            }
        }
    }
}

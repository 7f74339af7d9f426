package dev.fovea.kernel;

import java.util.Arrays;

/**
 * 2-D convolution (cross-correlation, as in every deep-learning library) on NHWC images, with its
 * two gradients, as im2col + {@link Gemm}, and an optional ReLU fused in.
 *
 * <p>Shapes: input x [N, H, W, C]; kernel w [KH, KW, C, F] (a [KH*KW*C, F] matrix); bias [F];
 * output y [N, OH, OW, F]. im2col writes one row per output pixel holding the KH*KW*C input
 * values it sees (zeros for padding), in the kernel's (kh, kw, c) order, so that
 * y = cols * w + b is a GEMM whose output is already NHWC.
 *
 * <p>The columns are made a chunk of output pixels at a time, about {@link #CHUNK_FLOATS} values,
 * into the calling thread's {@link Scratch}: a few MB whatever the batch or image size, reused from
 * call to call, and still in cache when the GEMM reads them. Chunking changes no result: the
 * forward pass and the input gradient compute each row of columns on its own (and col2im adds them
 * in pixel order), and the weight gradient takes chunks of whole k-blocks of the GEMM
 * ({@link Gemm#KC} rows), which sum in the order of one unchunked GEMM.
 */
public final class Conv2dKernels {
    /** About how many floats of columns (or of masked gradient) one chunk holds: 4 MB. */
    static final int CHUNK_FLOATS = 1 << 20;

    private Conv2dKernels() {}

    /**
     * y = conv(x, w) + b, then max(y, 0) when {@code relu}. {@code bias} may be null. The bias and
     * the ReLU are applied by the GEMM to each block of y while it is in cache.
     */
    public static void forward(Window2d g, int filters, float[] x, float[] w, float[] bias, boolean relu, float[] y) {
        int k = g.patchSize();
        int pixels = g.outputPixels();
        int chunk = Math.max(1, CHUNK_FLOATS / k);
        float[] cols = Scratch.floats(Scratch.Use.COLUMNS, Math.min(chunk, pixels) * k);
        for (int r0 = 0; r0 < pixels; r0 += chunk) {
            int rows = Math.min(chunk, pixels - r0);
            im2col(g, x, r0, rows, cols);
            Gemm.gemmBiasRelu(false, false, rows, filters, k, cols, 0, k, w, 0, filters,
                    y, r0 * filters, filters, bias, relu);
        }
    }

    /**
     * dw += cols(x)^T * dy' and dbias += column sums of dy', where dy' is dy, or with
     * {@code reluOutput} (the forward's y when it fused a ReLU) dy where y > 0 and 0 elsewhere.
     * dw or dbias may be null: it is then skipped.
     */
    public static void backwardWeights(Window2d g, int filters, float[] x, float[] dy, float[] reluOutput,
                                       float[] dw, float[] dbias) {
        if (dw == null && dbias == null) {
            return;
        }
        int k = g.patchSize();
        int pixels = g.outputPixels();
        int chunk = Math.max(Gemm.KC, CHUNK_FLOATS / Math.max(k, filters) / Gemm.KC * Gemm.KC);
        int firstChunk = Math.min(chunk, pixels);
        float[] cols = dw == null ? null : Scratch.floats(Scratch.Use.COLUMNS, firstChunk * k);
        float[] masked = reluOutput == null ? null : Scratch.floats(Scratch.Use.MASKED_GRADIENT, firstChunk * filters);
        for (int r0 = 0; r0 < pixels; r0 += chunk) {
            int rows = Math.min(chunk, pixels - r0);
            float[] d = dy;
            int dOff = r0 * filters;
            if (reluOutput != null) {
                ActivationKernels.reluGradient(reluOutput, dy, dOff, rows * filters, masked);
                d = masked;
                dOff = 0;
            }
            if (dbias != null) {
                sumRows(d, dOff, rows, filters, dbias);
            }
            if (dw != null) {
                im2col(g, x, r0, rows, cols);
                Gemm.gemm(true, false, k, filters, rows, cols, 0, k, d, dOff, filters, dw, 0, filters, true);
            }
        }
    }

    /** dx += col2im(dy' * w^T), dy' as in {@link #backwardWeights}. */
    public static void backwardInput(Window2d g, int filters, float[] dy, float[] reluOutput, float[] w, float[] dx) {
        int k = g.patchSize();
        int pixels = g.outputPixels();
        int chunk = Math.max(1, CHUNK_FLOATS / Math.max(k, filters));
        int firstChunk = Math.min(chunk, pixels);
        float[] cols = Scratch.floats(Scratch.Use.COLUMNS, firstChunk * k);
        float[] masked = reluOutput == null ? null : Scratch.floats(Scratch.Use.MASKED_GRADIENT, firstChunk * filters);
        for (int r0 = 0; r0 < pixels; r0 += chunk) {
            int rows = Math.min(chunk, pixels - r0);
            float[] d = dy;
            int dOff = r0 * filters;
            if (reluOutput != null) {
                ActivationKernels.reluGradient(reluOutput, dy, dOff, rows * filters, masked);
                d = masked;
                dOff = 0;
            }
            Gemm.gemm(false, true, rows, k, filters, d, dOff, filters, w, 0, filters, cols, 0, k, false);
            col2im(g, cols, r0, rows, dx);
        }
    }

    /** Unfolds output pixels [r0, r0 + rows) (over the whole batch) of x into cols, one row per pixel. */
    static void im2col(Window2d g, float[] x, int r0, int rows, float[] cols) {
        int c = g.channels();
        int k = g.patchSize();
        int rowLength = g.kernelW() * c;
        int pixelsPerImage = g.outH() * g.outW();
        Parallel.forRange(rows, 256, (from, to) -> {
            for (int r = from; r < to; r++) {
                int pixel = r0 + r;
                int n = pixel / pixelsPerImage;
                int oh = pixel % pixelsPerImage / g.outW();
                int ow = pixel % g.outW();
                int image = n * g.inH() * g.inW() * c;
                int row = r * k;
                int iw0 = ow * g.strideW() - g.padLeft();
                int kwFirst = Math.max(0, -iw0);
                int kwEnd = Math.min(g.kernelW(), g.inW() - iw0);
                for (int kh = 0; kh < g.kernelH(); kh++) {
                    int ih = oh * g.strideH() - g.padTop() + kh;
                    int dst = row + kh * rowLength;
                    if (ih < 0 || ih >= g.inH() || kwEnd <= kwFirst) {
                        Arrays.fill(cols, dst, dst + rowLength, 0f);
                        continue;
                    }
                    Arrays.fill(cols, dst, dst + kwFirst * c, 0f);
                    // In NHWC the kernel row's pixels and channels are one contiguous run.
                    System.arraycopy(x, image + (ih * g.inW() + iw0 + kwFirst) * c,
                            cols, dst + kwFirst * c, (kwEnd - kwFirst) * c);
                    Arrays.fill(cols, dst + kwEnd * c, dst + rowLength, 0f);
                }
            }
        });
    }

    /**
     * Folds the rows of cols, output pixels [r0, r0 + rows), back onto dx, adding overlapping
     * contributions in pixel order. The windows of one image overlap, so images are the unit of work.
     */
    static void col2im(Window2d g, float[] cols, int r0, int rows, float[] dx) {
        int c = g.channels();
        int k = g.patchSize();
        int rowLength = g.kernelW() * c;
        int pixelsPerImage = g.outH() * g.outW();
        int firstImage = r0 / pixelsPerImage;
        int images = (r0 + rows - 1) / pixelsPerImage - firstImage + 1;
        Parallel.forRange(images, 1, (from, to) -> {
            int end = Math.min(r0 + rows, (firstImage + to) * pixelsPerImage);
            for (int pixel = Math.max(r0, (firstImage + from) * pixelsPerImage); pixel < end; pixel++) {
                int n = pixel / pixelsPerImage;
                int oh = pixel % pixelsPerImage / g.outW();
                int ow = pixel % g.outW();
                int image = n * g.inH() * g.inW() * c;
                int row = (pixel - r0) * k;
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
        });
    }

    /** sums[f] += sum over rows of m[r, f]. */
    public static void sumRows(float[] m, int rows, int columns, float[] sums) {
        sumRows(m, 0, rows, columns, sums);
    }

    /** sums[f] += sum over rows of m[r, f], the matrix starting at m[offset]. */
    static void sumRows(float[] m, int offset, int rows, int columns, float[] sums) {
        for (int r = 0, o = offset; r < rows; r++, o += columns) {
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

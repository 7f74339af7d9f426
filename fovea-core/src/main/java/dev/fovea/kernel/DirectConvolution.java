package dev.fovea.kernel;

/**
 * A convolution of a one-channel image (a network's first layer on grey images) computed straight
 * from the image. Its windows hold only KH x KW values (9 for 3x3), so im2col spent as long copying
 * them as the GEMM spent multiplying them, and the bias and ReLU took a pass of their own; here
 * each window's values are read where they are and the bias and ReLU applied before the store.
 *
 * <p>The float operations are those of {@link Gemm#gemmBiasRelu} on the im2col columns with the
 * Vector API kernels: each output value is a chain of fused multiply-adds over the window in the
 * kernel's (kh, kw) order from zero (one k-block: the window is at most {@link Gemm#KC} values), then
 * + bias, then max(., 0). So the results are the im2col path's, bit for bit. There is no plain-Java
 * kernel: without the Vector API the im2col path runs. Two kernels share the work: one for filters in
 * whole pairs of vectors ({@link VectorDirectConvolution}), one for fewer filters than a vector has
 * lanes ({@link VectorFewFilterConvolution}).
 */
interface DirectConvolution {
    /** Whether this kernel computes a convolution of {@code channels} channels, this patch size and filters. */
    boolean supports(int channels, int patch, int filters);

    /**
     * Output pixels [first, end) (over the whole batch) of max(conv(x, w) + bias, 0), or without
     * {@code relu} of conv(x, w) + bias; pixel r's filters at out[outOffset + (r - first) * filters].
     * w is a [KH*KW, filters] matrix; bias may be null. Every window must lie inside the image: the
     * caller pads it (with zeros, which the im2col path multiplies too).
     */
    void convolve(Window2d g, int filters, float[] x, float[] w, float[] bias, boolean relu, int first, int end,
                  float[] out, int outOffset);

    /**
     * Whether {@link #convolveReluMaxPool} pools over {@code pool}'s windows: 2 x 2, stride 2, each
     * window inside the convolution's output (no padding on any side: SAME pooling of an odd size pads
     * the bottom and right, which padTop and padLeft do not show).
     */
    static boolean supportsPooling(Window2d pool) {
        return pool.kernelH() == 2 && pool.kernelW() == 2 && pool.strideH() == 2 && pool.strideW() == 2
                && pool.padTop() == 0 && pool.padLeft() == 0
                && 2 * pool.outH() <= pool.inH() && 2 * pool.outW() <= pool.inW();
    }

    /**
     * {@link #convolve} with its ReLU, then max pooling over {@code pool} (a window over the
     * convolution's output), for images [firstImage, endImage), without storing the convolution's
     * output: each pooling window's four pixels are one tile, pooled in registers. y (from yOffset on,
     * for image firstImage) and winners (null in inference; indexed like y) are
     * {@link PoolKernels#maxForward}'s, bit for bit.
     */
    void convolveReluMaxPool(Window2d g, int filters, float[] x, float[] w, float[] bias, Window2d pool,
                             int firstImage, int endImage, float[] y, int yOffset, float[] winners);
}

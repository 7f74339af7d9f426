package dev.fovea.kernel;

/**
 * The weights' gradient of a one-channel convolution computed straight from the image (windows
 * inside it), as a sum for each block of {@link Gemm#KC} output pixels (the GEMM's k-blocks, counted
 * over the whole batch), which the caller adds to dw in order. Each block's sum is a chain of fused
 * multiply-adds over its pixels in order from zero, as the GEMM's tiles sum im2col(x)^T * dy; so
 * the blocks can be summed on any threads and dw still gets the bits of the im2col path.
 */
interface BlockedWeightGradient {
    /** Whether this kernel computes the gradient of a convolution of {@code channels} channels and these filters. */
    boolean supportsWeightGradient(int channels, int filters);

    /** Floats per window value in a block's sums: the filters, and unused lanes after them. */
    int sumStride();

    /** Floats of sums for one block: at least patch * {@link #sumStride}. */
    int blockFloats(int patch);

    /**
     * The sums of blocks [firstBlock, endBlock): block b's for window value t, filter f at
     * sums[sumsOffset + (b - firstBlock) * {@link #blockFloats} + t * {@link #sumStride} + f].
     */
    void blockSums(Window2d g, int filters, float[] x, float[] dy, int firstBlock, int endBlock, float[] sums,
                   int sumsOffset);
}

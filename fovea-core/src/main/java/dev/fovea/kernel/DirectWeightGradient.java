package dev.fovea.kernel;

/**
 * The weights' and bias's gradients of a {@link DirectConvolution}, computed straight from the
 * one-channel image like its forward pass, with the float operations of the im2col path.
 */
interface DirectWeightGradient {
    /**
     * Whether this kernel computes the gradients of a convolution of {@code channels} channels, this
     * patch size and filters.
     */
    boolean supports(int channels, int patch, int filters);

    /** How many filters {@link #weightGradient}'s ranges come in multiples of. */
    int filterGroup();

    /**
     * The weights' and bias's gradients of the convolution (windows inside x, all the batch's pixels),
     * for filters [j0, j1) (multiples of {@link #filterGroup}) only: dw += im2col(x)^T * dy and
     * dbias += the column sums of dy, with the float operations of {@link Gemm#gemm} on the columns and
     * of {@link RowKernels#sumRows}: each dw element sums its products over blocks of {@link Gemm#KC}
     * pixels, each block from zero and added in order; each dbias element adds dy's rows in order.
     * dw or dbias may be null: it is then skipped.
     */
    void weightGradient(Window2d g, int filters, float[] x, float[] dy, int j0, int j1, float[] dw, float[] dbias);
}

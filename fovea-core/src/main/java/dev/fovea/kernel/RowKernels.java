package dev.fovea.kernel;

/**
 * Passes over the rows of a row-major matrix with one value per column: the bias and ReLU that
 * {@link Gemm#gemmBiasRelu} applies to each finished block of C, the column sums of a bias
 * gradient, and adding a row into another array (col2im). Plain Java loops over two arrays at
 * different offsets stay scalar under C2 (it cannot rule out that they are one array): the bias and
 * ReLU were half the time of a first convolution's forward (one input channel, nine products per
 * output value), the column sums 6 % of a training step, all on the calling thread. The Vector API
 * kernel does the same float operations in the same order, a vector of columns at a time, so its
 * results are bit for bit the plain-Java kernel's.
 */
interface RowKernels {
    /**
     * c[i, j] = c[i, j] + bias[j] (when bias is not null), then max(c[i, j], 0) (when {@code relu}),
     * for rows [0, rows) and columns [j0, j1), where element (i, j) is c[cOff + i * ldc + j]. A NaN
     * stays NaN and max(-0, 0) is +0, as with {@link Math#max}.
     */
    void biasRelu(float[] c, int cOff, int ldc, int rows, int j0, int j1, float[] bias, boolean relu);

    /**
     * sums[j] += m[r, j] for each column j in [j0, j1), the rows r in order from 0 to rows - 1, where
     * element (r, j) is m[offset + r * columns + j].
     */
    void sumRows(float[] m, int offset, int rows, int columns, int j0, int j1, float[] sums);

    /** dst[to + i] += src[from + i] for i in [0, length). */
    void addRow(float[] src, int from, float[] dst, int to, int length);
}

package dev.fovea.kernel;

/**
 * The innermost step of {@link Gemm}: one MR x NR tile of C updated from MR rows of A and a packed
 * panel of B. Each kernel has its own tile shape ({@link #tileRows()} x {@link #tileColumns()}),
 * fixed for the life of the process, which Gemm packs its panels for.
 *
 * <p>Element (r, p) of the A rows is {@code a[aOff + r * rowStride + p * kStride]}: a packed
 * micro-panel stores them k-major (rowStride 1, kStride MR), and A read in place has its own
 * strides (row-major: lda and 1; transposed: 1 and lda). The B micro-panel holds NR columns stored
 * k-major (for each p, the NR values of row p). Columns past the edge of C are zero in the B panel;
 * all MR rows of A exist (a packed panel has zeros past the edge of C).
 *
 * <p>Every element of C is updated as {@code c += (sum over p in order of a[i][p] * b[p][j])} with
 * the sum started from zero, independently of the other elements of the tile, so the result of an
 * element does not depend on where its tile starts. With {@code overwrite} the sum replaces c
 * instead, which gives the same value as adding it to a zero without reading C (but for a sum that
 * underflows to -0, which stays -0 where +0 + -0 would give +0).
 */
interface MicroKernel {
    /** MR: the rows of C a tile covers, a divisor of 64 (Gemm packs 64 rows of A at once). */
    int tileRows();

    /** NR: the columns of C a tile covers, a divisor of 512 (Gemm packs 512 columns of B at once). */
    int tileColumns();

    /**
     * C[0:rows, 0:cols] += (or, with {@code overwrite}, =) A rows (MR x kc at a[aOff], strides as
     * above) * B micro-panel (kc x NR at bp[bOff]), where element (i, j) of C is
     * c[cOff + i * ldc + j], rows <= MR and cols <= NR. {@code sums} holds MR * NR floats the
     * kernel may use as scratch.
     */
    void tile(int kc, float[] a, int aOff, int rowStride, int kStride, float[] bp, int bOff, float[] c, int cOff,
              int ldc, int rows, int cols, boolean overwrite, float[] sums);

    /**
     * The part inside C of a tile on its edge, whose sums a kernel spilled to {@code sums} (row i at
     * i * nr): C[0:rows, 0:cols] += (or, with {@code overwrite}, =) them, with the same float add.
     */
    static void storeEdge(float[] sums, int nr, float[] c, int cOff, int ldc, int rows, int cols, boolean overwrite) {
        for (int i = 0; i < rows; i++) {
            int row = cOff + i * ldc;
            for (int j = 0; j < cols; j++) {
                c[row + j] = overwrite ? sums[i * nr + j] : c[row + j] + sums[i * nr + j];
            }
        }
    }
}

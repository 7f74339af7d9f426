package dev.fovea.kernel;

/**
 * The innermost step of {@link Gemm}: one MR x NR tile of C updated from packed panels.
 *
 * <p>The A micro-panel holds MR rows stored k-major (for each p, the MR values of column p) and the
 * B micro-panel holds NR columns stored k-major (for each p, the NR values of row p), so the kernel
 * reads both sequentially. Rows and columns past the edge of C are zero in the panels.
 *
 * <p>Every element of C is updated as {@code c += (sum over p in order of a[i][p] * b[p][j])} with
 * the sum started from zero, independently of the other elements of the tile, so the result of an
 * element does not depend on where its tile starts. With {@code overwrite} the sum replaces c
 * instead, which gives the same value as adding it to a zero (a sum started from +0 is never -0)
 * without reading C.
 */
interface MicroKernel {
    /** Rows of C a tile covers. */
    int MR = 4;
    /** Columns of C a tile covers. */
    int NR = 16;

    /**
     * C[0:rows, 0:cols] += (or, with {@code overwrite}, =) A micro-panel (MR x kc at ap[aOff]) *
     * B micro-panel (kc x NR at bp[bOff]), where element (i, j) of C is c[cOff + i * ldc + j],
     * rows <= MR and cols <= NR. {@code sums} holds MR * NR floats the kernel may use as scratch.
     */
    void tile(int kc, float[] ap, int aOff, float[] bp, int bOff, float[] c, int cOff, int ldc, int rows, int cols,
              boolean overwrite, float[] sums);
}

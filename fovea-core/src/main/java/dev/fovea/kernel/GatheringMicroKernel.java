package dev.fovea.kernel;

/**
 * A {@link MicroKernel} that can also read its A rows in runs listed by a table, so that a
 * convolution's windows are read straight from the images, without the taps a window has in the
 * padding ({@link GatheredConvolution}).
 */
interface GatheringMicroKernel extends MicroKernel {
    /** Ints per run in a table: A's offset, the run's first row of the B micro-panel, its length. */
    int RUN = 3;

    /**
     * C[0:MR, 0:cols] += (or, with {@code overwrite}, =) A * B over the {@code runs} runs of the
     * table from {@code tableOff}, one sum from zero per element, in order: a run (aIndex, bRow,
     * length) holds the products of A[r][aIndex + q] = a[aOff + r * rowStride + aIndex + q] and row
     * bRow + q of the B micro-panel at bp[bOff] (NR values per row) for q in [0, length). Element (i,
     * j) of C is c[cOff + i * ldc + j]; {@code sums} as in {@link #tile}.
     */
    default void tileGathered(int runs, int[] table, int tableOff, float[] a, int aOff, int rowStride, float[] bp,
                              int bOff, float[] c, int cOff, int ldc, int cols, boolean overwrite, float[] sums) {
        multiply(runs, table, tableOff, a, aOff, rowStride, 1, bp, bOff, c, cOff, ldc, tileRows(), cols, overwrite,
                sums);
    }

    @Override
    default void tile(int kc, float[] a, int aOff, int rowStride, int kStride, float[] bp, int bOff, float[] c,
                      int cOff, int ldc, int rows, int cols, boolean overwrite, float[] sums) {
        multiply(kc, null, 0, a, aOff, rowStride, kStride, bp, bOff, c, cOff, ldc, rows, cols, overwrite, sums);
    }

    /**
     * {@link #tile} (table null: kc values of k, A's strides as there) or {@link #tileGathered} (table: kc
     * runs of it, kStride 1), one method per kernel so that both share its accumulators' stores.
     */
    void multiply(int kc, int[] table, int tableOff, float[] a, int aOff, int rowStride, int kStride, float[] bp,
                  int bOff, float[] c, int cOff, int ldc, int rows, int cols, boolean overwrite, float[] sums);
}

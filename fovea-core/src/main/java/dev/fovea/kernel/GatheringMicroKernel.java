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
    void tileGathered(int runs, int[] table, int tableOff, float[] a, int aOff, int rowStride, float[] bp, int bOff,
                      float[] c, int cOff, int ldc, int cols, boolean overwrite, float[] sums);
}

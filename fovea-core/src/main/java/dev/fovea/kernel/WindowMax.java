package dev.fovea.kernel;

/**
 * The innermost step of max pooling: the max of each channel over one window's cells, and which
 * cell held it, so that the backward pass sends each gradient straight to its winner.
 *
 * <p>The winner is the first cell, in the order given, holding the max; a NaN makes the max NaN
 * and the first NaN the winner (as in PyTorch). Equal values do not share the gradient.
 */
interface WindowMax {
    /**
     * For each channel ch < {@code channels}: {@code y[out + ch]} = the max over k < {@code count} of
     * {@code x[cell[k] + ch]}, and, unless {@code winners} is null, {@code winners[out + ch]} = the k
     * of the winner. Winners are stored as floats (exact up to 2^24 cells) so that the Vector API
     * kernel compares values and picks cell numbers in vectors of one kind. {@code count} >= 1.
     */
    void max(float[] x, int[] cell, int count, int channels, float[] y, float[] winners, int out);
}

package dev.fovea.kernel;

/**
 * The innermost step of max pooling: the max of each channel over one window's cells, and which
 * cell held it, so that the backward pass sends each gradient straight to its winner; and that
 * backward step.
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

    /**
     * The backward of {@link #max}: for each channel ch < {@code channels}, {@code dx[cell[w] + ch] += d}
     * where w = {@code winners[out + ch]} and d = {@code dy[out + ch]}, or, with {@code reluOutput},
     * {@link ActivationKernels#reluGradient(float, float) reluGradient}{@code (reluOutput[out + ch], dy[out + ch])}.
     * {@code cell} holds the window's {@code count} cells, as for {@link #max}. The other cells of dx keep
     * their values.
     */
    void addToWinners(float[] dy, float[] reluOutput, float[] winners, int out, int[] cell, int count, int channels,
                      float[] dx);

    /**
     * {@link #addToWinners} onto cells that held zeros, in one pass: for each channel, the winner's cell
     * becomes {@code 0 + d} (so a -0 gradient arrives as +0, as added to a zero) and every other cell of
     * the window 0. For windows that do not overlap, this replaces zeroing dx and then adding.
     */
    void writeToCells(float[] dy, float[] reluOutput, float[] winners, int out, int[] cell, int count, int channels,
                      float[] dx);
}

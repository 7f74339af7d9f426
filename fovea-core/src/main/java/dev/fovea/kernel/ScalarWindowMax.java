package dev.fovea.kernel;

/** {@link WindowMax} in plain Java: the reference, and the kernel when the Vector API is absent. */
final class ScalarWindowMax implements WindowMax {
    @Override
    public void max(float[] x, int[] cell, int count, int channels, float[] y, float[] winners, int out) {
        max(x, cell, count, 0, channels, y, winners, out);
    }

    /** {@link #max(float[], int[], int, int, float[], float[], int)} for channels from..to-1 only. */
    static void max(float[] x, int[] cell, int count, int from, int to, float[] y, float[] winners, int out) {
        for (int ch = from; ch < to; ch++) {
            float max = x[cell[0] + ch];
            int winner = 0;
            for (int k = 1; k < count; k++) {
                float v = x[cell[k] + ch];
                // v takes over unless it is <= the max (false for a NaN v) or the max is already NaN.
                if (!(v <= max || max != max)) {
                    max = v;
                    winner = k;
                }
            }
            y[out + ch] = max;
            if (winners != null) {
                winners[out + ch] = winner;
            }
        }
    }

    @Override
    public void addToWinners(float[] dy, float[] reluOutput, float[] winners, int out, int[] cell, int count,
                             int channels, float[] dx) {
        addChannelsToWinners(dy, reluOutput, winners, out, cell, 0, channels, dx);
    }

    /** {@link #addToWinners(float[], float[], float[], int, int[], int, int, float[])} for channels from..to-1 only. */
    static void addChannelsToWinners(float[] dy, float[] reluOutput, float[] winners, int out, int[] cell, int from,
                                     int to, float[] dx) {
        for (int ch = from; ch < to; ch++) {
            float d = reluOutput == null ? dy[out + ch]
                    : ActivationKernels.reluGradient(reluOutput[out + ch], dy[out + ch]);
            dx[cell[(int) winners[out + ch]] + ch] += d;
        }
    }

    @Override
    public void writeToCells(float[] dy, float[] reluOutput, float[] winners, int out, int[] cell, int count,
                             int channels, float[] dx) {
        writeChannelsToCells(dy, reluOutput, winners, out, cell, count, 0, channels, dx);
    }

    /** {@link #writeToCells(float[], float[], float[], int, int[], int, int, float[])} for channels from..to-1 only. */
    static void writeChannelsToCells(float[] dy, float[] reluOutput, float[] winners, int out, int[] cell, int count,
                                     int from, int to, float[] dx) {
        for (int ch = from; ch < to; ch++) {
            float d = reluOutput == null ? dy[out + ch]
                    : ActivationKernels.reluGradient(reluOutput[out + ch], dy[out + ch]);
            int winner = (int) winners[out + ch];
            for (int k = 0; k < count; k++) {
                dx[cell[k] + ch] = k == winner ? 0f + d : 0f;
            }
        }
    }
}

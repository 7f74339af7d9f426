package dev.fovea.kernel;

/**
 * Batch normalisation over the last axis of {@code rows} x {@code channels} values (an NHWC batch
 * has N*H*W rows of C channels; a dense batch N rows of F features), each forward beside its
 * backward. Backward methods add into {@code dx}, {@code dgamma} and {@code dbeta}, so gradients
 * from several consumers accumulate. A null {@code gamma} stands for ones (no scale), a null
 * {@code dgamma} or {@code dbeta} for a gradient nobody wants.
 *
 * <p>Sums over the rows (the statistics, and the gradient's two sums) accumulate in double: a
 * channel of a large batch has millions of values, and a float sum of that many loses digits,
 * while the one-pass variance E[x^2] - E[x]^2 cancels catastrophically in float when the mean is
 * large against the spread. In double, both errors stay far below float resolution. The rows are
 * summed in fixed blocks whose partial sums are added in block order, so the results do not depend
 * on the number of threads.
 */
public final class BatchNormKernels {
    /** Rows per block of a sum; blocks are the unit of parallel work and fix the order of additions. */
    private static final int BLOCK_ROWS = 256;
    /** About this many values per task, below which splitting costs more than it saves. */
    private static final int VALUES_PER_TASK = 1 << 15;

    private BatchNormKernels() {}

    /** The per-channel mean and biased variance (dividing by the count, as normalisation uses it) of x. */
    public static void statistics(int rows, int channels, float[] x, float[] mean, float[] variance) {
        double[] sums = blockSums(rows, channels, (from, to, s, offset) -> {
            for (int r = from; r < to; r++) {
                int row = r * channels;
                for (int c = 0; c < channels; c++) {
                    double v = x[row + c];
                    s[offset + c] += v;
                    s[offset + channels + c] += v * v;
                }
            }
        });
        for (int c = 0; c < channels; c++) {
            double m = sums[c] / rows;
            mean[c] = (float) m;
            // Rounding can leave a constant channel's variance a hair below zero.
            variance[c] = (float) Math.max(sums[channels + c] / rows - m * m, 0);
        }
    }

    /**
     * y = gamma * (x - mean) / sqrt(variance + epsilon) + beta per channel; with the batch's
     * statistics in training, the moving ones in inference. beta null stands for zeros.
     */
    public static void normalize(int rows, int channels, float[] x, float[] mean, float[] variance, float[] gamma,
                                 float[] beta, double epsilon, float[] y) {
        float[] scale = scale(channels, variance, gamma, epsilon);
        float[] shift = beta == null ? new float[channels] : beta;
        Parallel.forRange(rows, minRows(channels), (from, to) -> {
            for (int r = from; r < to; r++) {
                int row = r * channels;
                for (int c = 0; c < channels; c++) {
                    // (x - mean) first: exact for x near mean, where x * scale - mean * scale would cancel.
                    y[row + c] = (x[row + c] - mean[c]) * scale[c] + shift[c];
                }
            }
        });
    }

    /**
     * The gradient of {@link #normalize} with the batch's own statistics, which depend on x too:
     * with x̂ = (x - mean) / σ and M rows, dgamma = Σ dy x̂, dbeta = Σ dy, and
     * dx = gamma / σ (dy - Σ dy / M - x̂ Σ dy x̂ / M).
     */
    public static void backwardTraining(int rows, int channels, float[] x, float[] dy, float[] mean, float[] variance,
                                        float[] gamma, double epsilon, float[] dx, float[] dgamma, float[] dbeta) {
        float[] invStd = scale(channels, variance, null, epsilon);
        double[] sums = gradientSums(rows, channels, x, dy, mean, invStd);
        addSums(channels, sums, dgamma, dbeta);
        if (dx == null) {
            return;
        }
        float[] scale = scale(channels, variance, gamma, epsilon);
        float[] meanDy = new float[channels];
        float[] meanDyXhat = new float[channels];
        for (int c = 0; c < channels; c++) {
            meanDy[c] = (float) (sums[c] / rows);
            meanDyXhat[c] = (float) (sums[channels + c] / rows);
        }
        Parallel.forRange(rows, minRows(channels), (from, to) -> {
            for (int r = from; r < to; r++) {
                int row = r * channels;
                for (int c = 0; c < channels; c++) {
                    float xhat = (x[row + c] - mean[c]) * invStd[c];
                    dx[row + c] += scale[c] * (dy[row + c] - meanDy[c] - xhat * meanDyXhat[c]);
                }
            }
        });
    }

    /**
     * The gradient of {@link #normalize} with fixed (moving) statistics: dx = dy gamma / σ, and
     * dgamma, dbeta as in training.
     */
    public static void backwardInference(int rows, int channels, float[] x, float[] dy, float[] mean, float[] variance,
                                         float[] gamma, double epsilon, float[] dx, float[] dgamma, float[] dbeta) {
        if (dgamma != null || dbeta != null) {
            float[] invStd = scale(channels, variance, null, epsilon);
            addSums(channels, gradientSums(rows, channels, x, dy, mean, invStd), dgamma, dbeta);
        }
        if (dx == null) {
            return;
        }
        float[] scale = scale(channels, variance, gamma, epsilon);
        Parallel.forRange(rows, minRows(channels), (from, to) -> {
            for (int r = from; r < to; r++) {
                int row = r * channels;
                for (int c = 0; c < channels; c++) {
                    dx[row + c] += dy[row + c] * scale[c];
                }
            }
        });
    }

    /** moving = momentum * moving + (1 - momentum) * batch, Keras's (and ONNX's) exponential moving average. */
    public static void updateMoving(float[] moving, float[] batch, double momentum) {
        for (int c = 0; c < moving.length; c++) {
            moving[c] = (float) (momentum * moving[c] + (1 - momentum) * batch[c]);
        }
    }

    /** gamma / sqrt(variance + epsilon) per channel (1 / sqrt(variance + epsilon) for null gamma), in double first. */
    private static float[] scale(int channels, float[] variance, float[] gamma, double epsilon) {
        float[] scale = new float[channels];
        for (int c = 0; c < channels; c++) {
            scale[c] = (float) ((gamma == null ? 1.0 : gamma[c]) / Math.sqrt(variance[c] + epsilon));
        }
        return scale;
    }

    /** Σ dy per channel, then Σ dy x̂ per channel. */
    private static double[] gradientSums(int rows, int channels, float[] x, float[] dy, float[] mean, float[] invStd) {
        return blockSums(rows, channels, (from, to, s, offset) -> {
            for (int r = from; r < to; r++) {
                int row = r * channels;
                for (int c = 0; c < channels; c++) {
                    double g = dy[row + c];
                    s[offset + c] += g;
                    s[offset + channels + c] += g * ((x[row + c] - mean[c]) * invStd[c]);
                }
            }
        });
    }

    private static void addSums(int channels, double[] sums, float[] dgamma, float[] dbeta) {
        for (int c = 0; c < channels; c++) {
            if (dbeta != null) {
                dbeta[c] += (float) sums[c];
            }
            if (dgamma != null) {
                dgamma[c] += (float) sums[channels + c];
            }
        }
    }

    /** Adds two per-channel sums over rows [from, to) into s[offset, offset + 2 * channels). */
    @FunctionalInterface
    private interface BlockBody {
        void add(int from, int to, double[] s, int offset);
    }

    /** Two per-channel sums over all rows: each block's into its own partial sums, then the blocks in order. */
    private static double[] blockSums(int rows, int channels, BlockBody body) {
        int blocks = (rows + BLOCK_ROWS - 1) / BLOCK_ROWS;
        int width = 2 * channels;
        double[] partial = new double[blocks * width];
        int minBlocks = Math.max(1, VALUES_PER_TASK / (BLOCK_ROWS * channels));
        Parallel.forRange(blocks, minBlocks, (from, to) -> {
            for (int b = from; b < to; b++) {
                body.add(b * BLOCK_ROWS, Math.min(rows, (b + 1) * BLOCK_ROWS), partial, b * width);
            }
        });
        double[] total = new double[width];
        for (int b = 0; b < blocks; b++) {
            for (int i = 0; i < width; i++) {
                total[i] += partial[b * width + i];
            }
        }
        return total;
    }

    private static int minRows(int channels) {
        return Math.max(1, VALUES_PER_TASK / channels);
    }
}

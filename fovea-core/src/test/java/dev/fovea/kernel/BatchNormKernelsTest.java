package dev.fovea.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fovea.testing.Approx;
import dev.fovea.testing.RandomData;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The batch-norm kernels on sizes the gradient checks and golden files do not reach: many blocks
 * of rows, several threads, means far from zero; against plain two-pass reference loops in double.
 */
class BatchNormKernelsTest {
    private final int originalThreads = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(originalThreads);
    }

    /** Per-channel mean, then the mean squared deviation from it: the textbook two passes, in double. */
    private static double[][] referenceStatistics(int rows, int channels, float[] x) {
        double[] mean = new double[channels];
        double[] variance = new double[channels];
        for (int c = 0; c < channels; c++) {
            double sum = 0;
            for (int r = 0; r < rows; r++) {
                sum += x[r * channels + c];
            }
            mean[c] = sum / rows;
            double squares = 0;
            for (int r = 0; r < rows; r++) {
                double d = x[r * channels + c] - mean[c];
                squares += d * d;
            }
            variance[c] = squares / rows;
        }
        return new double[][] {mean, variance};
    }

    /** Values of channel c uniform in offset * c +- 1. */
    private static float[] offsetValues(int rows, int channels, float offset, long seed) {
        float[] x = RandomData.uniform(new SplittableRandom(seed), rows * channels, -1, 1);
        for (int i = 0; i < x.length; i++) {
            x[i] += offset * (i % channels);
        }
        return x;
    }

    @Test
    void statisticsKeepTheirDigitsForLargeBatchesWithMeansFarFromZero() {
        // 3 * 37 * 29 rows (an NHWC batch of 3 37x29 images): 13 blocks. Channel 4's values are
        // 4000 +- 1, so E[x^2] - E[x]^2 subtracts two numbers near 1.6e7 to get 1/3: in float sums
        // that would be noise; in double it keeps 1e-6 relative accuracy.
        int rows = 3 * 37 * 29;
        int channels = 5;
        float[] x = offsetValues(rows, channels, 1000, 1);
        float[] mean = new float[channels];
        float[] variance = new float[channels];
        BatchNormKernels.statistics(rows, channels, x, mean, variance);
        double[][] expected = referenceStatistics(rows, channels, x);
        Approx.assertClose("mean", toFloats(expected[0]), mean, 0, 1e-7);
        Approx.assertClose("variance", toFloats(expected[1]), variance, 0, 1e-5);
    }

    @Test
    void aConstantChannelHasVarianceZeroAndNormalisesToBeta() {
        float[] x = {2.5f, -1f, 2.5f, 3f, 2.5f, 0.5f};
        float[] mean = new float[2];
        float[] variance = new float[2];
        BatchNormKernels.statistics(3, 2, x, mean, variance);
        assertEquals(0f, variance[0]);
        float[] y = new float[6];
        BatchNormKernels.normalize(3, 2, x, mean, variance, new float[] {4f, 1f}, new float[] {0.25f, 0f}, 1e-3, y);
        assertEquals(0.25f, y[0]);
        assertEquals(0.25f, y[2]);
        assertEquals(0.25f, y[4]);
    }

    @Test
    void trainingGradientMatchesTheFormulaInDoubleOnManyBlocks() {
        int rows = 2 * 23 * 31;
        int channels = 3;
        SplittableRandom random = new SplittableRandom(2);
        float[] x = offsetValues(rows, channels, 5, 3);
        float[] dy = RandomData.uniform(random, rows * channels, -1, 1);
        float[] gamma = {0.7f, -1.3f, 1.1f};
        double epsilon = 1e-3;
        float[] mean = new float[channels];
        float[] variance = new float[channels];
        BatchNormKernels.statistics(rows, channels, x, mean, variance);
        float[] dx = new float[x.length];
        float[] dgamma = new float[channels];
        float[] dbeta = new float[channels];
        BatchNormKernels.backwardTraining(rows, channels, x, dy, mean, variance, gamma, epsilon, dx, dgamma, dbeta);

        double[][] stats = referenceStatistics(rows, channels, x);
        float[] expectedDx = new float[x.length];
        float[] expectedDgamma = new float[channels];
        float[] expectedDbeta = new float[channels];
        for (int c = 0; c < channels; c++) {
            double invStd = 1 / Math.sqrt(stats[1][c] + epsilon);
            double sumDy = 0;
            double sumDyXhat = 0;
            for (int r = 0; r < rows; r++) {
                int i = r * channels + c;
                sumDy += dy[i];
                sumDyXhat += dy[i] * (x[i] - stats[0][c]) * invStd;
            }
            expectedDgamma[c] = (float) sumDyXhat;
            expectedDbeta[c] = (float) sumDy;
            for (int r = 0; r < rows; r++) {
                int i = r * channels + c;
                double xhat = (x[i] - stats[0][c]) * invStd;
                expectedDx[i] = (float) (gamma[c] * invStd * (dy[i] - sumDy / rows - xhat * sumDyXhat / rows));
            }
        }
        Approx.assertClose("dgamma", expectedDgamma, dgamma, 1e-3, 1e-5);
        Approx.assertClose("dbeta", expectedDbeta, dbeta, 1e-4, 1e-6);
        Approx.assertClose("dx", expectedDx, dx, 1e-5, 1e-4);
    }

    @Test
    void resultsAreTheSameBitsOnOneThreadAndOnTwo() {
        // 40,000 rows of 4 channels: enough values that the work is split between two threads.
        int rows = 40_000;
        int channels = 4;
        SplittableRandom random = new SplittableRandom(4);
        float[] x = RandomData.uniform(random, rows * channels, -3, 3);
        float[] dy = RandomData.uniform(random, rows * channels, -1, 1);
        float[] gamma = RandomData.uniform(random, channels, 0.5, 1.5);
        float[] beta = RandomData.uniform(random, channels, -0.5, 0.5);
        Parallel.setThreads(1);
        float[][] single = run(rows, channels, x, dy, gamma, beta);
        Parallel.setThreads(2);
        float[][] two = run(rows, channels, x, dy, gamma, beta);
        for (int i = 0; i < single.length; i++) {
            assertArrayEquals(single[i], two[i], "result " + i);
        }
    }

    /** mean, variance, y, dx, dgamma, dbeta of a training step. */
    private static float[][] run(int rows, int channels, float[] x, float[] dy, float[] gamma, float[] beta) {
        float[] mean = new float[channels];
        float[] variance = new float[channels];
        float[] y = new float[x.length];
        float[] dx = new float[x.length];
        float[] dgamma = new float[channels];
        float[] dbeta = new float[channels];
        BatchNormKernels.statistics(rows, channels, x, mean, variance);
        BatchNormKernels.normalize(rows, channels, x, mean, variance, gamma, beta, 1e-3, y);
        BatchNormKernels.backwardTraining(rows, channels, x, dy, mean, variance, gamma, 1e-3, dx, dgamma, dbeta);
        return new float[][] {mean, variance, y, dx, dgamma, dbeta};
    }

    @Test
    void inferenceGradientIsTheScaledUpstreamGradientAddedToWhatIsThere() {
        float[] x = {1f, 2f, 3f, 4f};
        float[] dy = {1f, -2f, 0.5f, 4f};
        float[] dx = {10f, 10f, 10f, 10f};
        float[] dgamma = new float[2];
        float[] dbeta = new float[2];
        // Channel 0: mean 1, variance 3, so 1 / sqrt(3 + 1) = 0.5; channel 1: mean 0, variance 0.
        BatchNormKernels.backwardInference(2, 2, x, dy, new float[] {1f, 0f}, new float[] {3f, 0f},
                new float[] {2f, 3f}, 1, dx, dgamma, dbeta);
        assertArrayEquals(new float[] {11f, 4f, 10.5f, 22f}, dx);
        // dgamma = sum of dy * (x - mean) / sqrt(variance + epsilon): 0.5 * 1 and -2 * 2 + 4 * 4.
        assertArrayEquals(new float[] {0.5f, 12f}, dgamma);
        assertArrayEquals(new float[] {1.5f, 2f}, dbeta);
    }

    @Test
    void movingStatisticsMoveByOneMinusMomentumTowardsTheBatch() {
        float[] moving = {0f, 1f, -2f};
        BatchNormKernels.updateMoving(moving, new float[] {1f, 3f, -2f}, 0.9);
        assertArrayEquals(new float[] {0.1f, 1.2f, -2f}, moving, 1e-7f);
    }

    private static float[] toFloats(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }
}

package dev.fovea.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Both max-pooling window kernels against a direct search: the max of each channel, and the first
 * cell holding it (the first NaN when there is one), with ties and NaNs frequent, channel counts
 * that fill whole vectors and that leave a remainder, and cells scattered through the input. Their
 * backward against the definition, bit for bit.
 */
class WindowMaxTest {
    private static final int[] CHANNELS = {1, 7, 16, 37, 64};
    private static final float[] VALUES = {-2, -1, 0, 1, 2, Float.NaN};

    @ParameterizedTest
    @ValueSource(strings = {"vector", "masked", "unmasked", "scalar"})
    void findsTheMaxAndItsFirstCell(String name) {
        WindowMax kernel = kernel(name);
        SplittableRandom random = new SplittableRandom(8);
        for (int channels : CHANNELS) {
            for (int count = 1; count <= 9; count++) {
                for (int trial = 0; trial < 20; trial++) {
                    // NaN in a fifth of the trials, so that most windows have a finite max.
                    int values = trial % 5 == 0 ? VALUES.length : VALUES.length - 1;
                    float[] x = new float[3 * count * channels + 5];
                    for (int i = 0; i < x.length; i++) {
                        x[i] = VALUES[random.nextInt(values)];
                    }
                    int[] cell = new int[count];
                    for (int k = 0; k < count; k++) {
                        cell[k] = 5 + 3 * channels * k + channels * random.nextInt(2); // gaps between cells
                    }
                    int out = 3;
                    float[] y = new float[out + channels];
                    float[] winners = new float[out + channels];
                    kernel.max(x, cell, count, channels, y, winners, out);
                    for (int ch = 0; ch < channels; ch++) {
                        int expected = firstWinner(x, cell, count, ch);
                        String where = name + ": channels " + channels + ", cells " + count + ", channel " + ch;
                        assertEquals(expected, winners[out + ch], where);
                        assertEquals(x[cell[expected] + ch], y[out + ch], where);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"vector", "masked", "unmasked", "scalar"})
    void withoutWinnersGivesTheSameMax(String name) {
        WindowMax kernel = kernel(name);
        SplittableRandom random = new SplittableRandom(9);
        int channels = 37;
        int count = 4;
        float[] x = new float[count * channels];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        int[] cell = {0, channels, 2 * channels, 3 * channels};
        float[] withWinners = new float[channels];
        float[] without = new float[channels];
        kernel.max(x, cell, count, channels, withWinners, new float[channels], 0);
        kernel.max(x, cell, count, channels, without, null, 0);
        assertArrayEquals(withWinners, without);
    }

    /**
     * Each channel's gradient added to its winner's cell and nowhere else, through the ReLU's mask when
     * its outputs are given (+0 blocks, positive and NaN pass), with -0 and NaN among the gradients.
     */
    @ParameterizedTest
    @ValueSource(strings = {"vector", "masked", "unmasked", "scalar"})
    void addsEachGradientToItsWinner(String name) {
        WindowMax kernel = kernel(name);
        SplittableRandom random = new SplittableRandom(10);
        float[] gradients = {-1.5f, -0f, 0f, 0.5f, 2f, Float.NaN};
        float[] reluValues = {0f, 0f, 0.5f, 3f, Float.NaN};
        for (int channels : CHANNELS) {
            for (int count = 1; count <= 9; count++) {
                for (boolean relu : new boolean[] {false, true}) {
                    int out = 3;
                    float[] dy = new float[out + channels];
                    float[] y = new float[out + channels];
                    float[] winners = new float[out + channels];
                    for (int ch = 0; ch < channels; ch++) {
                        dy[out + ch] = gradients[random.nextInt(gradients.length)];
                        y[out + ch] = reluValues[random.nextInt(reluValues.length)];
                        winners[out + ch] = random.nextInt(count);
                    }
                    int[] cell = new int[9];
                    for (int k = 0; k < count; k++) {
                        cell[k] = 2 + 2 * channels * k;
                    }
                    float[] dx = new float[2 + 2 * channels * count];
                    for (int i = 0; i < dx.length; i++) {
                        dx[i] = (float) random.nextGaussian();
                    }
                    float[] expected = dx.clone();
                    for (int ch = 0; ch < channels; ch++) {
                        float d = dy[out + ch];
                        if (relu && !(y[out + ch] > 0 || Float.isNaN(y[out + ch]))) {
                            d = 0f;
                        }
                        expected[cell[(int) winners[out + ch]] + ch] += d;
                    }
                    kernel.addToWinners(dy, relu ? y : null, winners, out, cell, count, channels, dx);
                    for (int i = 0; i < dx.length; i++) {
                        assertEquals(Float.floatToIntBits(expected[i]), Float.floatToIntBits(dx[i]),
                                name + ": channels " + channels + ", cells " + count + ", relu " + relu + ", at " + i);
                    }
                }
            }
        }
    }

    /** writeToCells: the winner's cell gets 0 + d (-0 arrives as +0), the window's other cells 0, the rest kept. */
    @ParameterizedTest
    @ValueSource(strings = {"vector", "masked", "unmasked", "scalar"})
    void writesEachGradientToItsWinnerAndZerosToTheOtherCells(String name) {
        WindowMax kernel = kernel(name);
        SplittableRandom random = new SplittableRandom(11);
        float[] gradients = {-1.5f, -0f, 0f, 0.5f, 2f, Float.NaN};
        float[] reluValues = {0f, 0f, 0.5f, 3f, Float.NaN};
        for (int channels : CHANNELS) {
            for (int count = 1; count <= 4; count++) {
                for (boolean relu : new boolean[] {false, true}) {
                    int out = 3;
                    float[] dy = new float[out + channels];
                    float[] y = new float[out + channels];
                    float[] winners = new float[out + channels];
                    for (int ch = 0; ch < channels; ch++) {
                        dy[out + ch] = gradients[random.nextInt(gradients.length)];
                        y[out + ch] = reluValues[random.nextInt(reluValues.length)];
                        winners[out + ch] = random.nextInt(count);
                    }
                    int[] cell = new int[count];
                    for (int k = 0; k < count; k++) {
                        cell[k] = 2 + 2 * channels * k;
                    }
                    float[] dx = new float[2 + 2 * channels * count];
                    for (int i = 0; i < dx.length; i++) {
                        dx[i] = (float) random.nextGaussian();
                    }
                    float[] expected = dx.clone();
                    for (int ch = 0; ch < channels; ch++) {
                        float d = dy[out + ch];
                        if (relu && !(y[out + ch] > 0 || Float.isNaN(y[out + ch]))) {
                            d = 0f;
                        }
                        for (int k = 0; k < count; k++) {
                            expected[cell[k] + ch] = k == (int) winners[out + ch] ? 0f + d : 0f;
                        }
                    }
                    kernel.writeToCells(dy, relu ? y : null, winners, out, cell, count, channels, dx);
                    for (int i = 0; i < dx.length; i++) {
                        assertEquals(Float.floatToIntBits(expected[i]), Float.floatToIntBits(dx[i]),
                                name + ": channels " + channels + ", cells " + count + ", relu " + relu + ", at " + i);
                    }
                }
            }
        }
    }

    /** The k of the first cell holding the max of channel ch, found the plain way. */
    private static int firstWinner(float[] x, int[] cell, int count, int ch) {
        for (int k = 0; k < count; k++) {
            if (Float.isNaN(x[cell[k] + ch])) {
                return k;
            }
        }
        float max = Float.NEGATIVE_INFINITY;
        for (int k = 0; k < count; k++) {
            max = Math.max(max, x[cell[k] + ch]);
        }
        for (int k = 0; ; k++) {
            if (x[cell[k] + ch] == max) {
                return k;
            }
        }
    }

    /**
     * "vector" (as PoolKernels loads it), "masked" or "unmasked" (the Vector API kernel with and without a
     * masked last vector, whichever the JDK would choose), or "scalar".
     */
    private static WindowMax kernel(String name) {
        if (name.equals("masked") || name.equals("unmasked")) {
            assumeTrue(PoolKernels.windowMax(true) instanceof VectorWindowMax, "jdk.incubator.vector absent");
            return new VectorWindowMax(name.equals("masked"));
        }
        WindowMax kernel = PoolKernels.windowMax(name.equals("vector"));
        assumeTrue(name.equals("scalar") || kernel instanceof VectorWindowMax, "jdk.incubator.vector absent");
        return kernel;
    }
}

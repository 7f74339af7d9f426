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
        checkBackward(name, new SplittableRandom(10), (b, expected) -> {
            for (int ch = 0; ch < b.channels; ch++) {
                expected[b.cell[b.winner(ch)] + ch] += b.gradient(ch);
            }
            kernel.addToWinners(b.dy, b.reluOutput, b.winners, b.out, b.cell, b.count, b.channels, b.dx);
        });
    }

    /** writeToCells: the winner's cell gets 0 + d (-0 arrives as +0), the window's other cells 0, the rest kept. */
    @ParameterizedTest
    @ValueSource(strings = {"vector", "masked", "unmasked", "scalar"})
    void writesEachGradientToItsWinnerAndZerosToTheOtherCells(String name) {
        WindowMax kernel = kernel(name);
        checkBackward(name, new SplittableRandom(11), (b, expected) -> {
            for (int ch = 0; ch < b.channels; ch++) {
                for (int k = 0; k < b.count; k++) {
                    expected[b.cell[k] + ch] = k == b.winner(ch) ? 0f + b.gradient(ch) : 0f;
                }
            }
            kernel.writeToCells(b.dy, b.reluOutput, b.winners, b.out, b.cell, b.count, b.channels, b.dx);
        });
    }

    /**
     * A window's backward step for every channel count, 1 to 9 cells, with and without the ReLU: random
     * gradients (-0 and NaN among them), ReLU outputs, winners and a dx of random values; {@code step}
     * writes the expected dx into its second argument (a copy of dx) and runs the kernel on dx, which
     * must then equal it bit for bit.
     */
    private static void checkBackward(String name, SplittableRandom random,
                                      java.util.function.BiConsumer<Backward, float[]> step) {
        float[] gradients = {-1.5f, -0f, 0f, 0.5f, 2f, Float.NaN};
        float[] reluValues = {0f, 0f, 0.5f, 3f, Float.NaN};
        for (int channels : CHANNELS) {
            for (int count = 1; count <= 9; count++) {
                for (boolean relu : new boolean[] {false, true}) {
                    Backward b = new Backward(channels, count, 3, new float[3 + channels], new float[3 + channels],
                            relu ? new float[3 + channels] : null, new float[3 + channels], new int[count],
                            new float[2 + 2 * channels * count]);
                    for (int ch = 0; ch < channels; ch++) {
                        b.dy[b.out + ch] = gradients[random.nextInt(gradients.length)];
                        b.y[b.out + ch] = reluValues[random.nextInt(reluValues.length)];
                        b.winners[b.out + ch] = random.nextInt(count);
                    }
                    if (relu) {
                        System.arraycopy(b.y, 0, b.reluOutput, 0, b.y.length);
                    }
                    for (int k = 0; k < count; k++) {
                        b.cell[k] = 2 + 2 * channels * k;
                    }
                    for (int i = 0; i < b.dx.length; i++) {
                        b.dx[i] = (float) random.nextGaussian();
                    }
                    float[] expected = b.dx.clone();
                    step.accept(b, expected);
                    for (int i = 0; i < b.dx.length; i++) {
                        assertEquals(Float.floatToIntBits(expected[i]), Float.floatToIntBits(b.dx[i]),
                                name + ": channels " + channels + ", cells " + count + ", relu " + relu + ", at " + i);
                    }
                }
            }
        }
    }

    /** One window's backward step: dy, the pooled outputs y (as reluOutput, or null), winners, cells, dx. */
    private record Backward(int channels, int count, int out, float[] dy, float[] y, float[] reluOutput,
                            float[] winners, int[] cell, float[] dx) {
        int winner(int ch) {
            return (int) winners[out + ch];
        }

        /** dy of channel ch, or 0 where the ReLU blocks it (+0 and negative outputs; NaN passes). */
        float gradient(int ch) {
            float v = y[out + ch];
            return reluOutput != null && !(v > 0 || Float.isNaN(v)) ? 0f : dy[out + ch];
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

package dev.fovea.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Pooling semantics at the border and for special values, which finite differences cannot see. */
class PoolKernelsTest {
    /** A 1-image, 1-channel window of the given size and stride over an H x W input. */
    private static Window2d window(int h, int w, int size, int stride, Padding padding) {
        return Window2d.of(1, h, w, 1, size, size, stride, stride, padding);
    }

    @Test
    void paddedCellsNeverWinAMax() {
        // All inputs negative: if padding counted as 0, border windows would output 0.
        float[] x = {-5, -4, -3, -2, -1, -6, -7, -8, -9};
        Window2d g = window(3, 3, 2, 2, Padding.SAME); // 2x2 output; pad only at the bottom and right
        float[] y = new float[4];
        float[] winners = new float[4];
        PoolKernels.maxForward(g, x, y, winners);
        assertArrayEquals(new float[] {-1, -3, -7, -9}, y);
        float[] dx = new float[9];
        PoolKernels.maxBackward(g, winners, new float[] {1, 2, 3, 4}, null, dx, false);
        assertArrayEquals(new float[] {0, 0, 2, 0, 1, 0, 3, 0, 4}, dx);
    }

    @Test
    void firstOfEqualValuesWinsAndTakesTheWholeGradient() {
        float[] x = {2, 2, 2, 2};
        Window2d g = window(2, 2, 2, 2, Padding.VALID);
        float[] y = new float[1];
        float[] winners = new float[1];
        PoolKernels.maxForward(g, x, y, winners);
        float[] dx = new float[4];
        PoolKernels.maxBackward(g, winners, new float[] {1.5f}, null, dx, false);
        assertArrayEquals(new float[] {1.5f, 0, 0, 0}, dx);
    }

    @Test
    void nanPropagatesThroughMax() {
        float[] x = {1, Float.NaN, 3, 0};
        float[] y = new float[1];
        float[] winners = new float[1];
        Window2d g = window(2, 2, 2, 2, Padding.VALID);
        PoolKernels.maxForward(g, x, y, winners);
        assertTrue(Float.isNaN(y[0]), "max of a window holding NaN is NaN, got " + y[0]);
        float[] dx = new float[4];
        PoolKernels.maxBackward(g, winners, new float[] {1f}, null, dx, false);
        assertArrayEquals(new float[] {0, 1, 0, 0}, dx, "the NaN cell takes the gradient");
    }

    /**
     * 2 images, 5x5: 2x2 windows of stride 2 leave the last row and column out (VALID) or clip the last
     * windows (SAME); 3x3 of stride 2 overlap; each with few channels (plain loops) and 37 (vectors and a
     * tail), with and without the ReLU's outputs, and gradients of -0 and NaN among them.
     */
    static Stream<Arguments> overwriteCases() {
        Stream.Builder<Arguments> cases = Stream.builder();
        for (int size : new int[] {2, 3}) {
            for (Padding padding : new Padding[] {Padding.VALID, Padding.SAME}) {
                for (int channels : new int[] {3, 37}) {
                    for (boolean relu : new boolean[] {false, true}) {
                        cases.add(Arguments.of(size, padding, channels, relu));
                    }
                }
            }
        }
        return cases.build();
    }

    @ParameterizedTest(name = "{0}x{0} stride 2 {1}, {2} channels, relu {3}")
    @MethodSource("overwriteCases")
    void overwritingReplacesWhateverTheGradientHeldWithWhatAddingToZerosGives(int size, Padding padding, int channels,
                                                                              boolean relu) {
        Window2d g = Window2d.of(2, 5, 5, channels, size, size, 2, 2, padding);
        float[] x = new float[g.inputSize()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i * 37 % 23) - 11f;
        }
        float[] y = new float[g.outputSize(channels)];
        float[] winners = new float[y.length];
        PoolKernels.maxForward(g, x, y, winners);
        float[] dy = new float[y.length];
        for (int i = 0; i < dy.length; i++) {
            dy[i] = i % 11 == 0 ? -0f : i % 13 == 0 ? Float.NaN : i - 40f;
        }
        float[] reluOutput = relu ? y : null;
        float[] added = new float[x.length];
        PoolKernels.maxBackward(g, winners, dy, reluOutput, added, false);
        float[] overwritten = new float[x.length];
        Arrays.fill(overwritten, 7f);
        PoolKernels.maxBackward(g, winners, dy, reluOutput, overwritten, true);
        // Bit for bit, -0 and NaN included (assertArrayEquals on floats compares their bits' values).
        for (int i = 0; i < x.length; i++) {
            assertEquals(Float.floatToRawIntBits(added[i]), Float.floatToRawIntBits(overwritten[i]), "cell " + i);
        }
    }

    @Test
    void averageDividesByInBoundsCellsOnly() {
        // A constant image stays constant under SAME average pooling only if padding is not counted.
        float[] x = new float[5 * 5];
        Arrays.fill(x, 0.75f);
        Window2d g = window(5, 5, 3, 2, Padding.SAME);
        float[] y = new float[g.outH() * g.outW()];
        PoolKernels.avgForward(g, x, y);
        for (float v : y) {
            assertEquals(0.75f, v, 1e-7f);
        }
    }

    @Test
    void averageGradientOfEachWindowSumsToItsUpstreamGradient() {
        // Stride = size, so windows do not overlap: each window's dy is shared by its in-bounds cells.
        Window2d g = window(3, 3, 2, 2, Padding.SAME); // windows of 4, 2, 2 and 1 in-bounds cells
        float[] dx = new float[9];
        PoolKernels.avgBackward(g, new float[] {4, 2, 2, 1}, dx);
        assertArrayEquals(new float[] {1, 1, 1, 1, 1, 1, 1, 1, 1}, dx);
    }
}

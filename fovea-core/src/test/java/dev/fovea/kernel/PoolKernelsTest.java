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
     * Windows that tile the image (written once) and that do not (zeroed, then added): 2x2 stride 2 on
     * 5x5 leaves the last row and column out (VALID) or clips the last windows (SAME); 3x3 stride 3 SAME
     * clips them on 5x5 and pads the top on 7x7 (no tiling); 3x3 stride 2 overlap; 1x1 and 2x3 windows
     * tile too. Each with few channels (plain loops) and 37 (vectors and a tail), with and without the
     * ReLU's outputs, gradients of -0 and NaN among them, 3 images on 1 to 3 threads.
     */
    static Stream<Arguments> overwriteCases() {
        Object[][] windows = {
            {5, 2, 2, Padding.VALID}, {5, 2, 2, Padding.SAME}, {5, 3, 3, Padding.SAME}, {7, 3, 3, Padding.SAME},
            {5, 3, 2, Padding.VALID}, {5, 3, 2, Padding.SAME}, {5, 1, 1, Padding.VALID}, {6, 23, 23, Padding.VALID},
        };
        Stream.Builder<Arguments> cases = Stream.builder();
        for (Object[] window : windows) {
            for (int channels : new int[] {3, 37}) {
                for (boolean relu : new boolean[] {false, true}) {
                    cases.add(Arguments.of(window[0], window[1], window[2], window[3], channels, relu));
                }
            }
        }
        return cases.build();
    }

    /** Size 23 stands for a 2x3 window of stride 2x3 (rows x columns). */
    @ParameterizedTest(name = "{0}x{0} input, {1}x{1} stride {2} {3}, {4} channels, relu {5}")
    @MethodSource("overwriteCases")
    void overwritingReplacesWhateverTheGradientHeldWithWhatAddingToZerosGives(int size, int window, int stride,
                                                                              Padding padding, int channels,
                                                                              boolean relu) {
        int threads = Parallel.threads();
        try {
            for (int t = 1; t <= 3; t++) {
                Parallel.setThreads(t);
                int kh = window == 23 ? 2 : window;
                int kw = window == 23 ? 3 : window;
                int sh = stride == 23 ? 2 : stride;
                int sw = stride == 23 ? 3 : stride;
                Window2d g = Window2d.of(3, size, size, channels, kh, kw, sh, sw, padding);
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
                for (int i = 0; i < x.length; i++) {
                    assertEquals(Float.floatToRawIntBits(added[i]), Float.floatToRawIntBits(overwritten[i]),
                            t + " threads, cell " + i);
                }
            }
        } finally {
            Parallel.setThreads(threads);
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

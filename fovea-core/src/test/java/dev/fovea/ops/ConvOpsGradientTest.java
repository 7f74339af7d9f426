package dev.fovea.ops;

import dev.fovea.kernel.Padding;
import dev.fovea.tensor.Tensor;
import dev.fovea.testing.GradientCheck;
import dev.fovea.testing.RandomData;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** conv2d gradients (input, kernel, bias) against finite differences over strides, kernels and paddings. */
class ConvOpsGradientTest {
    private static final int HEIGHT = 7;
    private static final int WIDTH = 5;
    private static final int FILTERS = 3;

    /**
     * Strides {1,2,3} x kernels {1,2,3,5} x {VALID, SAME, explicit (1,0,2,1)} x (batch 1, 3 channels;
     * batch 3, 2 channels) x with/without bias. Explicit pads are capped at kernel - 1 per side (the
     * largest Window2d accepts), so kernel 1 gets no padding and kernel 2 gets (1,0,1,1). Every
     * kernel fits the 7x5 input, so no combination is invalid.
     */
    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> cases = Stream.builder();
        for (int stride : new int[] {1, 2, 3}) {
            for (int kernel : new int[] {1, 2, 3, 5}) {
                for (Padding padding : paddings(kernel)) {
                    for (int[] batchChannels : new int[][] {{1, 3}, {3, 2}}) {
                        for (boolean bias : new boolean[] {true, false}) {
                            cases.add(Arguments.of(stride, kernel, padding, batchChannels[0], batchChannels[1], bias));
                        }
                    }
                }
            }
        }
        return cases.build();
    }

    private static Padding[] paddings(int kernel) {
        int max = kernel - 1;
        return new Padding[] {Padding.VALID, Padding.SAME,
            Padding.explicit(Math.min(1, max), 0, Math.min(2, max), Math.min(1, max))};
    }

    @ParameterizedTest(name = "stride {0} kernel {1} padding {2} batch {3} channels {4} bias {5}")
    @MethodSource("cases")
    void conv2dGradientsMatchFiniteDifferences(int stride, int kernel, Padding padding, int batch, int channels,
                                               boolean bias) {
        String label = "conv2d s" + stride + " k" + kernel + " " + padding + " n" + batch + " c" + channels
                + (bias ? " bias" : "");
        SplittableRandom random = new SplittableRandom(label.hashCode());
        Tensor x = Tensor.parameter(RandomData.uniform(random, batch * HEIGHT * WIDTH * channels, -1, 1),
                batch, HEIGHT, WIDTH, channels);
        Tensor w = Tensor.parameter(RandomData.uniform(random, kernel * kernel * channels * FILTERS, -0.5, 0.5),
                kernel, kernel, channels, FILTERS);
        Tensor b = bias ? Tensor.parameter(RandomData.uniform(random, FILTERS, -0.5, 0.5), FILTERS) : null;
        Tensor[] inputs = bias ? new Tensor[] {x, w, b} : new Tensor[] {x, w};
        GradientCheck.assertGradients(label, () -> ConvOps.conv2d(x, w, b, stride, stride, padding), inputs);
    }

    /** Different strides along H and W, and a constant input: only the kernel's gradient is wanted. */
    @ParameterizedTest(name = "strides {0}x{1}")
    @MethodSource("unequalStrides")
    void conv2dGradientsWithUnequalStridesAndConstantInput(int strideH, int strideW) {
        String label = "conv2d strides " + strideH + "x" + strideW;
        SplittableRandom random = new SplittableRandom(label.hashCode());
        Tensor x = Tensor.of(RandomData.uniform(random, 2 * HEIGHT * WIDTH * 2, -1, 1), 2, HEIGHT, WIDTH, 2);
        Tensor w = Tensor.parameter(RandomData.uniform(random, 3 * 2 * 2 * FILTERS, -0.5, 0.5), 3, 2, 2, FILTERS);
        Tensor b = Tensor.parameter(RandomData.uniform(random, FILTERS, -0.5, 0.5), FILTERS);
        GradientCheck.assertGradients(label, () -> ConvOps.conv2d(x, w, b, strideH, strideW, Padding.SAME), w, b);
    }

    static Stream<Arguments> unequalStrides() {
        return Stream.of(Arguments.of(1, 2), Arguments.of(3, 1), Arguments.of(2, 3));
    }
}

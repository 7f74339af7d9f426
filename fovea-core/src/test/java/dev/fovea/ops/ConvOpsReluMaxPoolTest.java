package dev.fovea.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.fovea.kernel.Padding;
import dev.fovea.tensor.NoGrad;
import dev.fovea.tensor.Tensor;
import dev.fovea.tensor.Workspace;
import dev.fovea.testing.RandomData;
import dev.fovea.testing.TestOps;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ConvOps#conv2dReluMaxPool} gives, bit for bit, the values and the gradients of its two steps
 * ({@code conv2d} with its ReLU, then {@code maxPool2d}), which have finite-difference and golden
 * tests of their own: strided and padded convolutions, overlapping and padded pooling windows, with
 * and without bias, and batches whose convolution output is pooled a few images at a time on both paths.
 */
class ConvOpsReluMaxPoolTest {
    /** batch, height, width, channels, filters, kernel, stride, padding, pool, pool stride, pool padding, bias. */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(3, 12, 12, 1, 8, 3, 1, Padding.VALID, 2, 2, Padding.VALID, true),    // model A's shape
                Arguments.of(2, 9, 7, 3, 5, 3, 2, Padding.SAME, 3, 2, Padding.SAME, true),       // overlapping, padded
                Arguments.of(2, 8, 8, 2, 4, 5, 1, Padding.SAME, 2, 1, Padding.VALID, false),     // stride 1 pooling
                Arguments.of(1, 7, 5, 2, 3, 2, 1, Padding.explicit(1, 0, 1, 1), 3, 3, Padding.SAME, true),
                // 28 x 28 x 64 outputs: each thread convolves and pools one image at a time.
                Arguments.of(45, 30, 30, 1, 64, 3, 1, Padding.VALID, 2, 2, Padding.VALID, true),
                // One channel, filters in whole vectors: with the Vector API each 2 x 2 pooling window's
                // pixels are convolved and pooled in registers; padded (model C's first layer), an odd
                // output whose last row and column no window reads, a strided convolution.
                Arguments.of(4, 14, 14, 1, 32, 5, 1, Padding.SAME, 2, 2, Padding.VALID, true),
                Arguments.of(2, 15, 15, 1, 32, 3, 1, Padding.VALID, 2, 2, Padding.VALID, false),
                Arguments.of(2, 17, 17, 1, 64, 3, 2, Padding.VALID, 2, 2, Padding.VALID, true),
                // Fewer filters than a vector has lanes, pooled in registers too: LeNet's first layer, and
                // a padded one with an odd output.
                Arguments.of(3, 28, 28, 1, 6, 5, 1, Padding.VALID, 2, 2, Padding.VALID, true),
                Arguments.of(2, 13, 13, 1, 3, 3, 1, Padding.SAME, 2, 2, Padding.VALID, false),
                // SAME pooling of an odd output pads its bottom and right: not one the registers pool.
                Arguments.of(3, 7, 7, 1, 32, 3, 1, Padding.VALID, 2, 2, Padding.SAME, true),
                // A kernel too large for each thread to pack (3x3x64 against 128 filters): the parallel
                // path, whose chunks hold 8 images of 32 x 32 x 128 outputs, so 9 images take two.
                Arguments.of(9, 34, 34, 64, 128, 3, 1, Padding.VALID, 2, 2, Padding.VALID, true));
    }

    @ParameterizedTest(name = "x {0}x{1}x{2}x{3}, {4} filters {5}x{5} stride {6} {7}, pool {8} stride {9} {10}, bias {11}")
    @MethodSource("cases")
    void valuesAndGradientsAreThoseOfConvolutionThenPooling(int batch, int height, int width, int channels,
                                                             int filters, int kernel, int stride, Padding padding,
                                                             int pool, int poolStride, Padding poolPadding,
                                                             boolean bias) {
        SplittableRandom random = new SplittableRandom(batch * 1000L + height * 10L + kernel);
        float[] x = RandomData.uniform(random, batch * height * width * channels, -1, 1);
        float[] w = RandomData.uniform(random, kernel * kernel * channels * filters, -0.5, 0.5);
        float[] b = bias ? RandomData.uniform(random, filters, -0.2, 0.2) : null;

        Function<Tensor[], Tensor> fused = p -> ConvOps.conv2dReluMaxPool(p[0], p[1], p[2], stride, stride, padding,
                pool, poolStride, poolPadding, new Workspace());
        Function<Tensor[], Tensor> stepByStep = p -> PoolOps.maxPool2d(
                ConvOps.conv2d(p[0], p[1], p[2], stride, stride, padding, true, new Workspace()),
                pool, poolStride, poolPadding);

        Tensor[] expected = parameters(x, w, b, batch, height, width, channels, kernel, filters);
        Tensor[] actual = parameters(x, w, b, batch, height, width, channels, kernel, filters);
        Tensor want = stepByStep.apply(expected);
        Tensor got = fused.apply(actual);
        assertArrayEquals(want.data(), got.data(), "pooled values");
        float[] r = RandomData.uniform(new SplittableRandom(7), want.size(), 0.5, 1.5);
        TestOps.weightedSum(want, r).backward();
        TestOps.weightedSum(got, r).backward();
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] != null) {
                assertArrayEquals(expected[i].grad(), actual[i].grad(), new String[] {"x", "w", "b"}[i] + " gradient");
            }
        }
        try (NoGrad scope = NoGrad.enter()) {
            assertArrayEquals(want.data(), fused.apply(actual).data(), "inference values");
        }
    }

    private static Tensor[] parameters(float[] x, float[] w, float[] b, int batch, int height, int width,
                                       int channels, int kernel, int filters) {
        return new Tensor[] {
            Tensor.parameter(x.clone(), batch, height, width, channels),
            Tensor.parameter(w.clone(), kernel, kernel, channels, filters),
            b == null ? null : Tensor.parameter(b.clone(), filters)};
    }
}

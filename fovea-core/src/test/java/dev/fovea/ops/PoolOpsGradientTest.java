package dev.fovea.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.fovea.kernel.Padding;
import dev.fovea.tensor.Shapes;
import dev.fovea.tensor.Tensor;
import dev.fovea.tensor.Workspace;
import dev.fovea.testing.GradientCheck;
import dev.fovea.testing.RandomData;
import dev.fovea.testing.TestOps;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Max, average and global average pooling gradients against finite differences. */
class PoolOpsGradientTest {
    private static final int[] SHAPE = {2, 7, 5, 3};

    /**
     * Window sizes {2,3} x strides {1,2,3} x {VALID, SAME, explicit (1,0,2,1) capped at size - 1 per
     * side}. The 7x5 input holds every window, so no combination is invalid.
     */
    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> cases = Stream.builder();
        for (int size : new int[] {2, 3}) {
            for (int stride : new int[] {1, 2, 3}) {
                int max = size - 1;
                for (Padding padding : new Padding[] {Padding.VALID, Padding.SAME,
                    Padding.explicit(1, 0, Math.min(2, max), 1)}) {
                    cases.add(Arguments.of(size, stride, padding));
                }
            }
        }
        return cases.build();
    }

    @ParameterizedTest(name = "size {0} stride {1} padding {2}")
    @MethodSource("cases")
    void maxPoolGradientMatchesFiniteDifferences(int size, int stride, Padding padding) {
        String label = "maxPool p" + size + " s" + stride + " " + padding;
        // Distinct values 5 steps apart: moving one by a step never changes which cell wins a window.
        float[] values = RandomData.distinct(new SplittableRandom(label.hashCode()), count(SHAPE),
                5 * GradientCheck.STEP);
        Tensor x = Tensor.parameter(values, SHAPE);
        GradientCheck.assertGradients(label, () -> PoolOps.maxPool2d(x, size, stride, padding), x);
    }

    /**
     * Max pooling's backward writes its input's gradient when it is the first op to reach it in a
     * pass and adds to it when another consumer of the input came first. The two orders of the
     * concatenation take back-propagation to the two consumers in both orders (one writes, the other
     * adds: seen by instrumenting the choice).
     */
    @ParameterizedTest(name = "max pooling's output {0} in the concatenation")
    @ValueSource(strings = {"first", "last"})
    void maxPoolGradientJoinsThatOfAnotherConsumerOfItsInput(String place) {
        float[] values = RandomData.distinct(new SplittableRandom(place.hashCode()), count(SHAPE), 5 * GradientCheck.STEP);
        Tensor x = Tensor.parameter(values, SHAPE);
        GradientCheck.assertGradients("maxPool and tanh of one input, max pooling " + place, () -> {
            Tensor pooled = PoolOps.maxPool2d(x, 2, 2, Padding.VALID).reshape(SHAPE[0], -1);
            Tensor other = ActivationOps.tanh(x).reshape(SHAPE[0], -1);
            return MergeOps.concatenate(place.equals("first") ? List.of(pooled, other) : List.of(other, pooled));
        }, x);
    }

    /**
     * Step after step through ops that reuse their arrays (as layers do), the input of max pooling is
     * an intermediate result whose gradient array is last step's, stale: max pooling must overwrite
     * it or add to it exactly as on a first step. Each step's gradient equals that of the same step
     * computed with new arrays, bit for bit.
     */
    @ParameterizedTest(name = "max pooling's output {0} in the concatenation")
    @ValueSource(strings = {"first", "last"})
    void maxPoolGradientIsTheSameWhenItsInputsArraysAreReusedStepAfterStep(String place) {
        SplittableRandom random = new SplittableRandom(12);
        Workspace[] reused = {new Workspace(), new Workspace(), new Workspace(), new Workspace(), new Workspace()};
        for (int step = 0; step < 3; step++) {
            float[] values = RandomData.uniform(random, count(SHAPE), -2, 2);
            float[][] gradients = new float[2][];
            for (int run = 0; run < 2; run++) {
                Workspace[] ws = run == 0 ? reused : new Workspace[] {new Workspace(), new Workspace(),
                    new Workspace(), new Workspace(), new Workspace()};
                Tensor x = Tensor.parameter(values.clone(), SHAPE);
                Tensor h = ActivationOps.tanh(x, ws[0]);
                Tensor pooled = PoolOps.maxPool2d(h, 2, 2, Padding.VALID, ws[1]).reshape(new int[] {SHAPE[0], -1}, ws[2]);
                Tensor other = ActivationOps.tanh(h, ws[3]).reshape(new int[] {SHAPE[0], -1}, ws[4]);
                Tensor joined = MergeOps.concatenate(place.equals("first") ? List.of(pooled, other) : List.of(other, pooled));
                TestOps.weightedSum(joined, RandomData.uniform(new SplittableRandom(step), joined.size(), 0.5, 1.5))
                        .backward();
                gradients[run] = x.grad();
            }
            assertArrayEquals(gradients[1], gradients[0], "step " + step);
        }
    }

    @ParameterizedTest(name = "size {0} stride {1} padding {2}")
    @MethodSource("cases")
    void avgPoolGradientMatchesFiniteDifferences(int size, int stride, Padding padding) {
        String label = "avgPool p" + size + " s" + stride + " " + padding;
        Tensor x = Tensor.parameter(RandomData.uniform(new SplittableRandom(label.hashCode()), count(SHAPE), -1, 1),
                SHAPE);
        GradientCheck.assertGradients(label, () -> PoolOps.avgPool2d(x, size, stride, padding), x);
    }

    @ParameterizedTest(name = "shape {0}x{1}x{2}x{3}")
    @MethodSource("globalShapes")
    void globalAvgPoolGradientMatchesFiniteDifferences(int batch, int height, int width, int channels) {
        String label = "globalAvgPool " + batch + "x" + height + "x" + width + "x" + channels;
        Tensor x = Tensor.parameter(RandomData.uniform(new SplittableRandom(label.hashCode()),
                batch * height * width * channels, -1, 1), batch, height, width, channels);
        GradientCheck.assertGradients(label, () -> PoolOps.globalAvgPool2d(x), x);
    }

    static Stream<Arguments> globalShapes() {
        return Stream.of(Arguments.of(1, 1, 1, 1), Arguments.of(1, 7, 5, 3), Arguments.of(3, 4, 6, 2));
    }

    private static int count(int[] shape) {
        return Math.toIntExact(Shapes.size(shape));
    }
}

package dev.fovea.ops;

import dev.fovea.tensor.Tensor;
import dev.fovea.testing.GradientCheck;
import dev.fovea.testing.RandomData;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** add and concatenate gradients against finite differences, for every input. */
class MergeOpsGradientTest {
    static Stream<Arguments> addShapes() {
        return Stream.of(
                Arguments.of(2, new int[] {2, 3, 3, 4}),
                Arguments.of(3, new int[] {1, 5, 2, 3}),
                Arguments.of(4, new int[] {3, 6}));
    }

    @ParameterizedTest(name = "{0} inputs of {1}")
    @MethodSource("addShapes")
    void addGradientMatchesFiniteDifferences(int count, int[] shape) {
        String label = "add " + count + " x " + Arrays.toString(shape);
        Tensor[] inputs = parameters(label, shape, count);
        GradientCheck.assertGradients(label, () -> MergeOps.add(List.of(inputs)), inputs);
    }

    static Stream<Arguments> concatenateShapes() {
        return Stream.of(
                Arguments.of((Object) new int[][] {{2, 3, 4, 2}, {2, 3, 4, 3}}),
                Arguments.of((Object) new int[][] {{1, 2, 2, 1}, {1, 2, 2, 4}, {1, 2, 2, 2}}),
                Arguments.of((Object) new int[][] {{3, 5}, {3, 1}}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("concatenateShapes")
    void concatenateGradientMatchesFiniteDifferences(int[][] shapes) {
        String label = "concatenate " + Arrays.deepToString(shapes);
        SplittableRandom random = new SplittableRandom(label.hashCode());
        Tensor[] inputs = new Tensor[shapes.length];
        for (int i = 0; i < shapes.length; i++) {
            int size = Arrays.stream(shapes[i]).reduce(1, (a, b) -> a * b);
            inputs[i] = Tensor.parameter(RandomData.uniform(random, size, -1, 1), shapes[i]);
        }
        GradientCheck.assertGradients(label, () -> MergeOps.concatenate(List.of(inputs)), inputs);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("opsOnOneTensorTwice")
    void aTensorGivenTwiceGetsBothGradients(String name, java.util.function.Function<List<Tensor>, Tensor> op) {
        // x + x = 2x and [x, x]: the gradient reaching x is the sum of what both uses send back.
        Tensor x = parameters(name, new int[] {2, 3}, 1)[0];
        GradientCheck.assertGradients(name, () -> op.apply(List.of(x, x)), x);
    }

    static Stream<Arguments> opsOnOneTensorTwice() {
        return Stream.of(
                Arguments.of("add x x", (java.util.function.Function<List<Tensor>, Tensor>) MergeOps::add),
                Arguments.of("concatenate x x", (java.util.function.Function<List<Tensor>, Tensor>) MergeOps::concatenate));
    }

    private static Tensor[] parameters(String label, int[] shape, int count) {
        SplittableRandom random = new SplittableRandom(label.hashCode());
        int size = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        Tensor[] out = new Tensor[count];
        for (int i = 0; i < count; i++) {
            out[i] = Tensor.parameter(RandomData.uniform(random, size, -1, 1), shape);
        }
        return out;
    }
}

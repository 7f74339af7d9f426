package dev.fovea.ops;

import dev.fovea.tensor.Tensor;
import dev.fovea.testing.GradientCheck;
import dev.fovea.testing.RandomData;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** ReLU, leaky ReLU, sigmoid, tanh and softmax gradients against finite differences. */
class ActivationOpsGradientTest {
    private static final int[] SHAPE = {3, 7};
    private static final int SIZE = 21;

    static Stream<Arguments> activations() {
        return Stream.of(
                Arguments.of("relu", (UnaryOperator<Tensor>) ActivationOps::relu),
                Arguments.of("leakyRelu 0.2", (UnaryOperator<Tensor>) x -> ActivationOps.leakyRelu(x, 0.2f)),
                Arguments.of("leakyRelu 0.01", (UnaryOperator<Tensor>) x -> ActivationOps.leakyRelu(x, 0.01f)),
                Arguments.of("sigmoid", (UnaryOperator<Tensor>) ActivationOps::sigmoid),
                Arguments.of("tanh", (UnaryOperator<Tensor>) ActivationOps::tanh),
                Arguments.of("softmax", (UnaryOperator<Tensor>) ActivationOps::softmax));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("activations")
    void activationGradientMatchesFiniteDifferences(String name, UnaryOperator<Tensor> activation) {
        // |x| >= 3 steps keeps every perturbed value on the side of 0 it started on (the ReLU kink);
        // |x| < 3 keeps sigmoid and tanh where their third derivative, hence the truncation error, is small.
        float[] values = RandomData.awayFromZero(new SplittableRandom(name.hashCode()), SIZE, 3 * GradientCheck.STEP, 3);
        Tensor x = Tensor.parameter(values, SHAPE);
        GradientCheck.assertGradients(name, () -> activation.apply(x), x);
    }

    /** Softmax normalises over the last axis only: a 4-D input is many independent rows. */
    @ParameterizedTest(name = "softmax over last axis of {0}x{1}x{2}")
    @MethodSource("softmaxShapes")
    void softmaxGradientOverLastAxisOfHigherRankInput(int a, int b, int c) {
        String label = "softmax " + a + "x" + b + "x" + c;
        Tensor x = Tensor.parameter(RandomData.uniform(new SplittableRandom(label.hashCode()), a * b * c, -2, 2), a, b, c);
        GradientCheck.assertGradients(label, () -> ActivationOps.softmax(x), x);
    }

    static Stream<Arguments> softmaxShapes() {
        return Stream.of(Arguments.of(2, 3, 4), Arguments.of(1, 1, 1), Arguments.of(2, 5, 1));
    }
}

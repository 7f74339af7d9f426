package dev.fovea.optim;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.tensor.Tensor;
import dev.fovea.testing.Approx;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AdamTest {

    static Stream<Arguments> settings() {
        return Stream.of(
                // Keras's defaults: beta1 0.9, beta2 0.999, eps 1e-7.
                Arguments.of("defaults", new Adam(0.05), 0.05, 0.9, 0.999, 1e-7, 0.0),
                // eps 0.005 is comparable to the middle gradient, so its placement (outside the
                // square root, after bias correction) decides that element's update.
                Arguments.of("large eps", new Adam(LearningRateSchedule.constant(0.05), 0.8f, 0.99f, 0.005f, 0f),
                        0.05, 0.8, 0.99, 0.005, 0.0),
                Arguments.of("weight decay", new Adam(LearningRateSchedule.constant(0.05), 0.9f, 0.999f, 1e-7f, 0.2f),
                        0.05, 0.9, 0.999, 1e-7, 0.2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("settings")
    void followsAlgorithmOneWithBiasCorrection(String what, Adam adam, double lr, double beta1, double beta2,
                                               double eps, double weightDecay) {
        float[] actual = OptimizerSteps.run(adam);
        double[] w = OptimizerSteps.start();
        double[] m = new double[w.length];
        double[] v = new double[w.length];
        for (int t = 0; t < OptimizerSteps.GRADIENTS.length; t++) {
            for (int i = 0; i < w.length; i++) {
                double g = OptimizerSteps.gradient(t, i, w, weightDecay);
                m[i] = beta1 * m[i] + (1 - beta1) * g;
                v[i] = beta2 * v[i] + (1 - beta2) * g * g;
                double mHat = m[i] / (1 - Math.pow(beta1, t + 1));
                double vHat = v[i] / (1 - Math.pow(beta2, t + 1));
                w[i] -= lr * mHat / (Math.sqrt(vHat) + eps);
            }
        }
        Approx.assertClose(what, OptimizerSteps.toFloats(w), actual, OptimizerSteps.TOLERANCE, 0);
    }

    @Test
    void firstStepMovesEachWeightByAboutTheLearningRate() {
        // The bias-corrected first step is lr * g / (|g| + eps): the sign of the gradient times lr,
        // whatever its size. Without the correction it would be lr * 0.1 / sqrt(0.001) ≈ 3.2 lr.
        Adam adam = new Adam(0.01);
        float[] w = OptimizerSteps.START.clone();
        Tensor p = Tensor.parameter(w, 3);
        OptimizerSteps.setGradient(p, new float[] {5f, -0.5f, 0.05f});
        adam.step(List.of(p));
        float[] expected = {0.5f - 0.01f, -1.0f + 0.01f, 2.0f - 0.01f};
        // 1e-6: eps 1e-7 against |g| >= 0.05 changes the step by < 2e-6 relative, i.e. 2e-8.
        Approx.assertClose("first step", expected, p.data(), 1e-6, 0);
    }

    @Test
    void aParameterThatJoinsLaterGetsItsOwnBiasCorrection() {
        // An unfrozen layer's first update must be the full first Adam step (about lr), as in
        // PyTorch; counted from the optimizer's global step it would be ~1 - 0.9^3 ≈ 0.27 of that.
        Adam adam = new Adam(0.01);
        Tensor early = Tensor.parameter(new float[] {0f}, 1);
        Tensor late = Tensor.parameter(new float[] {0f}, 1);
        for (int step = 0; step < 3; step++) {
            OptimizerSteps.setGradient(early, new float[] {1f});
            adam.step(List.of(early, late));
        }
        OptimizerSteps.setGradient(late, new float[] {1f});
        adam.step(List.of(late));
        Approx.assertClose("late parameter's first step", new float[] {-0.01f}, late.data(), 1e-6, 0);
    }

    @Test
    void rejectsInvalidHyperparameters() {
        LearningRateSchedule lr = LearningRateSchedule.constant(0.001);
        float[][] invalid = {{1f, 0.999f, 1e-7f}, {0.9f, -0.1f, 1e-7f}, {0.9f, 0.999f, 0f}, {Float.NaN, 0.999f, 1e-7f},
            {0.9f, 0.999f, Float.NaN}};
        for (float[] h : invalid) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new Adam(lr, h[0], h[1], h[2], 0f), Arrays.toString(h));
            assertTrue(e.getMessage().contains("beta1, beta2 in [0, 1) and epsilon > 0"), e.getMessage());
        }
    }
}

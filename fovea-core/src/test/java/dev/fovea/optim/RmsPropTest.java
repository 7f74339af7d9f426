package dev.fovea.optim;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.testing.Approx;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RmsPropTest {

    static Stream<Arguments> settings() {
        return Stream.of(
                // Defaults: rho 0.9, no momentum, eps 1e-7.
                Arguments.of("defaults", new RmsProp(0.01), 0.01, 0.9, 0.0, 1e-7, 0.0),
                // eps 0.005 is comparable to the middle element's root mean square, so adding it
                // outside the square root (PyTorch) rather than inside (Keras) shows.
                Arguments.of("momentum and large eps",
                        new RmsProp(LearningRateSchedule.constant(0.01), 0.8f, 0.7f, 0.005f, 0f),
                        0.01, 0.8, 0.7, 0.005, 0.0),
                Arguments.of("weight decay",
                        new RmsProp(LearningRateSchedule.constant(0.01), 0.9f, 0.5f, 1e-7f, 0.3f),
                        0.01, 0.9, 0.5, 1e-7, 0.3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("settings")
    void followsTheDocumentedUpdateRule(String what, RmsProp rmsProp, double lr, double rho, double momentum,
                                        double eps, double weightDecay) {
        float[] actual = OptimizerSteps.run(rmsProp);
        double[] w = OptimizerSteps.start();
        double[] s = new double[w.length];
        double[] b = new double[w.length];
        for (int t = 0; t < OptimizerSteps.GRADIENTS.length; t++) {
            for (int i = 0; i < w.length; i++) {
                double g = OptimizerSteps.gradient(t, i, w, weightDecay);
                s[i] = rho * s[i] + (1 - rho) * g * g;
                double scaled = g / (Math.sqrt(s[i]) + eps);
                b[i] = momentum * b[i] + scaled;
                w[i] -= lr * b[i]; // with momentum 0, b is just the scaled gradient
            }
        }
        Approx.assertClose(what, OptimizerSteps.toFloats(w), actual, OptimizerSteps.TOLERANCE, 0);
    }

    @Test
    void rejectsInvalidHyperparameters() {
        LearningRateSchedule lr = LearningRateSchedule.constant(0.001);
        float[][] invalid = {{1f, 0f, 1e-7f}, {0.9f, 1f, 1e-7f}, {0.9f, -0.5f, 1e-7f}, {0.9f, 0f, -1e-7f},
            {Float.NaN, 0f, 1e-7f}, {0.9f, Float.NaN, 1e-7f}};
        for (float[] h : invalid) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new RmsProp(lr, h[0], h[1], h[2], 0f), Arrays.toString(h));
            assertTrue(e.getMessage().contains("rho, momentum in [0, 1) and epsilon > 0"), e.getMessage());
        }
    }
}

package dev.fovea.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.tensor.Tensor;
import dev.fovea.testing.Approx;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SgdTest {
    /**
     * A decaying rate tells PyTorch's momentum (w -= lr_t v) from Keras's (v = μ v - lr_t g), which
     * agree only while the rate is constant.
     */
    private static final LearningRateSchedule DECAYING = LearningRateSchedule.exponentialDecay(0.1, 0.5, 1);

    static Stream<Arguments> settings() {
        return Stream.of(
                Arguments.of("plain", 0f, false, 0f),
                Arguments.of("momentum", 0.9f, false, 0f),
                Arguments.of("nesterov", 0.9f, true, 0f),
                Arguments.of("momentum with weight decay", 0.8f, false, 0.1f),
                Arguments.of("plain with weight decay", 0f, false, 0.1f));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("settings")
    void followsPyTorchsUpdateRule(String what, float momentum, boolean nesterov, float weightDecay) {
        float[] actual = OptimizerSteps.run(new Sgd(DECAYING, momentum, nesterov, weightDecay));
        double[] w = OptimizerSteps.start();
        double[] v = new double[w.length];
        for (int t = 0; t < OptimizerSteps.GRADIENTS.length; t++) {
            double lr = DECAYING.rate(t);
            for (int i = 0; i < w.length; i++) {
                double g = OptimizerSteps.gradient(t, i, w, weightDecay);
                v[i] = t == 0 ? g : momentum * v[i] + g; // PyTorch: the buffer starts as the gradient
                w[i] -= lr * (nesterov ? g + momentum * v[i] : v[i]);
            }
        }
        Approx.assertClose(what, OptimizerSteps.toFloats(w), actual, OptimizerSteps.TOLERANCE, 0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("settings")
    void aRestoredSnapshotContinuesExactlyLikeTheOriginal(String what, float momentum, boolean nesterov,
                                                          float weightDecay) {
        Sgd original = new Sgd(DECAYING, momentum, nesterov, weightDecay);
        Tensor p = Tensor.parameter(OptimizerSteps.START.clone(), OptimizerSteps.START.length);
        OptimizerSteps.setGradient(p, OptimizerSteps.GRADIENTS[0]);
        original.step(List.of(p));
        Tensor q = Tensor.parameter(p.data().clone(), OptimizerSteps.START.length);
        Sgd restored = new Sgd(DECAYING, momentum, nesterov, weightDecay);
        restored.restore(original.snapshot(Map.of("p", p)), Map.of("p", q));
        for (int t = 1; t < OptimizerSteps.GRADIENTS.length; t++) {
            OptimizerSteps.setGradient(p, OptimizerSteps.GRADIENTS[t]);
            OptimizerSteps.setGradient(q, OptimizerSteps.GRADIENTS[t]);
            original.step(List.of(p));
            restored.step(List.of(q));
        }
        assertArrayEquals(p.data(), q.data(), what);
    }

    @Test
    void rejectsMomentumOutsideZeroToOne() {
        for (float momentum : new float[] {-0.1f, 1f, Float.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new Sgd(0.1, momentum), "momentum " + momentum);
            assertTrue(e.getMessage().contains("momentum"), e.getMessage());
        }
    }

    @Test
    void rejectsNesterovWithoutMomentum() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Sgd(LearningRateSchedule.constant(0.1), 0f, true, 0f));
        assertTrue(e.getMessage().contains("Nesterov"), e.getMessage());
    }
}

package dev.fovea.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every optimizer shares: skipping parameters without a gradient, state per parameter, the schedule. */
class OptimizerTest {

    @Test
    void parametersWithoutAGradientAreLeftAlone() {
        Tensor used = Tensor.parameter(new float[] {1f, 2f}, 2);
        Tensor unused = Tensor.parameter(new float[] {3f, 4f}, 2);
        Sgd sgd = new Sgd(0.5, 0.9f);
        OptimizerSteps.setGradient(used, new float[] {1f, -1f});
        sgd.step(List.of(used, unused));
        assertNull(unused.grad());
        assertArrayEquals(new float[] {3f, 4f}, unused.data());
        assertArrayEquals(new float[] {0.5f, 2.5f}, used.data());

        // When it later gets a gradient, its momentum starts from that gradient, not from the other
        // parameter's buffer: w = 3 - 0.5 * 2.
        OptimizerSteps.setGradient(unused, new float[] {2f, 2f});
        sgd.step(List.of(unused));
        assertArrayEquals(new float[] {2f, 3f}, unused.data());
    }

    @Test
    void eachParameterKeepsItsOwnState() {
        // Two parameters with opposite gradients: shared momentum would cancel out.
        Tensor a = Tensor.parameter(new float[] {0f}, 1);
        Tensor b = Tensor.parameter(new float[] {0f}, 1);
        Sgd sgd = new Sgd(1.0, 0.5f);
        for (int step = 0; step < 2; step++) {
            OptimizerSteps.setGradient(a, new float[] {1f});
            OptimizerSteps.setGradient(b, new float[] {-1f});
            sgd.step(List.of(a, b));
        }
        // v = 1, then 0.5 + 1 = 1.5: w = -(1 + 1.5).
        assertEquals(-2.5f, a.data()[0]);
        assertEquals(2.5f, b.data()[0]);
    }

    @Test
    void theFirstUpdateUsesTheScheduleAtStepZero() {
        List<Long> asked = new ArrayList<>();
        LearningRateSchedule schedule = step -> {
            asked.add(step);
            return 0.1 * (step + 1);
        };
        Sgd sgd = new Sgd(schedule, 0f, false, 0f);
        Tensor p = Tensor.parameter(new float[] {0f}, 1);
        for (int step = 0; step < 3; step++) {
            OptimizerSteps.setGradient(p, new float[] {1f});
            sgd.step(List.of(p));
        }
        assertEquals(List.of(0L, 1L, 2L), asked);
        assertEquals(3, sgd.steps());
        // 1e-6: three float32 subtractions of values below 1.
        assertEquals(-(0.1 + 0.2 + 0.3), p.data()[0], 1e-6);
        assertEquals(0.4, sgd.currentLearningRate(), 1e-12);
    }

    @Test
    void rejectsNegativeWeightDecay() {
        for (float decay : new float[] {-1e-4f, Float.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new Sgd(LearningRateSchedule.constant(0.1), 0f, false, decay));
            assertTrue(e.getMessage().contains("weight decay"), e.getMessage());
        }
    }
}

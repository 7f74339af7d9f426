package dev.fovea.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DenseTest {

    @Test
    void mapsAVectorToUnits() {
        LayerChecks.assertOutputShape(new Dense(4, ActivationFunction.SOFTMAX), new int[] {10}, new int[] {4});
    }

    @Test
    void kernelIsInByUnitsAndBiasHasOneValuePerUnit() {
        Dense dense = new Dense(4);
        dense.build(new int[] {10});
        assertArrayEquals(new int[] {10, 4}, dense.parameters().get("kernel").shape());
        assertArrayEquals(new int[] {4}, dense.parameters().get("bias").shape());
        assertEquals(44, dense.parameterCount());

        Dense noBias = new Dense(4, ActivationFunction.LINEAR, false, Initializer.GLOROT_UNIFORM);
        noBias.build(new int[] {10});
        assertEquals(40, noBias.parameterCount());
    }

    @Test
    void initializationUsesInputsAndUnitsAsFansAndZeroBias() {
        // Glorot limit sqrt(6 / (200 + 10)); 2000 uniform draws come within 5 % of it for sure.
        Dense dense = new Dense(10, ActivationFunction.RELU);
        dense.build(new int[] {200});
        Arrays.fill(dense.parameters().get("bias").data(), 1f);
        dense.initialize(new SplittableRandom(3));
        double limit = Math.sqrt(6.0 / 210);
        double largest = 0;
        for (float v : dense.parameters().get("kernel").data()) {
            largest = Math.max(largest, Math.abs(v));
        }
        assertTrue(largest <= limit && largest > 0.95 * limit, "largest |w| " + largest + ", limit " + limit);
        assertArrayEquals(new float[10], dense.parameters().get("bias").data());
    }

    @Test
    void rejectsAnImageAndSuggestsFlatten() {
        LayerChecks.assertRejectsInput(new Dense(10), new int[] {4, 4, 1}, "add Flatten before Dense", "(4, 4, 1)");
    }

    @Test
    void rejectsZeroUnits() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Dense(0));
        assertTrue(e.getMessage().contains("units >= 1"), e.getMessage());
    }

    @Test
    void configRebuildsTheLayer() {
        Dense dense = new Dense(7, ActivationFunction.TANH, false, Initializer.LECUN_UNIFORM);
        assertEquals(Map.of("units", 7, "activation", "tanh", "use_bias", false, "kernel_initializer", "lecun_uniform"),
                dense.config());
        LayerChecks.assertRebuildsFromConfig(dense, c -> new Dense((Integer) c.get("units"),
                ActivationFunction.parse((String) c.get("activation")), (Boolean) c.get("use_bias"),
                Initializer.parse((String) c.get("kernel_initializer"))));
    }
}

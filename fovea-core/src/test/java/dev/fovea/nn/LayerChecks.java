package dev.fovea.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.tensor.Tensor;
import java.util.Map;
import java.util.function.Function;

/** Checks shared by the layer tests. */
final class LayerChecks {
    private LayerChecks() {}

    /**
     * Builds {@code layer} for {@code input}, checks the declared output shape, and runs a batch of
     * two through {@code forward} to check the computed shape agrees with the declared one.
     */
    static void assertOutputShape(Layer layer, int[] input, int[] expected) {
        assertArrayEquals(expected, layer.build(input), "declared output shape");
        assertArrayEquals(expected, layer.outputShape());
        int size = 2;
        for (int d : input) {
            size *= d;
        }
        int[] batchShape = new int[input.length + 1];
        batchShape[0] = 2;
        System.arraycopy(input, 0, batchShape, 1, input.length);
        Tensor y = layer.forward(Tensor.of(new float[size], batchShape), ForwardContext.INFERENCE);
        int[] expectedBatch = new int[expected.length + 1];
        expectedBatch[0] = 2;
        System.arraycopy(expected, 0, expectedBatch, 1, expected.length);
        assertArrayEquals(expectedBatch, y.shape(), "computed output shape");
    }

    /** Building for {@code input} fails with a message containing every one of {@code fragments}. */
    static void assertRejectsInput(Layer layer, int[] input, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> layer.build(input));
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), "'" + fragment + "' not in: " + e.getMessage());
        }
    }

    /**
     * The config holds only JSON values (numbers, strings, booleans), and the layer {@code rebuild}
     * makes from it has the same config: nothing the layer needs is left out.
     */
    static void assertRebuildsFromConfig(Layer layer, Function<Map<String, Object>, Layer> rebuild) {
        Map<String, Object> config = layer.config();
        for (Map.Entry<String, Object> e : config.entrySet()) {
            Object v = e.getValue();
            assertTrue(v instanceof Number || v instanceof String || v instanceof Boolean,
                    e.getKey() + " = " + v + " is not a JSON value");
        }
        Layer rebuilt = rebuild.apply(config);
        assertEquals(layer.typeName(), rebuilt.typeName());
        assertEquals(config, rebuilt.config());
    }
}

package dev.fovea.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.tensor.Tensor;
import org.junit.jupiter.api.Test;

class FlattenTest {

    @Test
    void flattensEachExampleAndKeepsTheBatch() {
        LayerChecks.assertOutputShape(new Flatten(), new int[] {5, 7, 3}, new int[] {105});
        LayerChecks.assertOutputShape(new Flatten(), new int[] {10}, new int[] {10});
    }

    @Test
    void keepsHeightWidthChannelOrder() {
        // NHWC data is already laid out row, column, channel: flattening must not reorder it.
        float[] values = new float[2 * 2 * 3 * 2];
        for (int i = 0; i < values.length; i++) {
            values[i] = i;
        }
        Flatten flatten = new Flatten();
        flatten.build(new int[] {2, 3, 2});
        Tensor y = flatten.forward(Tensor.of(values, 2, 2, 3, 2), ForwardContext.INFERENCE);
        assertArrayEquals(new int[] {2, 12}, y.shape());
        assertArrayEquals(values, y.data());
        assertEquals(0, flatten.parameterCount());
    }

    @Test
    void aLayerBelongsToOneModel() {
        Flatten flatten = new Flatten();
        flatten.build(new int[] {4, 4, 1});
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> flatten.build(new int[] {4, 4, 1}));
        assertTrue(e.getMessage().contains("already built"), e.getMessage());
    }
}

package dev.fovea.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class AddTest {
    @Test
    void sumsInputsOfOneShape() {
        Add add = new Add();
        assertArrayEquals(new int[] {2, 2, 3}, add.build(List.of(new int[] {2, 2, 3}, new int[] {2, 2, 3},
                new int[] {2, 2, 3})));
        assertEquals(3, add.inputShapes().size());
        assertEquals(0, add.parameterCount());
        assertTrue(add.config().isEmpty());
        Tensor a = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2);
        Tensor b = Tensor.of(new float[] {0.5f, 0.5f, -3, 1}, 2, 2);
        assertArrayEquals(new float[] {1.5f, 2.5f, 0, 5}, new Add().forward(List.of(a, b), ForwardContext.INFERENCE).data());
    }

    @Test
    void refusesShapesThatDifferAndASingleInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Add().build(List.of(new int[] {4, 4, 8}, new int[] {2, 2, 8})));
        assertTrue(e.getMessage().contains("Add needs inputs of one shape, got (4, 4, 8) and (2, 2, 8)"), e.getMessage());
        LayerChecks.assertRejectsInput(new Add(), new int[] {4}, "Add merges two or more inputs, got 1");
        Tensor x = Tensor.of(new float[4], 2, 2);
        IllegalArgumentException forward = assertThrows(IllegalArgumentException.class,
                () -> new Add().forward(x, ForwardContext.INFERENCE));
        assertTrue(forward.getMessage().contains("two or more inputs, got 1"), forward.getMessage());
    }
}

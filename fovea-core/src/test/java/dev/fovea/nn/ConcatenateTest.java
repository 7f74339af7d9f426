package dev.fovea.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConcatenateTest {
    @Test
    void joinsTheChannelsOfImagesOfOneSize() {
        Concatenate concatenate = new Concatenate();
        assertArrayEquals(new int[] {5, 5, 7}, concatenate.build(List.of(new int[] {5, 5, 4}, new int[] {5, 5, 3})));
        assertEquals(0, concatenate.parameterCount());
        assertTrue(concatenate.config().isEmpty());
    }

    @Test
    void joinsEachExamplesChannelsInInputOrder() {
        // Two 1x2 images, 1 channel and 2 channels: each pixel gets [a, b0, b1].
        Tensor a = Tensor.of(new float[] {1, 2, 3, 4}, 2, 1, 2, 1);
        Tensor b = Tensor.of(new float[] {10, 11, 20, 21, 30, 31, 40, 41}, 2, 1, 2, 2);
        Tensor y = new Concatenate().forward(List.of(a, b), ForwardContext.INFERENCE);
        assertArrayEquals(new int[] {2, 1, 2, 3}, y.shape());
        assertArrayEquals(new float[] {1, 10, 11, 2, 20, 21, 3, 30, 31, 4, 40, 41}, y.data());
    }

    @Test
    void refusesImagesOfDifferentSizes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Concatenate().build(List.of(new int[] {5, 5, 4}, new int[] {4, 5, 4})));
        assertTrue(e.getMessage().contains("differ only in their last axis, got (5, 5, 4) and (4, 5, 4)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Concatenate().build(List.of(new int[] {5, 5, 4},
                new int[] {100})));
    }
}

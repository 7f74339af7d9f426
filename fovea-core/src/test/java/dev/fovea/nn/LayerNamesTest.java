package dev.fovea.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LayerNamesTest {
    @Test
    void unnamedLayersGetKerasNamesSkippingTakenOnes() {
        LayerNames names = new LayerNames();
        assertEquals("dense", names.claim(new Dense(2)));
        assertEquals("conv2d_1", names.claim(new Dense(2).name("conv2d_1")));
        assertEquals("dense_1", names.claim(new Dense(2)));
        assertEquals("conv2d", names.claim(new Conv2D(1, 1, ActivationFunction.RELU)));
        assertEquals("conv2d_2", names.claim(new Conv2D(1, 1, ActivationFunction.RELU)));
    }

    @Test
    void aNameIsTakenOnce() {
        LayerNames names = new LayerNames();
        names.claim("input_1");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> names.claim(new Flatten().name("input_1")));
        assertTrue(e.getMessage().contains("'input_1' is already in the model"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> names.claim("input_1"));
    }
}

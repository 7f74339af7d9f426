package dev.fovea.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Shape arithmetic and Keras-style printing. */
class ShapesTest {
    @Test
    void sizeIsTheProductOfDimensions() {
        assertEquals(1, Shapes.size(new int[0]), "a scalar holds one value");
        assertEquals(0, Shapes.size(new int[] {3, 0, 2}));
        assertEquals(2L * 28 * 28 * 1, Shapes.size(new int[] {2, 28, 28, 1}));
        assertEquals(1L << 40, Shapes.size(new int[] {1 << 20, 1 << 20}), "computed in long, no int overflow");
    }

    @Test
    void negativeDimensionIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Shapes.size(new int[] {2, -3}));
    }

    @Test
    void toStringMatchesKeras() {
        assertEquals("(2, 28, 28, 1)", Shapes.toString(new int[] {2, 28, 28, 1}));
        assertEquals("(5,)", Shapes.toString(new int[] {5}));
        assertEquals("()", Shapes.toString(new int[0]));
    }
}

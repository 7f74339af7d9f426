package dev.fovea.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ActivationFunctionTest {

    @ParameterizedTest
    @ValueSource(strings = {"linear", "relu", "sigmoid", "tanh", "softmax", "leaky_relu(0.1)", "leaky_relu(0.3)"})
    void parseReadsWhatToStringWrites(String name) {
        ActivationFunction f = ActivationFunction.parse(name);
        assertEquals(name, f.toString());
        assertEquals(f, ActivationFunction.parse(f.toString()));
    }

    @Test
    void leakyReluKeepsItsSlope() {
        ActivationFunction f = ActivationFunction.parse("leaky_relu(0.1)");
        assertEquals(ActivationFunction.leakyRelu(0.1f), f);
        assertEquals(ActivationFunction.leakyRelu(0.1f).hashCode(), f.hashCode());
        assertNotEquals(ActivationFunction.leakyRelu(0.2f), f);
        float[] y = f.apply(Tensor.of(new float[] {-2f, 3f}, 1, 2)).data();
        // 1e-7: one float multiplication.
        assertArrayEquals(new float[] {-0.2f, 3f}, y, 1e-7f);
    }

    @Test
    void plainLeakyReluUsesKerasDefaultSlopeAndNoneMeansLinear() {
        assertEquals(ActivationFunction.leakyRelu(0.3f), ActivationFunction.parse("leaky_relu"));
        assertEquals(ActivationFunction.LINEAR, ActivationFunction.parse(" None "));
        assertTrue(ActivationFunction.parse("LINEAR").isLinear());
    }

    @ParameterizedTest
    @ValueSource(strings = {"swish", "leaky_relu(x)", "leaky_relu(0.1", ""})
    void rejectsUnknownNamesListingTheKnownOnes(String name) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ActivationFunction.parse(name));
        assertTrue(e.getMessage().contains("unknown activation '" + name + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("leaky_relu(ALPHA)"), e.getMessage());
    }
}

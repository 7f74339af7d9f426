package dev.fovea.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Activation kernels at extreme inputs, where a naive formula overflows or loses everything. */
class ActivationKernelsTest {
    @ParameterizedTest(name = "sigmoid({0}) = {1}")
    @CsvSource({"-1000, 0", "-100, 3.7200760e-44", "0, 0.5", "100, 1", "1000, 1", "-20, 2.0611537e-9"})
    void sigmoidIsFiniteAndAccurateForLargeInputs(float x, float expected) {
        // exp(1000) overflows: the result must still be the limit, and tiny values keep their relative precision.
        assertEquals(expected, ActivationKernels.sigmoid(x), Math.abs(expected) * 1e-6f);
    }

    @Test
    void softmaxOfHugeLogitsIsShiftedBeforeExp() {
        float[] x = {1000f, 1001f, 999f, -1000f};
        float[] y = new float[4];
        ActivationKernels.softmaxForward(1, 4, x, y);
        // exp(0), exp(1), exp(-1) normalised; exp(-2000) underflows to 0.
        double sum = 1 + Math.E + Math.exp(-1);
        assertArrayEquals(new float[] {(float) (1 / sum), (float) (Math.E / sum), (float) (Math.exp(-1) / sum), 0f}, y,
                1e-7f);
    }

    @Test
    void softmaxNormalisesEachRowSeparately() {
        float[] x = {0, 0, 0, 5, 5, 5};
        float[] y = new float[6];
        ActivationKernels.softmaxForward(2, 3, x, y);
        float third = 1f / 3;
        assertArrayEquals(new float[] {third, third, third, third, third, third}, y, 1e-7f);
    }
}

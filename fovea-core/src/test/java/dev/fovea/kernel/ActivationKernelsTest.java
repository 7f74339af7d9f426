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

    @Test
    void reluGradientsPassExactlyWhereTheOutputIsPositive() {
        // ReLU outputs: +0, the smallest subnormal, ordinary values, the largest float and +inf.
        float[] y = {0f, Float.MIN_VALUE, 1e-30f, 0.5f, 3f, Float.MAX_VALUE, Float.POSITIVE_INFINITY, 0f};
        float[] dy = {-1.5f, -0f, 2f, -0f, Float.NaN, -7f, 1e-45f, Float.NEGATIVE_INFINITY};
        float[] start = {1f, -0f, -0f, 0f, 2f, -3f, 0f, 5f};
        float[] expectedAdded = new float[y.length];
        float[] expectedWritten = new float[y.length];
        for (int i = 0; i < y.length; i++) {
            expectedAdded[i] = start[i] + (y[i] > 0 ? dy[i] : 0f);
            expectedWritten[i] = y[i] > 0 ? dy[i] : 0f;
        }
        float[] added = start.clone();
        ActivationKernels.reluBackward(y, dy, added);
        float[] written = new float[y.length];
        ActivationKernels.reluGradient(y, dy, written);
        for (int i = 0; i < y.length; i++) {
            assertEquals(Float.floatToRawIntBits(expectedAdded[i]), Float.floatToRawIntBits(added[i]), "added " + i);
            assertEquals(Float.floatToRawIntBits(expectedWritten[i]), Float.floatToRawIntBits(written[i]),
                    "written " + i);
        }
    }
}

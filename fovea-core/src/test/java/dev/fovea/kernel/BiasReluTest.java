package dev.fovea.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Both bias-and-ReLU kernels against the definition, element by element and bit for bit: over
 * blocks of columns that fill whole vectors and that leave a remainder, starting at a column
 * other than 0, with values that test the edges (NaN, -0, +0, a bias that cancels a value).
 * Cells outside the block must keep their values.
 */
class BiasReluTest {
    private static final float[] VALUES = {-2, -1.5f, -0f, 0f, 0.25f, 1.5f, Float.NaN};

    @ParameterizedTest
    @ValueSource(strings = {"vector", "scalar"})
    void addsTheBiasThenTakesTheRelu(String name) {
        BiasRelu kernel = kernel(name);
        SplittableRandom random = new SplittableRandom(10);
        int ldc = 90;
        int rows = 5;
        int cOff = 7;
        for (int[] columns : new int[][] {{0, 16}, {0, 64}, {3, 40}, {16, 83}, {5, 6}, {0, 0}}) {
            int j0 = columns[0];
            int j1 = columns[1];
            for (boolean withBias : new boolean[] {false, true}) {
                for (boolean relu : new boolean[] {false, true}) {
                    float[] c = new float[cOff + rows * ldc];
                    float[] bias = new float[ldc];
                    for (int i = 0; i < c.length; i++) {
                        c[i] = VALUES[random.nextInt(VALUES.length)];
                    }
                    for (int j = 0; j < ldc; j++) {
                        bias[j] = VALUES[random.nextInt(VALUES.length)];
                    }
                    float[] before = c.clone();
                    kernel.apply(c, cOff, ldc, rows, j0, j1, withBias ? bias : null, relu);
                    for (int at = 0; at < c.length; at++) {
                        int i = (at - cOff) / ldc;
                        int j = (at - cOff) % ldc;
                        boolean inside = at >= cOff && i < rows && j >= j0 && j < j1;
                        float v = before[at];
                        if (inside) {
                            v = withBias ? v + bias[j] : v;
                            v = relu ? Math.max(v, 0f) : v;
                        }
                        String where = name + ": columns [" + j0 + ", " + j1 + "), bias " + withBias + ", relu "
                                + relu + ", at " + at;
                        assertEquals(Float.floatToRawIntBits(v), Float.floatToRawIntBits(c[at]), where);
                    }
                }
            }
        }
    }

    private static BiasRelu kernel(String name) {
        BiasRelu kernel = Gemm.biasRelu(name.equals("vector"));
        assumeTrue(name.equals("scalar") || kernel instanceof VectorBiasRelu, "jdk.incubator.vector absent");
        return kernel;
    }
}

package dev.fovea.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Both row kernels against the definitions, element by element and bit for bit: over blocks of
 * columns that fill whole vectors and that leave a remainder, starting at a column other than 0.
 * Cells outside the block must keep their values.
 */
class RowKernelsTest {
    private static final float[] VALUES = {-2, -1.5f, -0f, 0f, 0.25f, 1.5f, Float.NaN};

    @ParameterizedTest
    @ValueSource(strings = {"vector", "scalar"})
    void addsTheBiasThenTakesTheRelu(String name) {
        // Values that test the edges: NaN, -0, +0, a bias that cancels a value.
        RowKernels kernel = kernel(name);
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
                    kernel.biasRelu(c, cOff, ldc, rows, j0, j1, withBias ? bias : null, relu);
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

    /**
     * Column sums in row order, over 4-vector sweeps, single vectors and the remainder (fewer columns
     * than a vector: whole vectors while they stay inside m, then plain Java), m ending at its last row.
     */
    @ParameterizedTest
    @ValueSource(strings = {"vector", "scalar"})
    void sumsEachColumnInRowOrder(String name) {
        RowKernels kernel = kernel(name);
        SplittableRandom random = new SplittableRandom(11);
        int offset = 5;
        // columns, j0, j1, rows: the last two too short for any row's vector to fit inside m.
        for (int[] shape : new int[][] {{64, 0, 64, 37}, {70, 3, 70, 37}, {6, 0, 6, 37}, {16, 0, 16, 37},
                {130, 1, 129, 37}, {1, 0, 1, 37}, {9, 2, 7, 37}, {23, 0, 23, 37}, {3, 0, 3, 2}, {2, 1, 2, 1}}) {
            int columns = shape[0];
            int j0 = shape[1];
            int j1 = shape[2];
            int rows = shape[3];
            float[] m = new float[offset + rows * columns];
            for (int i = 0; i < m.length; i++) {
                m[i] = (float) random.nextGaussian() * (1 << random.nextInt(12));
            }
            float[] sums = new float[columns];
            for (int j = 0; j < columns; j++) {
                sums[j] = (float) random.nextGaussian();
            }
            float[] expected = sums.clone();
            for (int j = j0; j < j1; j++) {
                for (int r = 0; r < rows; r++) {
                    expected[j] += m[offset + r * columns + j];
                }
            }
            kernel.sumRows(m, offset, rows, columns, j0, j1, sums);
            for (int j = 0; j < columns; j++) {
                assertEquals(Float.floatToRawIntBits(expected[j]), Float.floatToRawIntBits(sums[j]),
                        name + ": " + columns + " columns, [" + j0 + ", " + j1 + "), column " + j);
            }
        }
    }

    /** A row added into another array: runs shorter than a vector, whole vectors, and a remainder. */
    @ParameterizedTest
    @ValueSource(strings = {"vector", "scalar"})
    void addsARowIntoAnotherArray(String name) {
        RowKernels kernel = kernel(name);
        SplittableRandom random = new SplittableRandom(12);
        for (int length : new int[] {0, 3, 16, 64, 192, 75}) {
            float[] src = new float[length + 9];
            float[] dst = new float[length + 4];
            for (int i = 0; i < src.length; i++) {
                src[i] = (float) random.nextGaussian();
            }
            for (int i = 0; i < dst.length; i++) {
                dst[i] = (float) random.nextGaussian();
            }
            float[] expected = dst.clone();
            for (int i = 0; i < length; i++) {
                expected[3 + i] += src[8 + i];
            }
            kernel.addRow(src, 8, dst, 3, length);
            for (int i = 0; i < dst.length; i++) {
                assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(dst[i]),
                        name + ": length " + length + ", at " + i);
            }
        }
    }

    private static RowKernels kernel(String name) {
        RowKernels kernel = Gemm.rowKernels(name.equals("vector"));
        assumeTrue(name.equals("scalar") || kernel instanceof VectorRowKernels, "jdk.incubator.vector absent");
        return kernel;
    }
}

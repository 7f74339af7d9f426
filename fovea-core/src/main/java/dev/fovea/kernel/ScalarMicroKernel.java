package dev.fovea.kernel;

import java.util.Arrays;

/**
 * The {@link MicroKernel} in plain Java, used when the Vector API is absent: the sums of the tile
 * live in a small array whose 16-wide rows the JIT vectorises.
 */
final class ScalarMicroKernel implements MicroKernel {
    private static final int MR = 4;
    private static final int NR = 16;

    @Override
    public int tileRows() {
        return MR;
    }

    @Override
    public int tileColumns() {
        return NR;
    }

    @Override
    public void tile(int kc, float[] a, int aOff, int rowStride, int kStride, float[] bp, int bOff, float[] c,
                     int cOff, int ldc, int rows, int cols, boolean overwrite, float[] sums) {
        Arrays.fill(sums, 0, MR * NR, 0f);
        for (int p = 0; p < kc; p++) {
            int ai = aOff + p * kStride;
            int bi = bOff + p * NR;
            float x0 = a[ai];
            float x1 = a[ai + rowStride];
            float x2 = a[ai + 2 * rowStride];
            float x3 = a[ai + 3 * rowStride];
            for (int j = 0; j < NR; j++) {
                float y = bp[bi + j];
                sums[j] += x0 * y;
                sums[NR + j] += x1 * y;
                sums[2 * NR + j] += x2 * y;
                sums[3 * NR + j] += x3 * y;
            }
        }
        for (int i = 0; i < rows; i++) {
            int row = cOff + i * ldc;
            if (overwrite) {
                System.arraycopy(sums, i * NR, c, row, cols);
            } else {
                for (int j = 0; j < cols; j++) {
                    c[row + j] += sums[i * NR + j];
                }
            }
        }
    }
}

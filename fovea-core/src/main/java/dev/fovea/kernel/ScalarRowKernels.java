package dev.fovea.kernel;

/** {@link RowKernels} in plain Java: the reference, and the last columns of the Vector API kernel's rows. */
final class ScalarRowKernels implements RowKernels {
    @Override
    public void biasRelu(float[] c, int cOff, int ldc, int rows, int j0, int j1, float[] bias, boolean relu) {
        for (int i = 0; i < rows; i++) {
            int row = cOff + i * ldc;
            if (bias != null && relu) {
                for (int j = j0; j < j1; j++) {
                    c[row + j] = Math.max(c[row + j] + bias[j], 0f);
                }
            } else if (bias != null) {
                for (int j = j0; j < j1; j++) {
                    c[row + j] += bias[j];
                }
            } else if (relu) {
                for (int j = j0; j < j1; j++) {
                    c[row + j] = Math.max(c[row + j], 0f);
                }
            }
        }
    }

    @Override
    public void sumRows(float[] m, int offset, int rows, int columns, int j0, int j1, float[] sums) {
        for (int r = 0, o = offset; r < rows; r++, o += columns) {
            for (int j = j0; j < j1; j++) {
                sums[j] += m[o + j];
            }
        }
    }

    @Override
    public void addRow(float[] src, int from, float[] dst, int to, int length) {
        for (int i = 0; i < length; i++) {
            dst[to + i] += src[from + i];
        }
    }
}

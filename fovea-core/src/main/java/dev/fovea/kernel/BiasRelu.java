package dev.fovea.kernel;

/**
 * What {@link Gemm#gemmBiasRelu} does to each finished block of C: add a bias per column, then take
 * the ReLU. The plain-Java loop stays scalar under C2 (it cannot rule out that C and the bias are
 * one array), which made it half the time of a first convolution's forward (one input channel,
 * nine products per output value); the Vector API kernel does the same float operations a vector
 * at a time.
 */
interface BiasRelu {
    /**
     * c[i, j] = c[i, j] + bias[j] (when bias is not null), then max(c[i, j], 0) (when {@code relu}),
     * for rows [0, rows) and columns [j0, j1), where element (i, j) is c[cOff + i * ldc + j]. A NaN
     * stays NaN and max(-0, 0) is +0, as with {@link Math#max}.
     */
    void apply(float[] c, int cOff, int ldc, int rows, int j0, int j1, float[] bias, boolean relu);
}

package dev.fovea.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link BiasRelu} with the Vector API, a vector of columns at a time; the columns past the last
 * whole vector go to the plain-Java kernel. {@link Gemm} loads this class reflectively, only when
 * the module {@code jdk.incubator.vector} is present.
 */
final class VectorBiasRelu implements BiasRelu {
    private static final VectorSpecies<Float> S = VectorMicroKernel.SPECIES;
    private static final BiasRelu TAIL = new ScalarBiasRelu();

    @Override
    public void apply(float[] c, int cOff, int ldc, int rows, int j0, int j1, float[] bias, boolean relu) {
        int vectorEnd = j0 + S.loopBound(j1 - j0);
        FloatVector zero = FloatVector.zero(S);
        // One loop per case, as in the micro-kernel: vectors merged through a branch can be boxed.
        for (int i = 0; i < rows; i++) {
            int row = cOff + i * ldc;
            if (bias != null && relu) {
                for (int j = j0; j < vectorEnd; j += S.length()) {
                    FloatVector.fromArray(S, c, row + j).add(FloatVector.fromArray(S, bias, j)).max(zero)
                            .intoArray(c, row + j);
                }
            } else if (bias != null) {
                for (int j = j0; j < vectorEnd; j += S.length()) {
                    FloatVector.fromArray(S, c, row + j).add(FloatVector.fromArray(S, bias, j)).intoArray(c, row + j);
                }
            } else if (relu) {
                for (int j = j0; j < vectorEnd; j += S.length()) {
                    FloatVector.fromArray(S, c, row + j).max(zero).intoArray(c, row + j);
                }
            }
        }
        if (vectorEnd < j1) {
            TAIL.apply(c, cOff, ldc, rows, vectorEnd, j1, bias, relu);
        }
    }
}

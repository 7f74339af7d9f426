package dev.fovea.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API kernel for a C of at most 16 columns on AVX-512: an 8 x 16 tile, one 512-bit
 * vector per row. On such products (the 6 to 16 filters of small networks' convolutions, and their
 * gradients) the {@link VectorMicroKernel}'s 4 x 32 tile would leave at least half of every FMA
 * unused; here 8 accumulators still hide the FMA latency. {@link Gemm} loads this class
 * reflectively, only when the module is present and the vectors are 512 bits wide.
 */
final class NarrowVectorMicroKernel implements MicroKernel {
    private static final VectorSpecies<Float> S = VectorMicroKernel.SPECIES;
    private static final int MR = 8;
    private static final int NR = S.length();

    NarrowVectorMicroKernel() {
        if (NR != 16) {
            throw new UnsupportedOperationException("the narrow tile is for 512-bit vectors, not " + S.vectorBitSize());
        }
    }

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
        FloatVector c0 = FloatVector.zero(S);
        FloatVector c1 = FloatVector.zero(S);
        FloatVector c2 = FloatVector.zero(S);
        FloatVector c3 = FloatVector.zero(S);
        FloatVector c4 = FloatVector.zero(S);
        FloatVector c5 = FloatVector.zero(S);
        FloatVector c6 = FloatVector.zero(S);
        FloatVector c7 = FloatVector.zero(S);
        // Two copies of the loop, as in VectorMicroKernel: constant strides for a packed panel.
        if (rowStride == 1 && kStride == MR) {
            for (int p = 0; p < kc; p++) {
                int ai = aOff + p * MR;
                FloatVector b = FloatVector.fromArray(S, bp, bOff + p * NR);
                c0 = FloatVector.broadcast(S, a[ai]).fma(b, c0);
                c1 = FloatVector.broadcast(S, a[ai + 1]).fma(b, c1);
                c2 = FloatVector.broadcast(S, a[ai + 2]).fma(b, c2);
                c3 = FloatVector.broadcast(S, a[ai + 3]).fma(b, c3);
                c4 = FloatVector.broadcast(S, a[ai + 4]).fma(b, c4);
                c5 = FloatVector.broadcast(S, a[ai + 5]).fma(b, c5);
                c6 = FloatVector.broadcast(S, a[ai + 6]).fma(b, c6);
                c7 = FloatVector.broadcast(S, a[ai + 7]).fma(b, c7);
            }
        } else {
            for (int p = 0; p < kc; p++) {
                int ai = aOff + p * kStride;
                FloatVector b = FloatVector.fromArray(S, bp, bOff + p * NR);
                c0 = FloatVector.broadcast(S, a[ai]).fma(b, c0);
                c1 = FloatVector.broadcast(S, a[ai + rowStride]).fma(b, c1);
                c2 = FloatVector.broadcast(S, a[ai + 2 * rowStride]).fma(b, c2);
                c3 = FloatVector.broadcast(S, a[ai + 3 * rowStride]).fma(b, c3);
                c4 = FloatVector.broadcast(S, a[ai + 4 * rowStride]).fma(b, c4);
                c5 = FloatVector.broadcast(S, a[ai + 5 * rowStride]).fma(b, c5);
                c6 = FloatVector.broadcast(S, a[ai + 6 * rowStride]).fma(b, c6);
                c7 = FloatVector.broadcast(S, a[ai + 7 * rowStride]).fma(b, c7);
            }
        }
        // Stores in this method and in two sequences, for the reasons VectorMicroKernel gives.
        if (rows == MR && cols == NR) {
            if (overwrite) {
                c0.intoArray(c, cOff);
                c1.intoArray(c, cOff + ldc);
                c2.intoArray(c, cOff + 2 * ldc);
                c3.intoArray(c, cOff + 3 * ldc);
                c4.intoArray(c, cOff + 4 * ldc);
                c5.intoArray(c, cOff + 5 * ldc);
                c6.intoArray(c, cOff + 6 * ldc);
                c7.intoArray(c, cOff + 7 * ldc);
            } else {
                FloatVector.fromArray(S, c, cOff).add(c0).intoArray(c, cOff);
                FloatVector.fromArray(S, c, cOff + ldc).add(c1).intoArray(c, cOff + ldc);
                FloatVector.fromArray(S, c, cOff + 2 * ldc).add(c2).intoArray(c, cOff + 2 * ldc);
                FloatVector.fromArray(S, c, cOff + 3 * ldc).add(c3).intoArray(c, cOff + 3 * ldc);
                FloatVector.fromArray(S, c, cOff + 4 * ldc).add(c4).intoArray(c, cOff + 4 * ldc);
                FloatVector.fromArray(S, c, cOff + 5 * ldc).add(c5).intoArray(c, cOff + 5 * ldc);
                FloatVector.fromArray(S, c, cOff + 6 * ldc).add(c6).intoArray(c, cOff + 6 * ldc);
                FloatVector.fromArray(S, c, cOff + 7 * ldc).add(c7).intoArray(c, cOff + 7 * ldc);
            }
        } else {
            c0.intoArray(sums, 0);
            c1.intoArray(sums, NR);
            c2.intoArray(sums, 2 * NR);
            c3.intoArray(sums, 3 * NR);
            c4.intoArray(sums, 4 * NR);
            c5.intoArray(sums, 5 * NR);
            c6.intoArray(sums, 6 * NR);
            c7.intoArray(sums, 7 * NR);
            MicroKernel.storeEdge(sums, NR, c, cOff, ldc, rows, cols, overwrite);
        }
    }
}

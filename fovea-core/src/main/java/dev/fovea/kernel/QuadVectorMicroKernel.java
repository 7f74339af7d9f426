package dev.fovea.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API kernel on AVX-512 for a convolution's windows read in place against 33-64 filters: a
 * 4 x 64 tile, four 512-bit vectors per row, so that each of the four strided rows of A is read once
 * for all 64 columns and 16 accumulators hide the FMA latency (the 8 x 32 tile's eight strided rows
 * were slower there). Its B micro-panel, 64 KB, comes from L2 at each tile. On JDK 25 model A's and
 * C's second convolution with pooling ran 8-10 % faster than with {@link VectorMicroKernel}'s 4 x 32
 * tile. Used from JDK 25 on, with {@link WideVectorMicroKernel} (its 16 accumulators are the kind of
 * method JDK 17 compiled 100 times slower; this one was not measured there); same sums, bit for bit.
 * Loaded reflectively, as the other Vector API kernels.
 */
final class QuadVectorMicroKernel implements GatheringMicroKernel {
    private static final VectorSpecies<Float> S = VectorMicroKernel.SPECIES;
    private static final int L = S.length();
    private static final int MR = 4;
    private static final int NR = 4 * L;

    QuadVectorMicroKernel() {
        if (L != 16) {
            throw new UnsupportedOperationException("the quad tile is for 512-bit vectors, not " + S.vectorBitSize());
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
    public void multiply(int kc, int[] table, int tableOff, float[] a, int aOff, int rowStride, int kStride,
                         float[] bp, int bOff, float[] c, int cOff, int ldc, int rows, int cols, boolean overwrite,
                         float[] sums) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = FloatVector.zero(S);
        FloatVector c02 = FloatVector.zero(S);
        FloatVector c03 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S);
        FloatVector c11 = FloatVector.zero(S);
        FloatVector c12 = FloatVector.zero(S);
        FloatVector c13 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S);
        FloatVector c21 = FloatVector.zero(S);
        FloatVector c22 = FloatVector.zero(S);
        FloatVector c23 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S);
        FloatVector c31 = FloatVector.zero(S);
        FloatVector c32 = FloatVector.zero(S);
        FloatVector c33 = FloatVector.zero(S);
        // Three copies of the loop: as in VectorMicroKernel, constant strides for a packed panel; and the
        // gathered runs, whose inner loop reads A with stride 1.
        if (table != null) {
            for (int run = tableOff; run < tableOff + GatheringMicroKernel.RUN * kc; run += GatheringMicroKernel.RUN) {
                int aStart = aOff + table[run];
                int bStart = bOff + table[run + 1] * NR;
                int length = table[run + 2];
                for (int q = 0; q < length; q++) {
                    int ai = aStart + q;
                    int bi = bStart + q * NR;
                    FloatVector b0 = FloatVector.fromArray(S, bp, bi + 0 * L);
                    FloatVector b1 = FloatVector.fromArray(S, bp, bi + 1 * L);
                    FloatVector b2 = FloatVector.fromArray(S, bp, bi + 2 * L);
                    FloatVector b3 = FloatVector.fromArray(S, bp, bi + 3 * L);
                    FloatVector a0 = FloatVector.broadcast(S, a[ai]);
                    c00 = a0.fma(b0, c00);
                    c01 = a0.fma(b1, c01);
                    c02 = a0.fma(b2, c02);
                    c03 = a0.fma(b3, c03);
                    FloatVector a1 = FloatVector.broadcast(S, a[ai + rowStride]);
                    c10 = a1.fma(b0, c10);
                    c11 = a1.fma(b1, c11);
                    c12 = a1.fma(b2, c12);
                    c13 = a1.fma(b3, c13);
                    FloatVector a2 = FloatVector.broadcast(S, a[ai + 2 * rowStride]);
                    c20 = a2.fma(b0, c20);
                    c21 = a2.fma(b1, c21);
                    c22 = a2.fma(b2, c22);
                    c23 = a2.fma(b3, c23);
                    FloatVector a3 = FloatVector.broadcast(S, a[ai + 3 * rowStride]);
                    c30 = a3.fma(b0, c30);
                    c31 = a3.fma(b1, c31);
                    c32 = a3.fma(b2, c32);
                    c33 = a3.fma(b3, c33);
                }
            }
        } else if (rowStride == 1 && kStride == MR) {
            for (int p = 0; p < kc; p++) {
                int ai = aOff + p * MR;
                int bi = bOff + p * NR;
                FloatVector b0 = FloatVector.fromArray(S, bp, bi + 0 * L);
                FloatVector b1 = FloatVector.fromArray(S, bp, bi + 1 * L);
                FloatVector b2 = FloatVector.fromArray(S, bp, bi + 2 * L);
                FloatVector b3 = FloatVector.fromArray(S, bp, bi + 3 * L);
                FloatVector a0 = FloatVector.broadcast(S, a[ai]);
                c00 = a0.fma(b0, c00);
                c01 = a0.fma(b1, c01);
                c02 = a0.fma(b2, c02);
                c03 = a0.fma(b3, c03);
                FloatVector a1 = FloatVector.broadcast(S, a[ai + 1]);
                c10 = a1.fma(b0, c10);
                c11 = a1.fma(b1, c11);
                c12 = a1.fma(b2, c12);
                c13 = a1.fma(b3, c13);
                FloatVector a2 = FloatVector.broadcast(S, a[ai + 2]);
                c20 = a2.fma(b0, c20);
                c21 = a2.fma(b1, c21);
                c22 = a2.fma(b2, c22);
                c23 = a2.fma(b3, c23);
                FloatVector a3 = FloatVector.broadcast(S, a[ai + 3]);
                c30 = a3.fma(b0, c30);
                c31 = a3.fma(b1, c31);
                c32 = a3.fma(b2, c32);
                c33 = a3.fma(b3, c33);
            }
        } else {
            for (int p = 0; p < kc; p++) {
                int ai = aOff + p * kStride;
                int bi = bOff + p * NR;
                FloatVector b0 = FloatVector.fromArray(S, bp, bi + 0 * L);
                FloatVector b1 = FloatVector.fromArray(S, bp, bi + 1 * L);
                FloatVector b2 = FloatVector.fromArray(S, bp, bi + 2 * L);
                FloatVector b3 = FloatVector.fromArray(S, bp, bi + 3 * L);
                FloatVector a0 = FloatVector.broadcast(S, a[ai]);
                c00 = a0.fma(b0, c00);
                c01 = a0.fma(b1, c01);
                c02 = a0.fma(b2, c02);
                c03 = a0.fma(b3, c03);
                FloatVector a1 = FloatVector.broadcast(S, a[ai + rowStride]);
                c10 = a1.fma(b0, c10);
                c11 = a1.fma(b1, c11);
                c12 = a1.fma(b2, c12);
                c13 = a1.fma(b3, c13);
                FloatVector a2 = FloatVector.broadcast(S, a[ai + 2 * rowStride]);
                c20 = a2.fma(b0, c20);
                c21 = a2.fma(b1, c21);
                c22 = a2.fma(b2, c22);
                c23 = a2.fma(b3, c23);
                FloatVector a3 = FloatVector.broadcast(S, a[ai + 3 * rowStride]);
                c30 = a3.fma(b0, c30);
                c31 = a3.fma(b1, c31);
                c32 = a3.fma(b2, c32);
                c33 = a3.fma(b3, c33);
            }
        }
        // Stores in this method and in two sequences, for the reasons VectorMicroKernel gives.
        if (rows == MR && cols == NR) {
            int r0 = cOff;
            int r1 = r0 + ldc;
            int r2 = r1 + ldc;
            int r3 = r2 + ldc;
            if (overwrite) {
                c00.intoArray(c, r0 + 0 * L);
                c01.intoArray(c, r0 + 1 * L);
                c02.intoArray(c, r0 + 2 * L);
                c03.intoArray(c, r0 + 3 * L);
                c10.intoArray(c, r1 + 0 * L);
                c11.intoArray(c, r1 + 1 * L);
                c12.intoArray(c, r1 + 2 * L);
                c13.intoArray(c, r1 + 3 * L);
                c20.intoArray(c, r2 + 0 * L);
                c21.intoArray(c, r2 + 1 * L);
                c22.intoArray(c, r2 + 2 * L);
                c23.intoArray(c, r2 + 3 * L);
                c30.intoArray(c, r3 + 0 * L);
                c31.intoArray(c, r3 + 1 * L);
                c32.intoArray(c, r3 + 2 * L);
                c33.intoArray(c, r3 + 3 * L);
            } else {
                FloatVector.fromArray(S, c, r0 + 0 * L).add(c00).intoArray(c, r0 + 0 * L);
                FloatVector.fromArray(S, c, r0 + 1 * L).add(c01).intoArray(c, r0 + 1 * L);
                FloatVector.fromArray(S, c, r0 + 2 * L).add(c02).intoArray(c, r0 + 2 * L);
                FloatVector.fromArray(S, c, r0 + 3 * L).add(c03).intoArray(c, r0 + 3 * L);
                FloatVector.fromArray(S, c, r1 + 0 * L).add(c10).intoArray(c, r1 + 0 * L);
                FloatVector.fromArray(S, c, r1 + 1 * L).add(c11).intoArray(c, r1 + 1 * L);
                FloatVector.fromArray(S, c, r1 + 2 * L).add(c12).intoArray(c, r1 + 2 * L);
                FloatVector.fromArray(S, c, r1 + 3 * L).add(c13).intoArray(c, r1 + 3 * L);
                FloatVector.fromArray(S, c, r2 + 0 * L).add(c20).intoArray(c, r2 + 0 * L);
                FloatVector.fromArray(S, c, r2 + 1 * L).add(c21).intoArray(c, r2 + 1 * L);
                FloatVector.fromArray(S, c, r2 + 2 * L).add(c22).intoArray(c, r2 + 2 * L);
                FloatVector.fromArray(S, c, r2 + 3 * L).add(c23).intoArray(c, r2 + 3 * L);
                FloatVector.fromArray(S, c, r3 + 0 * L).add(c30).intoArray(c, r3 + 0 * L);
                FloatVector.fromArray(S, c, r3 + 1 * L).add(c31).intoArray(c, r3 + 1 * L);
                FloatVector.fromArray(S, c, r3 + 2 * L).add(c32).intoArray(c, r3 + 2 * L);
                FloatVector.fromArray(S, c, r3 + 3 * L).add(c33).intoArray(c, r3 + 3 * L);
            }
        } else {
            c00.intoArray(sums, 0 * NR + 0 * L);
            c01.intoArray(sums, 0 * NR + 1 * L);
            c02.intoArray(sums, 0 * NR + 2 * L);
            c03.intoArray(sums, 0 * NR + 3 * L);
            c10.intoArray(sums, 1 * NR + 0 * L);
            c11.intoArray(sums, 1 * NR + 1 * L);
            c12.intoArray(sums, 1 * NR + 2 * L);
            c13.intoArray(sums, 1 * NR + 3 * L);
            c20.intoArray(sums, 2 * NR + 0 * L);
            c21.intoArray(sums, 2 * NR + 1 * L);
            c22.intoArray(sums, 2 * NR + 2 * L);
            c23.intoArray(sums, 2 * NR + 3 * L);
            c30.intoArray(sums, 3 * NR + 0 * L);
            c31.intoArray(sums, 3 * NR + 1 * L);
            c32.intoArray(sums, 3 * NR + 2 * L);
            c33.intoArray(sums, 3 * NR + 3 * L);
            MicroKernel.storeEdge(sums, NR, c, cOff, ldc, rows, cols, overwrite);
        }
    }
}

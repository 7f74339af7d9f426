package dev.fovea.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API kernel on AVX-512 for products of more than 16 columns that have more than
 * {@link Gemm#IN_PLACE_A_COLUMNS} or A transposed (dense layers, square GEMMs, weight gradients): an
 * 8 x 32 tile, two 512-bit vectors per row. Its 16 accumulators, which AVX-512's 32 registers hold,
 * hide the FMA latency with room to spare where {@link VectorMicroKernel}'s 8 only just do: on JDK 25
 * a square GEMM ran 2-7 % faster, a 256 x 3136 x 1024 dense layer 5-14 %, and convolutions' weight
 * gradients (A = the windows transposed, read in place, whose eight rows are adjacent) 22-25 %.
 * Reading eight strided rows of A in place (a convolution's windows against at most 64 filters) was
 * 5-10 % slower, so {@link Gemm} gives those the 4 x 32 tile, or for 33-64 filters the
 * {@link QuadVectorMicroKernel}'s 4 x 64.
 *
 * <p>It also gathers ({@link GatheringMicroKernel}), eight images per tile: the forward pass of
 * convolutions of more than 64 filters (25-31 % faster than through the columns at batch 256) and the
 * input gradient as a correlation of 17-32 channels (see {@link Gemm#kernelForGathering}) or more than 64
 * (37 % faster).
 *
 * <p>JDK 17's C2 compiles this method into code about a hundred times slower (3 GFLOP/s), so Gemm
 * uses it only from JDK 25 on, the newer JDK it was measured on; the tile's sums are those of the
 * other kernels, bit for bit, whichever runs. Loaded reflectively, as the other Vector API kernels.
 */
final class WideVectorMicroKernel implements GatheringMicroKernel {
    private static final VectorSpecies<Float> S = VectorMicroKernel.SPECIES;
    private static final int L = S.length();
    private static final int MR = 8;
    private static final int NR = 2 * L;

    WideVectorMicroKernel() {
        if (L != 16) {
            // Two 256-bit vectors per row would need 16 accumulators in AVX2's 16 registers: spills.
            throw new UnsupportedOperationException("the wide tile is for 512-bit vectors, not " + S.vectorBitSize());
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
        FloatVector c10 = FloatVector.zero(S);
        FloatVector c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S);
        FloatVector c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S);
        FloatVector c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S);
        FloatVector c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S);
        FloatVector c51 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S);
        FloatVector c61 = FloatVector.zero(S);
        FloatVector c70 = FloatVector.zero(S);
        FloatVector c71 = FloatVector.zero(S);
        // Three copies of the loop, as in VectorMicroKernel: constant strides for a packed panel, and the
        // gathered runs.
        if (table != null) {
            for (int run = tableOff; run < tableOff + GatheringMicroKernel.RUN * kc; run += GatheringMicroKernel.RUN) {
                int aStart = aOff + table[run];
                int bStart = bOff + table[run + 1] * NR;
                int length = table[run + 2];
                for (int q = 0; q < length; q++) {
                    int ai = aStart + q;
                    int bi = bStart + q * NR;
                    FloatVector b0 = FloatVector.fromArray(S, bp, bi);
                    FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
                    FloatVector a0 = FloatVector.broadcast(S, a[ai]);
                    c00 = a0.fma(b0, c00);
                    c01 = a0.fma(b1, c01);
                    FloatVector a1 = FloatVector.broadcast(S, a[ai + rowStride]);
                    c10 = a1.fma(b0, c10);
                    c11 = a1.fma(b1, c11);
                    FloatVector a2 = FloatVector.broadcast(S, a[ai + 2 * rowStride]);
                    c20 = a2.fma(b0, c20);
                    c21 = a2.fma(b1, c21);
                    FloatVector a3 = FloatVector.broadcast(S, a[ai + 3 * rowStride]);
                    c30 = a3.fma(b0, c30);
                    c31 = a3.fma(b1, c31);
                    FloatVector a4 = FloatVector.broadcast(S, a[ai + 4 * rowStride]);
                    c40 = a4.fma(b0, c40);
                    c41 = a4.fma(b1, c41);
                    FloatVector a5 = FloatVector.broadcast(S, a[ai + 5 * rowStride]);
                    c50 = a5.fma(b0, c50);
                    c51 = a5.fma(b1, c51);
                    FloatVector a6 = FloatVector.broadcast(S, a[ai + 6 * rowStride]);
                    c60 = a6.fma(b0, c60);
                    c61 = a6.fma(b1, c61);
                    FloatVector a7 = FloatVector.broadcast(S, a[ai + 7 * rowStride]);
                    c70 = a7.fma(b0, c70);
                    c71 = a7.fma(b1, c71);
                }
            }
        } else if (rowStride == 1 && kStride == MR) {
            for (int p = 0; p < kc; p++) {
                int ai = aOff + p * MR;
                int bi = bOff + p * NR;
                FloatVector b0 = FloatVector.fromArray(S, bp, bi);
                FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
                FloatVector a0 = FloatVector.broadcast(S, a[ai]);
                c00 = a0.fma(b0, c00);
                c01 = a0.fma(b1, c01);
                FloatVector a1 = FloatVector.broadcast(S, a[ai + 1]);
                c10 = a1.fma(b0, c10);
                c11 = a1.fma(b1, c11);
                FloatVector a2 = FloatVector.broadcast(S, a[ai + 2]);
                c20 = a2.fma(b0, c20);
                c21 = a2.fma(b1, c21);
                FloatVector a3 = FloatVector.broadcast(S, a[ai + 3]);
                c30 = a3.fma(b0, c30);
                c31 = a3.fma(b1, c31);
                FloatVector a4 = FloatVector.broadcast(S, a[ai + 4]);
                c40 = a4.fma(b0, c40);
                c41 = a4.fma(b1, c41);
                FloatVector a5 = FloatVector.broadcast(S, a[ai + 5]);
                c50 = a5.fma(b0, c50);
                c51 = a5.fma(b1, c51);
                FloatVector a6 = FloatVector.broadcast(S, a[ai + 6]);
                c60 = a6.fma(b0, c60);
                c61 = a6.fma(b1, c61);
                FloatVector a7 = FloatVector.broadcast(S, a[ai + 7]);
                c70 = a7.fma(b0, c70);
                c71 = a7.fma(b1, c71);
            }
        } else {
            for (int p = 0; p < kc; p++) {
                int ai = aOff + p * kStride;
                int bi = bOff + p * NR;
                FloatVector b0 = FloatVector.fromArray(S, bp, bi);
                FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
                FloatVector a0 = FloatVector.broadcast(S, a[ai]);
                c00 = a0.fma(b0, c00);
                c01 = a0.fma(b1, c01);
                FloatVector a1 = FloatVector.broadcast(S, a[ai + rowStride]);
                c10 = a1.fma(b0, c10);
                c11 = a1.fma(b1, c11);
                FloatVector a2 = FloatVector.broadcast(S, a[ai + 2 * rowStride]);
                c20 = a2.fma(b0, c20);
                c21 = a2.fma(b1, c21);
                FloatVector a3 = FloatVector.broadcast(S, a[ai + 3 * rowStride]);
                c30 = a3.fma(b0, c30);
                c31 = a3.fma(b1, c31);
                FloatVector a4 = FloatVector.broadcast(S, a[ai + 4 * rowStride]);
                c40 = a4.fma(b0, c40);
                c41 = a4.fma(b1, c41);
                FloatVector a5 = FloatVector.broadcast(S, a[ai + 5 * rowStride]);
                c50 = a5.fma(b0, c50);
                c51 = a5.fma(b1, c51);
                FloatVector a6 = FloatVector.broadcast(S, a[ai + 6 * rowStride]);
                c60 = a6.fma(b0, c60);
                c61 = a6.fma(b1, c61);
                FloatVector a7 = FloatVector.broadcast(S, a[ai + 7 * rowStride]);
                c70 = a7.fma(b0, c70);
                c71 = a7.fma(b1, c71);
            }
        }
        // Stores in this method and in two sequences, for the reasons VectorMicroKernel gives.
        if (rows == MR && cols == NR) {
            int r0 = cOff;
            int r1 = r0 + ldc;
            int r2 = r1 + ldc;
            int r3 = r2 + ldc;
            int r4 = r3 + ldc;
            int r5 = r4 + ldc;
            int r6 = r5 + ldc;
            int r7 = r6 + ldc;
            if (overwrite) {
                c00.intoArray(c, r0);
                c01.intoArray(c, r0 + L);
                c10.intoArray(c, r1);
                c11.intoArray(c, r1 + L);
                c20.intoArray(c, r2);
                c21.intoArray(c, r2 + L);
                c30.intoArray(c, r3);
                c31.intoArray(c, r3 + L);
                c40.intoArray(c, r4);
                c41.intoArray(c, r4 + L);
                c50.intoArray(c, r5);
                c51.intoArray(c, r5 + L);
                c60.intoArray(c, r6);
                c61.intoArray(c, r6 + L);
                c70.intoArray(c, r7);
                c71.intoArray(c, r7 + L);
            } else {
                FloatVector.fromArray(S, c, r0).add(c00).intoArray(c, r0);
                FloatVector.fromArray(S, c, r0 + L).add(c01).intoArray(c, r0 + L);
                FloatVector.fromArray(S, c, r1).add(c10).intoArray(c, r1);
                FloatVector.fromArray(S, c, r1 + L).add(c11).intoArray(c, r1 + L);
                FloatVector.fromArray(S, c, r2).add(c20).intoArray(c, r2);
                FloatVector.fromArray(S, c, r2 + L).add(c21).intoArray(c, r2 + L);
                FloatVector.fromArray(S, c, r3).add(c30).intoArray(c, r3);
                FloatVector.fromArray(S, c, r3 + L).add(c31).intoArray(c, r3 + L);
                FloatVector.fromArray(S, c, r4).add(c40).intoArray(c, r4);
                FloatVector.fromArray(S, c, r4 + L).add(c41).intoArray(c, r4 + L);
                FloatVector.fromArray(S, c, r5).add(c50).intoArray(c, r5);
                FloatVector.fromArray(S, c, r5 + L).add(c51).intoArray(c, r5 + L);
                FloatVector.fromArray(S, c, r6).add(c60).intoArray(c, r6);
                FloatVector.fromArray(S, c, r6 + L).add(c61).intoArray(c, r6 + L);
                FloatVector.fromArray(S, c, r7).add(c70).intoArray(c, r7);
                FloatVector.fromArray(S, c, r7 + L).add(c71).intoArray(c, r7 + L);
            }
        } else {
            c00.intoArray(sums, 0 * NR);
            c01.intoArray(sums, 0 * NR + L);
            c10.intoArray(sums, 1 * NR);
            c11.intoArray(sums, 1 * NR + L);
            c20.intoArray(sums, 2 * NR);
            c21.intoArray(sums, 2 * NR + L);
            c30.intoArray(sums, 3 * NR);
            c31.intoArray(sums, 3 * NR + L);
            c40.intoArray(sums, 4 * NR);
            c41.intoArray(sums, 4 * NR + L);
            c50.intoArray(sums, 5 * NR);
            c51.intoArray(sums, 5 * NR + L);
            c60.intoArray(sums, 6 * NR);
            c61.intoArray(sums, 6 * NR + L);
            c70.intoArray(sums, 7 * NR);
            c71.intoArray(sums, 7 * NR + L);
            MicroKernel.storeEdge(sums, NR, c, cOff, ldc, rows, cols, overwrite);
        }
    }
}

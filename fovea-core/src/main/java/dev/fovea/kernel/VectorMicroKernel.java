package dev.fovea.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The {@link MicroKernel} written with the Vector API (module {@code jdk.incubator.vector}): each
 * row of the 4-row tile is two vectors of the CPU's widest kind, updated by fused multiply-adds. On
 * AVX2 that is 2 x 8 floats (a 4 x 16 tile); with AVX-512 2 x 16 (4 x 32), which does twice the work
 * per instruction on a CPU that executes 512-bit FMAs at full width. (Wide products on JDK 25 take
 * the {@link WideVectorMicroKernel}'s 8 x 32 tile instead.) The system property
 * {@code fovea.vector.bits=256} keeps an AVX-512 CPU on 256-bit vectors (for CPUs that slow their
 * clock for 512-bit work, and to test the AVX2 tile there). {@link Gemm} loads this class
 * reflectively, only when the module is present.
 */
final class VectorMicroKernel implements GatheringMicroKernel {
    /** The vectors of the Vector API kernels: the CPU's widest, or the width fovea.vector.bits asks for. */
    static final VectorSpecies<Float> SPECIES = VectorSpecies.of(float.class, VectorShape.forBitSize(
            Integer.getInteger("fovea.vector.bits", FloatVector.SPECIES_PREFERRED.vectorBitSize())));
    private static final VectorSpecies<Float> S = SPECIES;
    private static final int L = S.length();   // floats per vector
    private static final int MR = 4;
    private static final int NR = 2 * L;

    VectorMicroKernel() {
        if (S.vectorBitSize() < 256 || S.vectorBitSize() > FloatVector.SPECIES_PREFERRED.vectorBitSize()) {
            // Wider vectors than the hardware has run as slow Java code; narrower ones are measured nowhere
            // yet. The plain-Java kernel stays in charge there.
            throw new UnsupportedOperationException("no " + S.vectorBitSize() + "-bit float vectors on this CPU");
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
        // Register budget (16 vector registers on AVX2): 8 accumulators (4 rows x 2 vectors), 2 vectors
        // of B and 1-2 broadcasts of A. Six rows would need 12 accumulators and spill under C2.
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S);
        FloatVector c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S);
        FloatVector c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S);
        FloatVector c31 = FloatVector.zero(S);
        // Three copies of the loop: with the strides of a packed panel as constants the JIT drops the bounds
        // checks on A from the loop, which it cannot do for strides passed in (5 % of a square GEMM); and
        // the gathered runs, each read with stride 1 (a gather table per value was 11 % slower than im2col).
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
            }
        }
        // The stores stay in this method: vectors passed to a helper the JIT does not inline get boxed.
        if (rows == MR && cols == NR) {
            int r0 = cOff;
            int r1 = r0 + ldc;
            int r2 = r1 + ldc;
            int r3 = r2 + ldc;
            // Two store sequences rather than a conditional add: merging vectors through a branch can box them.
            if (overwrite) {
                c00.intoArray(c, r0);
                c01.intoArray(c, r0 + L);
                c10.intoArray(c, r1);
                c11.intoArray(c, r1 + L);
                c20.intoArray(c, r2);
                c21.intoArray(c, r2 + L);
                c30.intoArray(c, r3);
                c31.intoArray(c, r3 + L);
            } else {
                FloatVector.fromArray(S, c, r0).add(c00).intoArray(c, r0);
                FloatVector.fromArray(S, c, r0 + L).add(c01).intoArray(c, r0 + L);
                FloatVector.fromArray(S, c, r1).add(c10).intoArray(c, r1);
                FloatVector.fromArray(S, c, r1 + L).add(c11).intoArray(c, r1 + L);
                FloatVector.fromArray(S, c, r2).add(c20).intoArray(c, r2);
                FloatVector.fromArray(S, c, r2 + L).add(c21).intoArray(c, r2 + L);
                FloatVector.fromArray(S, c, r3).add(c30).intoArray(c, r3);
                FloatVector.fromArray(S, c, r3 + L).add(c31).intoArray(c, r3 + L);
            }
        } else {
            // A tile on the edge of C: spill the sums and store the part inside C, with the same float add.
            c00.intoArray(sums, 0);
            c01.intoArray(sums, L);
            c10.intoArray(sums, NR);
            c11.intoArray(sums, NR + L);
            c20.intoArray(sums, 2 * NR);
            c21.intoArray(sums, 2 * NR + L);
            c30.intoArray(sums, 3 * NR);
            c31.intoArray(sums, 3 * NR + L);
            MicroKernel.storeEdge(sums, NR, c, cOff, ldc, rows, cols, overwrite);
        }
    }
}

package dev.fovea.kernel;

/**
 * Single-precision matrix multiply {@code C = op(A) * op(B)} or {@code C += op(A) * op(B)} on
 * row-major {@code float[]} matrices, where {@code op(X)} is X or its transpose.
 *
 * <p>Dimensions: op(A) is m x k, op(B) is k x n, C is m x n. {@code lda}, {@code ldb} and
 * {@code ldc} are the row strides of A, B and C as stored.
 *
 * <p>The fast path packs blocks of A and B into contiguous buffers (which also absorbs the
 * transposes) and runs a 4-row micro-kernel whose inner loop the JIT vectorises. Work is split
 * across {@link Parallel} on rows of C, or on columns when C has few rows. Each element of C is
 * summed over k in the same order whatever the thread count, so results do not depend on it.
 * {@link #reference} is the plain triple loop the fast path is tested against.
 */
public final class Gemm {
    private static final int KC = 256;   // depth of a packed panel: A block + B panel stay in L2
    private static final int MC = 64;    // rows of A packed at once
    private static final int NC = 512;   // columns of B packed at once
    private static final int MR = 4;     // rows the micro-kernel updates together

    private static final ThreadLocal<float[][]> BUFFERS =
            ThreadLocal.withInitial(() -> new float[][] {new float[MC * KC], new float[KC * NC]});

    private Gemm() {}

    public static void gemm(boolean transA, boolean transB, int m, int n, int k,
                            float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                            float[] c, int cOff, int ldc, boolean accumulate) {
        if (m == 0 || n == 0) {
            return;
        }
        if (!accumulate) {
            for (int i = 0; i < m; i++) {
                java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
            }
        }
        if (k == 0) {
            return;
        }
        long flops = 2L * m * n * k;
        boolean serial = flops < 2_000_000;
        if (serial) {
            block(transA, transB, 0, m, 0, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        } else if (m >= 2 * MC || m >= n) {
            int rowBlocks = (m + MR - 1) / MR;
            Parallel.forRange(rowBlocks, 4, (from, to) -> block(transA, transB,
                    from * MR, Math.min(m, to * MR), 0, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc));
        } else {
            int colBlocks = (n + 15) / 16;
            Parallel.forRange(colBlocks, 2, (from, to) -> columnBlock(transA, transB, m, from * 16,
                    Math.min(n, to * 16), k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc));
        }
    }

    /**
     * C[:, j0:j1] += op(A) * op(B)[:, j0:j1] through a private buffer. Threads splitting C by
     * columns would otherwise both write the cache line where their columns meet, in every row, at
     * every step of k: that false sharing made a 2-thread run ten times slower than one thread.
     */
    private static void columnBlock(boolean transA, boolean transB, int m, int j0, int j1, int k,
                                    float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                    float[] c, int cOff, int ldc) {
        int width = j1 - j0;
        float[] local = new float[m * width];
        block(transA, transB, 0, m, j0, j1, k, a, aOff, lda, b, bOff, ldb, local, -j0, width);
        for (int i = 0; i < m; i++) {
            int row = cOff + i * ldc + j0;
            for (int j = 0; j < width; j++) {
                c[row + j] += local[i * width + j];
            }
        }
    }

    /**
     * C[i0:i1, j0:j1] += op(A)[i0:i1, :] * op(B)[:, j0:j1], blocked and packed; element (i, j) of C
     * is at c[cOff + i * ldc + j].
     */
    private static void block(boolean transA, boolean transB, int i0, int i1, int j0, int j1, int k,
                              float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                              float[] c, int cOff, int ldc) {
        float[][] buffers = BUFFERS.get();
        float[] ap = buffers[0];
        float[] bp = buffers[1];
        for (int jc = j0; jc < j1; jc += NC) {
            int nc = Math.min(NC, j1 - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                packB(transB, b, bOff, ldb, pc, kc, jc, nc, bp);
                for (int ic = i0; ic < i1; ic += MC) {
                    int mc = Math.min(MC, i1 - ic);
                    packA(transA, a, aOff, lda, ic, mc, pc, kc, ap);
                    microKernels(mc, nc, kc, ap, bp, c, cOff + ic * ldc + jc, ldc);
                }
            }
        }
    }

    /** Packs op(A)[ic:ic+mc, pc:pc+kc] row-major into ap (mc x kc). */
    private static void packA(boolean transA, float[] a, int aOff, int lda, int ic, int mc, int pc, int kc,
                              float[] ap) {
        if (!transA) {
            for (int i = 0; i < mc; i++) {
                System.arraycopy(a, aOff + (ic + i) * lda + pc, ap, i * kc, kc);
            }
        } else {
            // A is stored k x m: element (i, p) of op(A) is a[p * lda + i].
            for (int p = 0; p < kc; p++) {
                int src = aOff + (pc + p) * lda + ic;
                for (int i = 0; i < mc; i++) {
                    ap[i * kc + p] = a[src + i];
                }
            }
        }
    }

    /** Packs op(B)[pc:pc+kc, jc:jc+nc] row-major into bp (kc x nc). */
    private static void packB(boolean transB, float[] b, int bOff, int ldb, int pc, int kc, int jc, int nc,
                              float[] bp) {
        if (!transB) {
            for (int p = 0; p < kc; p++) {
                System.arraycopy(b, bOff + (pc + p) * ldb + jc, bp, p * nc, nc);
            }
        } else {
            // B is stored n x k: element (p, j) of op(B) is b[j * ldb + p].
            for (int j = 0; j < nc; j++) {
                int src = bOff + (jc + j) * ldb + pc;
                for (int p = 0; p < kc; p++) {
                    bp[p * nc + j] = b[src + p];
                }
            }
        }
    }

    /** C (mc x nc at cOff, stride ldc) += ap (mc x kc) * bp (kc x nc). */
    private static void microKernels(int mc, int nc, int kc, float[] ap, float[] bp, float[] c, int cOff, int ldc) {
        int i = 0;
        for (; i + MR <= mc; i += MR) {
            int c0 = cOff + i * ldc;
            int c1 = c0 + ldc;
            int c2 = c1 + ldc;
            int c3 = c2 + ldc;
            int a0 = i * kc;
            for (int p = 0; p < kc; p++) {
                float x0 = ap[a0 + p];
                float x1 = ap[a0 + kc + p];
                float x2 = ap[a0 + 2 * kc + p];
                float x3 = ap[a0 + 3 * kc + p];
                int bo = p * nc;
                for (int j = 0; j < nc; j++) {
                    float y = bp[bo + j];
                    c[c0 + j] += x0 * y;
                    c[c1 + j] += x1 * y;
                    c[c2 + j] += x2 * y;
                    c[c3 + j] += x3 * y;
                }
            }
        }
        for (; i < mc; i++) {
            int c0 = cOff + i * ldc;
            for (int p = 0; p < kc; p++) {
                float x0 = ap[i * kc + p];
                int bo = p * nc;
                for (int j = 0; j < nc; j++) {
                    c[c0 + j] += x0 * bp[bo + j];
                }
            }
        }
    }

    /** The plain definition, summed in double: the reference the fast path is tested against. */
    public static void reference(boolean transA, boolean transB, int m, int n, int k,
                                 float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                 float[] c, int cOff, int ldc, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = accumulate ? c[cOff + i * ldc + j] : 0;
                for (int p = 0; p < k; p++) {
                    float x = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    float y = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    sum += (double) x * y;
                }
                c[cOff + i * ldc + j] = (float) sum;
            }
        }
    }
}

package dev.fovea.kernel;

import java.lang.System.Logger.Level;
import java.util.Arrays;

/**
 * Single-precision matrix multiply {@code C = op(A) * op(B)} or {@code C += op(A) * op(B)} on
 * row-major {@code float[]} matrices, where {@code op(X)} is X or its transpose.
 *
 * <p>Dimensions: op(A) is m x k, op(B) is k x n, C is m x n. {@code lda}, {@code ldb} and
 * {@code ldc} are the row strides of A, B and C as stored.
 *
 * <p>The fast path packs blocks of B (and of A, unless C is narrow) into contiguous micro-panels
 * (which also absorbs the transposes) and hands each MR x NR tile of C to a {@link MicroKernel},
 * chosen once when this class loads: the Vector API kernel when the module
 * {@code jdk.incubator.vector} is present (run Java with {@code --add-modules jdk.incubator.vector}),
 * else a plain-Java one; the system property {@code fovea.vector=false} forces the plain-Java one.
 * With 512-bit vectors a C of at most 16 columns goes to a second Vector API kernel whose tile is
 * that narrow, and from JDK 25 on a C of more than 64 columns, or of more than 16 with A transposed,
 * to a third with 8 x 32 tiles, and one of 33-64 columns with A not transposed to a fourth with
 * 4 x 64 tiles (17-32 columns keep the 4 x 32 tile, but for {@link #kernelForGathering}). Work is split
 * across {@link Parallel} on rows of C, or on columns when C has fewer rows than columns (and is not
 * too large to copy, see {@link #columnBlock}).
 * Each element of C is summed over k in the same order whatever the thread count (and whatever the
 * tile), so results do not depend on it; the plain-Java and the Vector API kernels differ in rounding
 * (the vector ones fuse each multiply-add). {@link #reference} is the plain triple loop the fast path
 * is tested against.
 *
 * <p>Passes over memory are kept few: without accumulation the first block of k writes C instead
 * of adding to zeros, {@link #gemmBiasRelu} adds a bias and takes a ReLU on each block of C while it
 * is in cache, and the packed panels are per-thread {@link Scratch} arrays reused by every call.
 */
public final class Gemm {
    /**
     * Depth of a packed panel (A block + B panel stay in L2). Each element of C is summed over k in
     * blocks of KC, each from zero: so C += A[:, 0:j] B[0:j, :] then C += A[:, j:] B[j:, :] gives
     * the same bits as one call whenever j is a multiple of KC.
     */
    static final int KC = 256;
    private static final int MC = 64;    // rows of A packed at once (a multiple of MR)
    static final int NC = 512;   // columns of B packed at once (a multiple of NR)
    /** Largest C (values) split across threads by columns, each thread copying its part (8 MB in all). */
    private static final long COLUMN_SPLIT_VALUES = 1 << 21;
    /** Widest C for which the kernel reads A in place rather than packed (see {@link #block}). */
    static final int IN_PLACE_A_COLUMNS = 64;

    private static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final MicroKernel KERNEL = selectKernel();
    /** The kernel for a C of at most its tile's columns, where KERNEL's tile is wider (AVX-512); else null. */
    private static final MicroKernel NARROW_KERNEL = narrowerThan(KERNEL);
    /** The kernel for a C wider than {@link #IN_PLACE_A_COLUMNS} or a transposed A (AVX-512, JDK 25 on); else null. */
    private static final MicroKernel WIDE_KERNEL = widerThan(KERNEL);
    /** The kernel for a C of 33-64 columns with A not transposed (AVX-512, JDK 25 on); else null. */
    private static final MicroKernel QUAD_KERNEL = WIDE_KERNEL == null ? null : quadKernel();
    /** Bias and ReLU on finished blocks of C, and column sums: the Vector API kernels when KERNEL is one. */
    static final RowKernels ROW_KERNELS = rowKernels(!(KERNEL instanceof ScalarMicroKernel));

    private Gemm() {}

    /** The active micro-kernel: "vector" (Vector API) or "scalar" (plain Java). */
    public static String implementation() {
        return KERNEL instanceof ScalarMicroKernel ? "scalar" : "vector";
    }

    /**
     * The active micro-kernels' tiles of C, rows x columns: "4x16" (plain Java, AVX2), or with AVX-512
     * "4x32/8x16" (the second for a C of at most 16 columns), and from JDK 25 on "4x32/8x16/8x32/4x64"
     * (the third for a wider C of more than {@link #IN_PLACE_A_COLUMNS} columns or with a transposed A,
     * the fourth for a C of 33-64 columns with A not transposed).
     */
    public static String tile() {
        StringBuilder tiles = new StringBuilder(KERNEL.tileRows() + "x" + KERNEL.tileColumns());
        for (MicroKernel other : new MicroKernel[] {NARROW_KERNEL, WIDE_KERNEL, QUAD_KERNEL}) {
            if (other != null) {
                tiles.append('/').append(other.tileRows()).append('x').append(other.tileColumns());
            }
        }
        return tiles.toString();
    }

    /**
     * The kernel whose tile fits a C of n columns best, for an A transposed or not. The wide tile reads
     * eight rows of A per step: packed, or in place where A is transposed (a weight gradient's
     * windows^T), whose eight rows are then adjacent, one 32-byte read per step (conv weight gradients
     * 22-25 % faster than with four); from eight strided rows in place (convolutions, at most 64
     * filters) it was 5-10 % slower: those of 33-64 filters take the 4 x 64 tile, four rows for all 64
     * columns (8-10 % faster than 4 x 32). (A wide C whose column blocks come to at most 64 columns, the last one or a
     * thread's share, still reads A in place with eight rows.)
     */
    static MicroKernel kernelFor(int n, boolean transA) {
        if (NARROW_KERNEL != null && n <= NARROW_KERNEL.tileColumns()) {
            return NARROW_KERNEL;
        }
        if (QUAD_KERNEL != null && !transA && n > QUAD_KERNEL.tileColumns() / 2 && n <= IN_PLACE_A_COLUMNS) {
            return QUAD_KERNEL;
        }
        return WIDE_KERNEL != null && (n > IN_PLACE_A_COLUMNS || transA) ? WIDE_KERNEL : KERNEL;
    }

    /**
     * The kernel for a product of n columns whose A rows {@link GatheredConvolution} gathers: kernelFor's,
     * but for 17-32 columns the 8 x 32 tile where there is one (AVX-512, JDK 25 on). Gathered, its 16
     * accumulators made model C's input gradient (32 channels) 18 % faster than the 4 x 32 tile, and a
     * 32-filter 3 x 3 forward 10-33 %; reading A in place through the columns it was 5-10 % slower. Only
     * the input gradient as a correlation takes it so far: a forward's threads hand the kernel a few
     * images at a time, and groups of eight would leave more images to the columns.
     */
    static MicroKernel kernelForGathering(int n) {
        MicroKernel kernel = kernelFor(n, false);
        return kernel == KERNEL && WIDE_KERNEL != null ? WIDE_KERNEL : kernel;
    }

    public static void gemm(boolean transA, boolean transB, int m, int n, int k,
                            float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                            float[] c, int cOff, int ldc, boolean accumulate) {
        gemm(kernelFor(n, transA), transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate, null,
                false);
    }

    /**
     * {@code C = op(A) * op(B) + bias}, then {@code max(C, 0)} when {@code relu}: the bias (one value
     * per column of C, or null) and the ReLU are applied to each block of C while it is in cache
     * rather than in passes of their own, with the same float operations in the same order as
     * {@code gemm} followed by adding the bias and taking the ReLU.
     */
    public static void gemmBiasRelu(boolean transA, boolean transB, int m, int n, int k,
                                    float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                    float[] c, int cOff, int ldc, float[] bias, boolean relu) {
        gemm(kernelFor(n, transA), transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, false, bias,
                relu);
    }

    /** The plain-Java kernel, or the Vector API one when {@code vector}; null when that is unavailable. */
    static MicroKernel kernel(boolean vector) {
        if (!vector) {
            return new ScalarMicroKernel();
        }
        return VectorKernels.load("VectorMicroKernel", MicroKernel.class);
    }

    /** The plain-Java {@link RowKernels}, or the Vector API ones when {@code vector} and they load. */
    static RowKernels rowKernels(boolean vector) {
        RowKernels kernels = vector ? VectorKernels.load("VectorRowKernels", RowKernels.class) : null;
        return kernels != null ? kernels : new ScalarRowKernels();
    }

    /** The Vector API kernel for narrow products (8 x 16, 512-bit vectors only); null when unavailable. */
    static MicroKernel narrowKernel() {
        return VectorKernels.load("NarrowVectorMicroKernel", MicroKernel.class);
    }

    /** The Vector API kernel for 64-column products (4 x 64, 512-bit vectors only); null when unavailable. */
    static MicroKernel quadKernel() {
        return VectorKernels.load("QuadVectorMicroKernel", MicroKernel.class);
    }

    /** The Vector API kernel for wide products (8 x 32, 512-bit vectors only); null when unavailable. */
    static MicroKernel wideKernel() {
        return VectorKernels.load("WideVectorMicroKernel", MicroKernel.class);
    }

    /**
     * The wide Vector API kernel when {@code main} is a Vector API one and the JDK is 25 or later (see
     * {@link WideVectorMicroKernel} for why not before); else null.
     */
    private static MicroKernel widerThan(MicroKernel main) {
        return main instanceof ScalarMicroKernel || Runtime.version().feature() < 25 ? null : wideKernel();
    }

    /** The narrow Vector API kernel when {@code main} is the Vector API one with a wider tile; else null. */
    private static MicroKernel narrowerThan(MicroKernel main) {
        if (main instanceof ScalarMicroKernel) {
            return null;
        }
        MicroKernel narrow = narrowKernel();
        return narrow != null && narrow.tileColumns() < main.tileColumns() ? narrow : null;
    }

    private static MicroKernel selectKernel() {
        if ("false".equals(System.getProperty("fovea.vector"))) {
            return kernel(false);
        }
        System.Logger log = System.getLogger("dev.fovea.kernel");
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
            log.log(Level.INFO, "Using plain-Java kernels; run Java with --add-modules " + VECTOR_MODULE
                    + " for kernels several times faster");
            return kernel(false);
        }
        MicroKernel vector = kernel(true);
        if (vector == null) {
            log.log(Level.INFO, "The Vector API kernel needs 256- or 512-bit float vectors (at most the CPU's widest;"
                    + " see fovea.vector.bits); using plain-Java kernels");
            return kernel(false);
        }
        return vector;
    }

    /** {@link #gemm} through the given micro-kernel. */
    static void gemm(MicroKernel kernel, boolean transA, boolean transB, int m, int n, int k,
                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float[] c, int cOff, int ldc, boolean accumulate) {
        gemm(kernel, transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate, null, false);
    }

    /**
     * {@link #gemm} or {@link #gemmBiasRelu} through the given micro-kernel: C (+)= op(A) * op(B),
     * then the bias and the ReLU when given.
     */
    static void gemm(MicroKernel kernel, boolean transA, boolean transB, int m, int n, int k,
                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float[] c, int cOff, int ldc, boolean accumulate, float[] bias, boolean relu) {
        gemm(kernel, transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate, bias, relu, null);
    }

    /**
     * y = x w + bias, then max(y, 0) when {@code relu}, for a layer's weights w (k x n, row-major; a
     * parameter, not a computed array): as {@link #gemmBiasRelu}, but inside a {@link WeightCache} scope w is
     * packed once, at its first call, and later calls of the scope multiply by that copy. Same results,
     * bit for bit.
     */
    public static void multiplyWeights(int m, int n, int k, float[] x, int xOff, int ldx, float[] w, float[] y,
                                       int yOff, int ldy, float[] bias, boolean relu) {
        PackedB packed = WeightCache.packed(w, k, n);
        MicroKernel kernel = packed == null ? kernelFor(n, false) : packed.kernel();
        gemm(kernel, false, false, m, n, k, x, xOff, ldx, w, 0, n, y, yOff, ldy, false, bias, relu, packed);
    }

    /** {@link #gemm} through the given kernel, with op(B) packed beforehand ({@link #pack}, not transposed) or null. */
    private static void gemm(MicroKernel kernel, boolean transA, boolean transB, int m, int n, int k,
                             float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float[] c, int cOff, int ldc, boolean accumulate, float[] bias, boolean relu,
                             PackedB prepacked) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            // No products: C keeps its values or becomes zeros, then the bias and the ReLU.
            if (!accumulate) {
                for (int i = 0; i < m; i++) {
                    Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
                }
            }
            biasRelu(c, cOff, ldc, m, 0, n, bias, relu);
            return;
        }
        long flops = 2L * m * n * k;
        boolean serial = flops < 2_000_000;
        if (serial) {
            block(kernel, transA, transB, 0, m, 0, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate,
                    bias, relu, prepacked);
        } else if (m >= n || (long) m * n > COLUMN_SPLIT_VALUES) {
            // Split the larger of A and B: a thread packs all of the other one, and each packed block meets
            // only its own rows or columns (a dense layer's 128 x 3136 x 1024, split by rows, packed its 12 MB
            // of weights on both threads and ran 40 % slower than split by columns). A column split copies
            // its columns of C, so a large C goes by rows, keeping those copies small.
            int mr = kernel.tileRows();
            int rowBlocks = (m + mr - 1) / mr;
            Parallel.forRange(rowBlocks, 4, (from, to) -> block(kernel, transA, transB,
                    from * mr, Math.min(m, to * mr), 0, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate,
                    bias, relu, prepacked));
        } else {
            int nr = kernel.tileColumns();
            int colBlocks = (n + nr - 1) / nr;
            Parallel.forRange(colBlocks, 2, (from, to) -> columnBlock(kernel, transA, transB, m, from * nr,
                    Math.min(n, to * nr), k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate, bias, relu,
                    prepacked));
        }
    }

    /**
     * C[:, j0:j1] (+)= op(A) * op(B)[:, j0:j1] through a private copy of those columns. Threads
     * splitting C by columns would otherwise both write the cache line where their columns meet, in
     * every row, at every step of k: that false sharing made a 2-thread run ten times slower than
     * one thread. The copy is added to block by block, as C is when split by rows.
     */
    private static void columnBlock(MicroKernel kernel, boolean transA, boolean transB, int m, int j0, int j1, int k,
                                    float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                    float[] c, int cOff, int ldc, boolean accumulate, float[] bias, boolean relu,
                                    PackedB prepacked) {
        int width = j1 - j0;
        float[] local = Scratch.floats(Scratch.Use.COLUMN_BLOCK, m * width);
        if (accumulate) {
            for (int i = 0; i < m; i++) {
                System.arraycopy(c, cOff + i * ldc + j0, local, i * width, width);
            }
        }
        block(kernel, transA, transB, 0, m, j0, j1, k, a, aOff, lda, b, bOff, ldb, local, -j0, width, accumulate,
                null, false, prepacked);
        for (int i = 0; i < m; i++) {
            System.arraycopy(local, i * width, c, cOff + i * ldc + j0, width);
        }
        biasRelu(c, cOff, ldc, m, j0, j1, bias, relu);
    }

    /**
     * C[i0:i1, j0:j1] (+)= op(A)[i0:i1, :] * op(B)[:, j0:j1], blocked and packed, then the bias and
     * the ReLU on each block after its last step of k; element (i, j) of C is at c[cOff + i * ldc + j].
     * Each k-block of B is packed once and meets every block of rows; or, with {@code prepacked}, B's
     * panels are read from there, a column block of it (or the part of one in [j0, j1)) at a time.
     */
    private static void block(MicroKernel kernel, boolean transA, boolean transB, int i0, int i1, int j0, int j1, int k,
                              float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                              float[] c, int cOff, int ldc, boolean accumulate, float[] bias, boolean relu,
                              PackedB prepacked) {
        float[] bp = prepacked == null ? Scratch.floats(Scratch.Use.PACKED_B, KC * NC) : prepacked.panels();
        int nr = kernel.tileColumns();
        for (int jc = j0; jc < j1; ) {
            int end = Math.min(j1, prepacked == null ? jc + NC : (jc / NC + 1) * NC);
            int nc = end - jc;
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                int bpOff = 0;
                if (prepacked == null) {
                    packB(transB, b, bOff, ldb, pc, kc, jc, nc, nr, bp, 0);
                } else {
                    bpOff = prepacked.offset(jc / NC * NC, pc) + jc % NC * kc;
                }
                for (int ic = i0; ic < i1; ic += MC) {
                    int mc = Math.min(MC, i1 - ic);
                    multiplyBlock(kernel, transA, ic, mc, jc, nc, pc, k, a, aOff, lda, bp, bpOff, c, cOff, ldc,
                            accumulate, bias, relu);
                }
            }
            jc = end;
        }
    }

    /**
     * {@link #gemm} with the given accumulate flag, on the calling thread alone: for kernels that split
     * their work across threads themselves.
     */
    static void onThisThread(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, int lda,
                             float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, boolean accumulate) {
        if (m == 0 || n == 0 || k == 0) {
            gemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
            return;
        }
        block(kernelFor(n, transA), transA, transB, 0, m, 0, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate,
                null, false, null);
    }

    /**
     * op(B), all of it, packed once for {@link #multiplyPacked}: column blocks of NC, each its k-blocks of
     * KC rows in order, each NR-column micro-panels as {@link #packB} writes them.
     */
    record PackedB(MicroKernel kernel, float[] panels, int k, int n) {
        /** Where the packed k-block from row pc of column block jc begins. */
        int offset(int jc, int pc) {
            int nr = kernel.tileColumns();
            int width = (Math.min(NC, n - jc) + nr - 1) / nr * nr;
            return jc * k + pc * width;
        }
    }

    /** Floats of a {@link PackedB} of a k x n op(B). */
    static int packedSize(int k, int n) {
        return packedSize(kernelFor(n, false), k, n);
    }

    /** Floats of a {@link PackedB} of a k x n op(B) for the given kernel's tile. */
    static int packedSize(MicroKernel kernel, int k, int n) {
        int nr = kernel.tileColumns();
        return k * ((n + nr - 1) / nr * nr);
    }

    /** Packs all of op(B) (k x n) into {@code panels} (at least {@link #packedSize} floats). */
    static PackedB pack(boolean transB, int k, int n, float[] b, int bOff, int ldb, float[] panels) {
        return pack(kernelFor(n, false), transB, k, n, b, bOff, ldb, panels);
    }

    /** {@link #pack} for the given kernel's tile. */
    static PackedB pack(MicroKernel kernel, boolean transB, int k, int n, float[] b, int bOff, int ldb,
                        float[] panels) {
        PackedB packed = new PackedB(kernel, panels, k, n);
        int nr = packed.kernel().tileColumns();
        for (int jc = 0; jc < n; jc += NC) {
            for (int pc = 0; pc < k; pc += KC) {
                packB(transB, b, bOff, ldb, pc, Math.min(KC, k - pc), jc, Math.min(NC, n - jc), nr, panels,
                        packed.offset(jc, pc));
            }
        }
        return packed;
    }

    /**
     * {@link #gemmBiasRelu}, or with {@code accumulate} C += A * B (bias null, relu false), with B packed
     * beforehand by {@link #pack} and A not transposed, on the calling thread alone: for kernels that
     * split their work across threads themselves and multiply many blocks of rows by one B. Each block
     * of rows meets all of B's k-blocks in turn, so its block of C stays in cache from the first to the
     * last; each element of C sums the same k-blocks in the same order as {@link #gemm}'s.
     */
    static void multiplyPacked(int m, float[] a, int aOff, int lda, PackedB b, float[] c, int cOff, int ldc,
                               boolean accumulate, float[] bias, boolean relu) {
        for (int jc = 0; jc < b.n(); jc += NC) {
            int nc = Math.min(NC, b.n() - jc);
            for (int ic = 0; ic < m; ic += MC) {
                int mc = Math.min(MC, m - ic);
                for (int pc = 0; pc < b.k(); pc += KC) {
                    multiplyBlock(b.kernel(), false, ic, mc, jc, nc, pc, b.k(), a, aOff, lda, b.panels(),
                            b.offset(jc, pc), c, cOff, ldc, accumulate, bias, relu);
                }
            }
        }
    }

    /**
     * C[ic:ic+mc, jc:jc+nc] (+)= op(A)[ic:ic+mc, pc:pc+KC] * the packed k-block of B at bp[bpOff], then
     * after the last k-block the bias and the ReLU.
     *
     * <p>When C has at most {@link #IN_PLACE_A_COLUMNS} columns, each row of A meets at most that
     * many columns of B, too few to repay copying A into panels (a convolution's im2col matrix
     * against 16-64 filters: packing took as long as the products). The kernel then reads A where
     * it is, and only a last panel of fewer than MR rows is packed (with its zero rows).
     */
    private static void multiplyBlock(MicroKernel kernel, boolean transA, int ic, int mc, int jc, int nc, int pc, int k,
                                      float[] a, int aOff, int lda, float[] bp, int bpOff, float[] c, int cOff,
                                      int ldc, boolean accumulate, float[] bias, boolean relu) {
        int mr = kernel.tileRows();
        int kc = Math.min(KC, k - pc);
        boolean overwrite = pc == 0 && !accumulate;
        float[] sums = Scratch.floats(Scratch.Use.TILE, mr * kernel.tileColumns());
        int rowStride = transA ? 1 : lda;
        int kStride = transA ? lda : 1;
        int cBlock = cOff + ic * ldc + jc;
        int packedFrom = nc <= IN_PLACE_A_COLUMNS ? mc - mc % mr : 0;
        if (packedFrom > 0) {
            tiles(kernel, packedFrom, nc, kc, a, aOff + ic * rowStride + pc * kStride, rowStride,
                    rowStride, kStride, bp, bpOff, c, cBlock, ldc, overwrite, sums);
        }
        if (packedFrom < mc) {
            float[] ap = Scratch.floats(Scratch.Use.PACKED_A, MC * KC);
            packA(transA, a, aOff, lda, ic + packedFrom, mc - packedFrom, pc, kc, mr, ap);
            tiles(kernel, mc - packedFrom, nc, kc, ap, 0, kc, 1, mr, bp, bpOff, c, cBlock + packedFrom * ldc,
                    ldc, overwrite, sums);
        }
        if (pc + kc == k) {
            biasRelu(c, cOff + ic * ldc, ldc, mc, jc, jc + nc, bias, relu);
        }
    }

    /** c[i, j] = c[i, j] + bias[j], then max(c[i, j], 0) when relu, for rows [0, rows) and columns [j0, j1). */
    private static void biasRelu(float[] c, int cOff, int ldc, int rows, int j0, int j1, float[] bias, boolean relu) {
        if (bias != null || relu) {
            ROW_KERNELS.biasRelu(c, cOff, ldc, rows, j0, j1, bias, relu);
        }
    }

    /**
     * Packs op(A)[ic:ic+mc, pc:pc+kc] into ap as MR-row micro-panels, each stored k-major (for each
     * p, MR values), rows past mc zero.
     */
    private static void packA(boolean transA, float[] a, int aOff, int lda, int ic, int mc, int pc, int kc,
                              int mr, float[] ap) {
        for (int r0 = 0; r0 < mc; r0 += mr) {
            int panel = r0 * kc;
            int rows = Math.min(mr, mc - r0);
            if (rows < mr) {
                Arrays.fill(ap, panel, panel + mr * kc, 0f);
            }
            if (!transA) {
                for (int r = 0; r < rows; r++) {
                    int src = aOff + (ic + r0 + r) * lda + pc;
                    for (int p = 0; p < kc; p++) {
                        ap[panel + p * mr + r] = a[src + p];
                    }
                }
            } else {
                // A is stored k x m: element (i, p) of op(A) is a[p * lda + i].
                for (int p = 0; p < kc; p++) {
                    System.arraycopy(a, aOff + (pc + p) * lda + ic + r0, ap, panel + p * mr, rows);
                }
            }
        }
    }

    /**
     * Packs op(B)[pc:pc+kc, jc:jc+nc] into bp from bpOff on as NR-column micro-panels, each stored k-major (for
     * each p, NR values), columns past nc zero.
     */
    private static void packB(boolean transB, float[] b, int bOff, int ldb, int pc, int kc, int jc, int nc,
                              int nr, float[] bp, int bpOff) {
        for (int j0 = 0; j0 < nc; j0 += nr) {
            int panel = bpOff + j0 * kc;
            int cols = Math.min(nr, nc - j0);
            if (cols < nr) {
                Arrays.fill(bp, panel, panel + nr * kc, 0f);
            }
            if (!transB) {
                for (int p = 0; p < kc; p++) {
                    System.arraycopy(b, bOff + (pc + p) * ldb + jc + j0, bp, panel + p * nr, cols);
                }
            } else {
                // B is stored n x k: element (p, j) of op(B) is b[j * ldb + p].
                for (int j = 0; j < cols; j++) {
                    int src = bOff + (jc + j0 + j) * ldb + pc;
                    for (int p = 0; p < kc; p++) {
                        bp[panel + p * nr + j] = b[src + p];
                    }
                }
            }
        }
    }

    /**
     * C (mc x nc at cOff, stride ldc) (+)= A block (mc x kc) * packed B panel (kc x nc at bp[bpOff]), tile by
     * tile: row i of the A block starts at a[aOff + i * rowStep] (in a packed block, only the
     * first row of each panel), and within MR rows element (r, p) is r * rowStride + p * kStride on.
     */
    private static void tiles(MicroKernel kernel, int mc, int nc, int kc, float[] a, int aOff, int rowStep,
                              int rowStride, int kStride, float[] bp, int bpOff, float[] c, int cOff, int ldc,
                              boolean overwrite, float[] sums) {
        // Each B micro-panel (kc x NR) stays in cache (L1, or L2 for the 4 x 64 tile's 64 KB) while it meets
        // every A micro-panel of the block.
        int mr = kernel.tileRows();
        int nr = kernel.tileColumns();
        for (int j = 0; j < nc; j += nr) {
            for (int i = 0; i < mc; i += mr) {
                kernel.tile(kc, a, aOff + i * rowStep, rowStride, kStride, bp, bpOff + j * kc, c, cOff + i * ldc + j,
                        ldc,
                        Math.min(mr, mc - i), Math.min(nr, nc - j), overwrite, sums);
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

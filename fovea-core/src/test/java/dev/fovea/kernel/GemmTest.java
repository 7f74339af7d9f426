package dev.fovea.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fovea.testing.Approx;
import dev.fovea.testing.RandomData;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The packed, blocked, multi-threaded {@link Gemm#gemm} against the plain {@link Gemm#reference},
 * with padded row strides and offsets, both transposes, accumulation, and thread-count determinism,
 * through each micro-kernel: the Vector API one (skipped when its module is absent) and the
 * plain-Java one. Both must stay within the same float32 rounding bound of the reference; they may
 * differ from each other by rounding, as the vector kernel fuses each multiply-add.
 */
class GemmTest {
    private static final String[] KERNELS = {"vector", "narrow", "wide", "quad", "scalar"};

    /** Unit roundoff of float32. */
    private static final double U = 0x1p-24;
    private static final int A_OFFSET = 5;
    private static final int B_OFFSET = 2;
    private static final int C_OFFSET = 4;
    /** Extra floats at the end of each stored row of A, B and C: lda, ldb and ldc exceed the row length. */
    private static final int ROW_PADDING = 3;

    private final int originalThreads = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(originalThreads);
    }

    /**
     * (m, n, k): tiny and odd sizes; sizes on and either side of the micro-kernel tile (4 x 16 or 4 x
     * 32) and of the packed blocks (64 rows, 256 deep, 512 columns); and, above the 2M-flop threshold where Gemm splits the
     * work across threads, shapes of a small CNN: conv forward (pixels x filters x patch, split by
     * rows), weight gradient (patch x filters x pixels, split by columns), input gradient (pixels x
     * patch x filters), a second conv layer, and wide outputs split by columns.
     */
    static final int[][] SHAPES = {
        {1, 1, 1}, {1, 1, 7}, {3, 5, 7}, {5, 3, 1}, {1, 65, 5}, {65, 1, 5},
        {63, 64, 65}, {64, 65, 63}, {65, 63, 64}, {257, 3, 300}, {3, 257, 300}, {17, 19, 513},
        {5, 600, 20}, {32, 10, 1600}, {4, 16, 256}, {8, 32, 257}, {5, 31, 9}, {9, 33, 40}, {7, 15, 17}, {6, 17, 8}, {2, 33, 3},
        {2704, 64, 9}, {9, 64, 2704}, {2704, 9, 64}, {121, 64, 288}, {300, 257, 65}, {32, 600, 128},
    };

    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> cases = Stream.builder();
        for (int[] s : SHAPES) {
            for (boolean transA : new boolean[] {false, true}) {
                for (boolean transB : new boolean[] {false, true}) {
                    for (boolean accumulate : new boolean[] {false, true}) {
                        for (String kernel : KERNELS) {
                            cases.add(Arguments.of(kernel, s[0], s[1], s[2], transA, transB, accumulate));
                        }
                    }
                }
            }
        }
        return cases.build();
    }

    @ParameterizedTest(name = "{0}: m={1} n={2} k={3} transA={4} transB={5} accumulate={6}")
    @MethodSource("cases")
    void fastPathMatchesReference(String kernel, int m, int n, int k, boolean transA, boolean transB,
                                  boolean accumulate) {
        // Two threads whatever the machine, so the larger shapes take the parallel paths; the
        // determinism test below shows 1 and 3 threads give the same bits.
        Parallel.setThreads(2);
        Problem p = new Problem(m, n, k, transA, transB, new SplittableRandom(31L * m + 7L * n + k));
        float[] fast = p.c.clone();
        p.run(kernel(kernel), fast, accumulate);
        p.assertMatchesReference(fast, accumulate);
    }

    /** Shapes that take the row-split and the column-split multi-threaded paths. */
    static Stream<Arguments> parallelShapes() {
        int[][] shapes = {{2704, 64, 9}, {300, 257, 65}, {9, 64, 2704}, {32, 600, 128}, {130, 700, 40}};
        Stream.Builder<Arguments> cases = Stream.builder();
        for (int[] s : shapes) {
            for (String kernel : KERNELS) {
                cases.add(Arguments.of(kernel, s[0], s[1], s[2]));
            }
        }
        return cases.build();
    }

    @ParameterizedTest(name = "{0}: m={1} n={2} k={3}")
    @MethodSource("parallelShapes")
    void resultIsBitIdenticalForOneTwoAndThreeThreads(String kernel, int m, int n, int k) {
        MicroKernel microKernel = kernel(kernel);
        for (boolean transA : new boolean[] {false, true}) {
            for (boolean transB : new boolean[] {false, true}) {
                Problem p = new Problem(m, n, k, transA, transB, new SplittableRandom(m + n + k));
                float[][] results = new float[3][];
                for (int threads = 1; threads <= 3; threads++) {
                    Parallel.setThreads(threads);
                    results[threads - 1] = p.c.clone();
                    p.run(microKernel, results[threads - 1], true);
                }
                String what = "transA=" + transA + " transB=" + transB;
                assertArrayEquals(results[0], results[1], what + ": 1 vs 2 threads");
                assertArrayEquals(results[0], results[2], what + ": 1 vs 3 threads");
                p.assertMatchesReference(results[1], true);
            }
        }
    }

    /** Gemm uses the vector kernel unless its module is absent or fovea.vector=false asks for plain Java. */
    @Test
    void implementationFollowsModuleAndProperty() {
        boolean vector = !"false".equals(System.getProperty("fovea.vector"))
                && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        assertEquals(vector ? "vector" : "scalar", Gemm.implementation());
    }

    /**
     * The vector tile's rows are two vectors of the width fovea.vector.bits asks for, else of the CPU's
     * widest: 4 x 16 with 256-bit vectors, 4 x 32 with 512-bit ones, and then also the narrow 8 x 16 and
     * (from JDK 25 on, in Gemm's choice) the wide 8 x 32 and the quad 4 x 64.
     */
    @Test
    void vectorTileIsTwoVectorsOfTheChosenWidth() {
        MicroKernel vector = kernel("vector");
        String tile = vector.tileRows() + "x" + vector.tileColumns();
        Integer bits = Integer.getInteger("fovea.vector.bits");
        if (bits != null) {
            assertEquals(bits == 256 ? "4x16" : "4x32", tile);
        } else {
            assertTrue(tile.equals("4x16") || tile.equals("4x32"), tile);
        }
        MicroKernel narrow = Gemm.narrowKernel();
        MicroKernel wide = Gemm.wideKernel();
        MicroKernel quad = Gemm.quadKernel();
        if (vector.tileColumns() == 32) {
            assertEquals("8x16", narrow.tileRows() + "x" + narrow.tileColumns());
            assertEquals("8x32", wide.tileRows() + "x" + wide.tileColumns());
            assertEquals("4x64", quad.tileRows() + "x" + quad.tileColumns());
        } else {
            assertNull(narrow);
            assertNull(wide);
            assertNull(quad);
        }
        // The tiles Gemm itself uses: the plain-Java kernel's, or these (the wide and quad ones from JDK 25 on).
        String chosen = vector.tileColumns() < 32 ? tile
                : Runtime.version().feature() >= 25 ? "4x32/8x16/8x32/4x64" : "4x32/8x16";
        assertEquals("vector".equals(Gemm.implementation()) ? chosen : "4x16", Gemm.tile());
    }

    /**
     * Gemm picks a tile by the width of C, so every Vector API tile must give the bits of the main one
     * (each element sums the same k-blocks in the same order): on partial tiles, several k-blocks, A
     * packed and read in place (transposed or not), and the row- and column-split parallel paths.
     */
    @ParameterizedTest(name = "{0}: m={1} n={2} k={3}")
    @MethodSource("tileCases")
    void everyVectorTileGivesTheMainTilesBits(String kernel, int m, int n, int k) {
        Parallel.setThreads(2);
        MicroKernel main = kernel("vector");
        MicroKernel other = kernel(kernel);
        for (boolean transA : new boolean[] {false, true}) {
            for (boolean transB : new boolean[] {false, true}) {
                for (boolean accumulate : new boolean[] {false, true}) {
                    Problem p = new Problem(m, n, k, transA, transB, new SplittableRandom(5L * m + n + 11L * k));
                    float[] expected = p.c.clone();
                    p.run(main, expected, accumulate);
                    float[] actual = p.c.clone();
                    p.run(other, actual, accumulate);
                    assertArrayEquals(expected, actual, "transA " + transA + ", transB " + transB + ", accumulate "
                            + accumulate);
                }
            }
        }
    }

    static Stream<Arguments> tileCases() {
        int[][] shapes = {{7, 15, 17}, {45, 64, 300}, {33, 40, 70}, {400, 64, 50}, {150, 48, 300},
            {13, 70, 2 * Gemm.KC + 9}, {129, 97, 300}, {300, 600, 40}, {70, 640, 70}};
        Stream.Builder<Arguments> cases = Stream.builder();
        for (int[] s : shapes) {
            for (String kernel : new String[] {"narrow", "wide", "quad"}) {
                cases.add(Arguments.of(kernel, s[0], s[1], s[2]));
            }
        }
        return cases.build();
    }

    @Test
    void emptySumZeroesOutputUnlessAccumulating() {
        Problem p = new Problem(3, 4, 0, false, false, new SplittableRandom(1));
        float[] overwritten = p.c.clone();
        p.run(overwritten, false);
        float[] expected = p.c.clone();
        for (int i = 0; i < 3; i++) {
            Arrays.fill(expected, C_OFFSET + i * p.ldc, C_OFFSET + i * p.ldc + 4, 0f);
        }
        assertArrayEquals(expected, overwritten, "k = 0 without accumulate: C's m x n window becomes 0, nothing else");

        float[] accumulated = p.c.clone();
        p.run(accumulated, true);
        assertArrayEquals(p.c, accumulated, "k = 0 with accumulate: C is unchanged");
    }

    @ParameterizedTest(name = "m={0} n={1}")
    @MethodSource("emptyOutputs")
    void emptyOutputTouchesNothing(int m, int n) {
        Problem p = new Problem(m, n, 5, false, false, new SplittableRandom(2));
        for (boolean accumulate : new boolean[] {false, true}) {
            float[] c = p.c.clone();
            p.run(c, accumulate);
            assertArrayEquals(p.c, c, "accumulate=" + accumulate);
        }
    }

    static Stream<Arguments> emptyOutputs() {
        return Stream.of(Arguments.of(0, 4), Arguments.of(4, 0), Arguments.of(0, 0));
    }

    /** Shapes on the serial, row-split and column-split paths, and k = 0. */
    static Stream<Arguments> biasReluCases() {
        int[][] shapes = {{3, 5, 7}, {6, 17, 8}, {2704, 64, 9}, {300, 257, 65}, {32, 600, 128}, {130, 700, 40},
            {9, 64, 700}, {3, 4, 0}};
        Stream.Builder<Arguments> cases = Stream.builder();
        for (int[] s : shapes) {
            for (String kernel : KERNELS) {
                cases.add(Arguments.of(kernel, s[0], s[1], s[2]));
            }
        }
        return cases.build();
    }

    /** gemmBiasRelu gives the bits of gemm followed by adding the bias and taking the ReLU, on every path. */
    @ParameterizedTest(name = "{0}: m={1} n={2} k={3}")
    @MethodSource("biasReluCases")
    void biasAndReluInTheGemmEqualSeparatePasses(String kernel, int m, int n, int k) {
        Parallel.setThreads(2);
        MicroKernel microKernel = kernel(kernel);
        Problem p = new Problem(m, n, k, false, true, new SplittableRandom(m + 3L * n + k));
        float[] bias = RandomData.uniform(new SplittableRandom(n), n, -1, 1);
        float[] plain = p.c.clone();
        p.run(microKernel, plain, false);
        for (float[] b : new float[][] {null, bias}) {
            for (boolean relu : new boolean[] {false, true}) {
                float[] expected = plain.clone();
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        int at = C_OFFSET + i * p.ldc + j;
                        float v = b == null ? expected[at] : expected[at] + b[j];
                        expected[at] = relu ? Math.max(v, 0f) : v;
                    }
                }
                float[] fused = p.c.clone();
                Gemm.gemm(microKernel, false, true, m, n, k, p.a, A_OFFSET, p.lda, p.b, B_OFFSET, p.ldb, fused,
                        C_OFFSET, p.ldc, false, b, relu);
                assertArrayEquals(expected, fused, "bias " + (b != null) + ", relu " + relu);
            }
        }
    }

    /** Row-split, column-split and serial shapes whose k spans several k-blocks. */
    static Stream<Arguments> splitDepthCases() {
        int kc = Gemm.KC;
        int[][] shapes = {{576, 64, 3 * kc + 40}, {9, 64, 3 * kc + 40}, {2, 16, 2 * kc + 3}};
        Stream.Builder<Arguments> cases = Stream.builder();
        for (int[] s : shapes) {
            for (String kernel : KERNELS) {
                for (boolean transA : new boolean[] {false, true}) {
                    cases.add(Arguments.of(kernel, s[0], s[1], s[2], transA));
                }
            }
        }
        return cases.build();
    }

    /**
     * Accumulating over k in two calls split at a multiple of the k-block gives the bits of one
     * call, on every path: the convolution's weight gradient, made a chunk of pixels at a time,
     * relies on it to give the same result as without chunks.
     */
    @ParameterizedTest(name = "{0}: m={1} n={2} k={3} transA={4}")
    @MethodSource("splitDepthCases")
    void accumulatingKInWholeBlocksEqualsOneCall(String kernel, int m, int n, int k, boolean transA) {
        Parallel.setThreads(2);
        MicroKernel microKernel = kernel(kernel);
        Problem p = new Problem(m, n, k, transA, false, new SplittableRandom(k + m));
        float[] once = p.c.clone();
        p.run(microKernel, once, true);
        int k1 = 2 * Gemm.KC;
        float[] split = p.c.clone();
        Gemm.gemm(microKernel, transA, false, m, n, k1, p.a, A_OFFSET, p.lda, p.b, B_OFFSET, p.ldb, split,
                C_OFFSET, p.ldc, true);
        // The second part of op(A) starts k1 columns (or, stored transposed, k1 rows) in; of B, k1 rows in.
        int aOff = A_OFFSET + (transA ? k1 * p.lda : k1);
        Gemm.gemm(microKernel, transA, false, m, n, k - k1, p.a, aOff, p.lda, p.b, B_OFFSET + k1 * p.ldb, p.ldb,
                split, C_OFFSET, p.ldc, true);
        assertArrayEquals(once, split);
    }

    /** Random A, B, C stored with padded strides and offsets; the padding holds random values too. */
    private static final class Problem {
        final int m;
        final int n;
        final int k;
        final boolean transA;
        final boolean transB;
        final int lda;
        final int ldb;
        final int ldc;
        final float[] a;
        final float[] b;
        final float[] c;

        Problem(int m, int n, int k, boolean transA, boolean transB, SplittableRandom random) {
            this.m = m;
            this.n = n;
            this.k = k;
            this.transA = transA;
            this.transB = transB;
            lda = (transA ? m : k) + ROW_PADDING;
            ldb = (transB ? k : n) + ROW_PADDING;
            ldc = n + ROW_PADDING;
            a = RandomData.uniform(random, A_OFFSET + (transA ? k : m) * lda, -1, 1);
            b = RandomData.uniform(random, B_OFFSET + (transB ? n : k) * ldb, -1, 1);
            c = RandomData.uniform(random, C_OFFSET + m * ldc + ROW_PADDING, -1, 1);
        }

        /** The public entry point, through whichever kernel Gemm chose. */
        void run(float[] out, boolean accumulate) {
            Gemm.gemm(transA, transB, m, n, k, a, A_OFFSET, lda, b, B_OFFSET, ldb, out, C_OFFSET, ldc, accumulate);
        }

        void run(MicroKernel kernel, float[] out, boolean accumulate) {
            Gemm.gemm(kernel, transA, transB, m, n, k, a, A_OFFSET, lda, b, B_OFFSET, ldb, out, C_OFFSET, ldc,
                    accumulate);
        }

        /**
         * Element-wise within the float32 rounding bound of a length-k dot product, (k + 2) u
         * (|c0| + sum |a| |b|) (Higham's gamma_k bound plus the reference's final rounding), and
         * bit-for-bit equal to the initial C outside the m x n window.
         */
        void assertMatchesReference(float[] fast, boolean accumulate) {
            float[] expected = c.clone();
            Gemm.reference(transA, transB, m, n, k, a, A_OFFSET, lda, b, B_OFFSET, ldb, expected, C_OFFSET, ldc,
                    accumulate);
            float[] magnitude = abs(c);
            Gemm.reference(transA, transB, m, n, k, abs(a), A_OFFSET, lda, abs(b), B_OFFSET, ldb, magnitude,
                    C_OFFSET, ldc, accumulate);
            double factor = (k + 2) * U;
            // Outside the window the bound is 0 (and magnitude holds |c0| there, not a bound): use exact equality.
            Approx.assertWithin("gemm m=" + m + " n=" + n + " k=" + k + " transA=" + transA + " transB=" + transB
                            + " accumulate=" + accumulate, null, expected, fast,
                    i -> inWindow(i) ? factor * magnitude[i] : 0);
        }

        private boolean inWindow(int index) {
            int i = index - C_OFFSET;
            return i >= 0 && i / ldc < m && i % ldc < n;
        }
    }

    /**
     * The named kernel; skips the test when it is a Vector API one and its module is absent, or the
     * narrow, wide or quad one and the vectors are narrower than 512 bits.
     */
    private static MicroKernel kernel(String name) {
        MicroKernel kernel = switch (name) {
            case "narrow" -> Gemm.narrowKernel();
            case "wide" -> Gemm.wideKernel();
            case "quad" -> Gemm.quadKernel();
            default -> Gemm.kernel(name.equals("vector"));
        };
        assumeTrue(kernel != null, name + " kernel: jdk.incubator.vector absent or vectors too narrow");
        return kernel;
    }

    private static float[] abs(float[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.abs(v[i]);
        }
        return out;
    }
}

package dev.fovea.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.testing.Approx;
import dev.fovea.testing.RandomData;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The im2col + GEMM convolution against {@link Conv2dKernels#forwardReference}, and its two
 * backward kernels against the forward by the adjoint identities
 * &lt;conv(x, w), dy&gt; = &lt;x, backwardInput(dy, w)&gt; = &lt;w, backwardWeights(x, dy)&gt;.
 */
class Conv2dKernelsTest {
    /** Unit roundoff of float32. */
    private static final double U = 0x1p-24;

    /** A geometry plus filter count, with random data for it. */
    private record Conv(Window2d g, int filters, float[] x, float[] w, float[] bias) {
        static Conv random(Window2d g, int filters, boolean bias, SplittableRandom random) {
            return new Conv(g, filters, RandomData.uniform(random, g.inputSize(), -1, 1),
                    RandomData.uniform(random, g.patchSize() * filters, -1, 1),
                    bias ? RandomData.uniform(random, filters, -1, 1) : null);
        }

        int outputSize() {
            return g.outputPixels() * filters;
        }

        @Override
        public String toString() {
            return g + " filters=" + filters + (bias == null ? "" : " bias");
        }
    }

    /** Random geometries: sizes 1..5 kernels, strides 1..3, all three padding kinds, always valid by construction. */
    static Stream<Arguments> randomGeometries() {
        return IntStream.range(0, 40).mapToObj(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int kh = 1 + r.nextInt(5);
            int kw = 1 + r.nextInt(5);
            int paddingKind = r.nextInt(3);
            Padding padding = switch (paddingKind) {
                case 0 -> Padding.VALID;
                case 1 -> Padding.SAME;
                default -> Padding.explicit(r.nextInt(kh), r.nextInt(kh), r.nextInt(kw), r.nextInt(kw));
            };
            // At least the kernel size, so the window fits even unpadded.
            int h = kh + r.nextInt(9);
            int w = kw + r.nextInt(9);
            Window2d g = Window2d.of(1 + r.nextInt(4), h, w, 1 + r.nextInt(5), kh, kw,
                    1 + r.nextInt(3), 1 + r.nextInt(3), padding);
            return Arguments.of(seed, Conv.random(g, 1 + r.nextInt(7), r.nextBoolean(), r));
        });
    }

    /** Edge geometries chosen by hand. */
    static Stream<Arguments> edgeGeometries() {
        SplittableRandom r = new SplittableRandom(99);
        return Stream.of(
                // 1x1 image, 3x3 SAME: only the kernel's centre touches the input.
                Window2d.of(2, 1, 1, 3, 3, 3, 1, 1, Padding.SAME),
                // Kernel as large as the image: one output pixel.
                Window2d.of(1, 4, 6, 2, 4, 6, 1, 1, Padding.VALID),
                // Stride larger than the kernel: input pixels that no window reads.
                Window2d.of(1, 7, 7, 1, 1, 2, 3, 3, Padding.VALID),
                // Asymmetric padding at its largest (kernel - 1) on each side.
                Window2d.of(2, 3, 4, 2, 3, 2, 1, 1, Padding.explicit(2, 2, 1, 1)),
                // Wide, short image with 5x5 SAME and stride 2 (TensorFlow's odd pad at the end).
                Window2d.of(1, 2, 11, 3, 5, 5, 2, 2, Padding.SAME)
        ).map(g -> Arguments.of(g.toString(), Conv.random(g, 3, true, r)));
    }

    /**
     * 3 images of 40x40 outputs x a 5x5x32 patch against 32 filters: 4,800 rows of 800 columns (of x,
     * and of dy for the input gradient as a correlation), several chunks of
     * {@link Conv2dKernels#CHUNK_FLOATS} in each kernel, with boundaries inside images
     * ({@link #chunkingChangesNoBit} checks that it spans more than one).
     */
    static Conv chunkedConv() {
        return Conv.random(Window2d.of(3, 40, 40, 32, 5, 5, 1, 1, Padding.SAME), 32, true, new SplittableRandom(5));
    }

    static Stream<Arguments> allGeometries() {
        return Stream.concat(Stream.concat(randomGeometries(), edgeGeometries()),
                Stream.of(Arguments.of("chunked", chunkedConv())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allGeometries")
    void forwardMatchesReference(Object name, Conv conv) {
        Window2d g = conv.g;
        float[] fast = new float[conv.outputSize()];
        Conv2dKernels.forward(g, conv.filters, conv.x, conv.w, conv.bias, false, fast);
        float[] expected = new float[conv.outputSize()];
        Conv2dKernels.forwardReference(g, conv.filters, conv.x, conv.w, conv.bias, expected);
        // Float32 rounding bound of a dot product of length patch (+1 for the bias added after the GEMM).
        float[] magnitude = new float[conv.outputSize()];
        Conv2dKernels.forwardReference(g, conv.filters, abs(conv.x), abs(conv.w), conv.bias == null ? null
                : abs(conv.bias), magnitude);
        double factor = (g.patchSize() + 3) * U;
        Approx.assertWithin("conv forward " + conv, new int[] {g.batch(), g.outH(), g.outW(), conv.filters},
                expected, fast, i -> factor * magnitude[i]);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allGeometries")
    void backwardKernelsAreAdjointsOfForward(Object name, Conv conv) {
        Window2d g = conv.g;
        SplittableRandom random = new SplittableRandom(11);
        float[] dy = RandomData.uniform(random, conv.outputSize(), -1, 1);
        float[] y = new float[conv.outputSize()];
        Conv2dKernels.forward(g, conv.filters, conv.x, conv.w, null, false, y);
        float[] dx = new float[g.inputSize()];
        Conv2dKernels.backwardInput(g, conv.filters, dy, null, conv.w, dx);
        float[] dw = new float[conv.w.length];
        float[] dbias = new float[conv.filters];
        Conv2dKernels.backwardWeights(g, conv.filters, conv.x, dy, null, dw, dbias);

        // Both sides add up the same products x w dy, grouped differently, with float32 roundings:
        // the forward sums patch terms; backwardInput sums filters terms and then up to kh*kw
        // overlapping windows (through columns) or kh*kw*filters terms (as a correlation);
        // backwardWeights sums every output pixel. So the gap is at most (patch + kh*kw*filters +
        // filters + kh*kw + output pixels + 2) u times the sum of the products' magnitudes.
        float[] yMagnitude = new float[conv.outputSize()];
        Conv2dKernels.forward(g, conv.filters, abs(conv.x), abs(conv.w), null, false, yMagnitude);
        double total = dot(yMagnitude, abs(dy));
        int window = g.kernelH() * g.kernelW();
        double bound = (g.patchSize() + window * conv.filters + conv.filters + window + g.outputPixels() + 2) * U
                * total;
        double yDy = dot(y, dy);
        assertEquals(yDy, dot(conv.x, dx), bound, "<conv(x, w), dy> vs <x, backwardInput(dy)> for " + conv);
        assertEquals(yDy, dot(conv.w, dw), bound, "<conv(x, w), dy> vs <w, backwardWeights(dy)> for " + conv);

        // The bias gradient is the sum of dy over every output pixel, within the rounding of that sum.
        float[] expectedBias = new float[conv.filters];
        double[] exact = new double[conv.filters];
        double[] magnitude = new double[conv.filters];
        for (int i = 0; i < dy.length; i++) {
            exact[i % conv.filters] += dy[i];
            magnitude[i % conv.filters] += Math.abs(dy[i]);
        }
        for (int f = 0; f < conv.filters; f++) {
            expectedBias[f] = (float) exact[f];
        }
        Approx.assertWithin("bias gradient " + conv, null, expectedBias, dbias,
                f -> (g.outputPixels() + 1) * U * magnitude[f]);
    }

    static Stream<Arguments> strideOneGeometries() {
        return allGeometries().filter(a -> {
            Window2d g = ((Conv) a.get()[1]).g;
            return g.strideH() == 1 && g.strideW() == 1;
        });
    }

    /**
     * The two ways to the input gradient (through columns and col2im, or as a correlation of dy
     * with the turned kernel) agree within their roundings: each value of dx is the same sum of
     * products dy w, summed in two orders of at most kh*kw*filters terms.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("strideOneGeometries")
    void inputGradientAsCorrelationMatchesTheOneThroughColumns(Object name, Conv conv) {
        Window2d g = conv.g;
        float[] dy = RandomData.uniform(new SplittableRandom(14), conv.outputSize(), -1, 1);
        float[] throughColumns = new float[g.inputSize()];
        Conv2dKernels.backwardInputThroughColumns(g, conv.filters, dy, null, conv.w, throughColumns);
        float[] asCorrelation = new float[g.inputSize()];
        Conv2dKernels.backwardInputAsCorrelation(g, conv.filters, dy, null, conv.w, asCorrelation);
        // The same kernel on magnitudes bounds the sum of |products| behind each value.
        float[] magnitude = new float[g.inputSize()];
        Conv2dKernels.backwardInputThroughColumns(g, conv.filters, abs(dy), null, abs(conv.w), magnitude);
        double factor = 2 * (g.kernelH() * g.kernelW() * conv.filters + 2) * U;
        Approx.assertWithin("input gradient " + conv, new int[] {g.batch(), g.inH(), g.inW(), g.channels()},
                throughColumns, asCorrelation, i -> factor * magnitude[i]);
    }

    @Test
    void inputGradientAsCorrelationRefusesStrides() {
        Conv conv = Conv.random(Window2d.of(1, 6, 6, 2, 3, 3, 2, 1, Padding.SAME), 2, false, new SplittableRandom(6));
        float[] dy = new float[conv.outputSize()];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                Conv2dKernels.backwardInputAsCorrelation(conv.g, conv.filters, dy, null, conv.w,
                        new float[conv.g.inputSize()]));
        assertTrue(e.getMessage().contains("stride 1"), e.getMessage());
    }

    @Test
    void backwardKernelsAddToExistingGradients() {
        Conv conv = Conv.random(Window2d.of(2, 5, 6, 3, 3, 3, 2, 1, Padding.SAME), 4, false, new SplittableRandom(3));
        Window2d g = conv.g;
        float[] dy = RandomData.uniform(new SplittableRandom(4), conv.outputSize(), -1, 1);
        float[] dxFresh = new float[g.inputSize()];
        Conv2dKernels.backwardInput(g, conv.filters, dy, null, conv.w, dxFresh);
        float[] dwFresh = new float[conv.w.length];
        Conv2dKernels.backwardWeights(g, conv.filters, conv.x, dy, null, dwFresh, null);

        // Start from 1 everywhere: each result must be 1 + the fresh gradient (within a few roundings).
        float[] dx = filled(g.inputSize(), 1f);
        Conv2dKernels.backwardInput(g, conv.filters, dy, null, conv.w, dx);
        float[] dw = filled(conv.w.length, 1f);
        Conv2dKernels.backwardWeights(g, conv.filters, conv.x, dy, null, dw, null);
        Approx.assertClose("dx added to 1", plusOne(dxFresh), dx, 1e-5, 1e-5);
        Approx.assertClose("dw added to 1", plusOne(dwFresh), dw, 1e-5, 1e-5);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allGeometries")
    void fusedReluForwardIsTheReluOfTheForward(Object name, Conv conv) {
        float[] plain = new float[conv.outputSize()];
        Conv2dKernels.forward(conv.g, conv.filters, conv.x, conv.w, conv.bias, false, plain);
        float[] fused = new float[conv.outputSize()];
        Conv2dKernels.forward(conv.g, conv.filters, conv.x, conv.w, conv.bias, true, fused);
        assertArrayEquals(relu(plain), fused);
    }

    /** Given the forward's ReLU output, the backward kernels give the bits they give for the masked gradient. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("allGeometries")
    void backwardThroughAFusedReluMasksTheGradient(Object name, Conv conv) {
        Window2d g = conv.g;
        float[] y = new float[conv.outputSize()];
        Conv2dKernels.forward(g, conv.filters, conv.x, conv.w, conv.bias, true, y);
        float[] dy = RandomData.uniform(new SplittableRandom(12), conv.outputSize(), -1, 1);
        float[] masked = new float[dy.length];
        for (int i = 0; i < dy.length; i++) {
            masked[i] = y[i] > 0 ? dy[i] : 0f;
        }
        float[][] expected = {new float[g.inputSize()], new float[conv.w.length], new float[conv.filters]};
        Conv2dKernels.backwardInput(g, conv.filters, masked, null, conv.w, expected[0]);
        Conv2dKernels.backwardWeights(g, conv.filters, conv.x, masked, null, expected[1], expected[2]);
        float[][] fused = {new float[g.inputSize()], new float[conv.w.length], new float[conv.filters]};
        Conv2dKernels.backwardInput(g, conv.filters, dy, y, conv.w, fused[0]);
        Conv2dKernels.backwardWeights(g, conv.filters, conv.x, dy, y, fused[1], fused[2]);
        assertArrayEquals(expected[0], fused[0], "dx");
        assertArrayEquals(expected[1], fused[1], "dw");
        assertArrayEquals(expected[2], fused[2], "dbias");
    }

    /**
     * The forward and the input gradient through columns give the bits of one GEMM over the whole
     * batch's columns (and one col2im) on both of their paths, on 1 to 3 threads, and so does the
     * weight gradient, each thread unfolding its part of the windows:
     * {@link #chunkedConv} on the threads' own blocks of pixels, with block and thread boundaries
     * inside images, and a kernel too large to pack per thread (3x3x64 against 128 filters) a chunk
     * of {@link Conv2dKernels#CHUNK_FLOATS} columns at a time, with chunk boundaries inside images; a
     * weight gradient too small to split by its rows (5x5x3 against 16 filters) likewise.
     */
    @Test
    void bothPathsGiveTheBitsOfOneGemm() {
        Conv wide = Conv.random(Window2d.of(4, 34, 34, 64, 3, 3, 1, 1, Padding.VALID), 128, true,
                new SplittableRandom(6));
        Conv narrow = Conv.random(Window2d.of(2, 200, 200, 3, 5, 5, 1, 1, Padding.VALID), 16, true,
                new SplittableRandom(8));
        for (Conv conv : new Conv[] {chunkedConv(), wide, narrow}) {
            Window2d g = conv.g;
            int k = g.patchSize();
            int pixels = g.outputPixels();
            assertEquals(conv == wide, Gemm.packedSize(k, conv.filters) > Conv2dKernels.TASK_KERNEL_FLOATS,
                    "the forward's path for " + conv);
            assertEquals(conv == wide, Gemm.packedSize(conv.filters, k) > Conv2dKernels.TASK_KERNEL_FLOATS,
                    "the input gradient's path for " + conv);
            assertEquals(conv == narrow, k * conv.filters < Conv2dKernels.TASK_WEIGHT_GRADIENT_VALUES,
                    "the weight gradient's path for " + conv);
            assertTrue((long) pixels * k > 2L * Conv2dKernels.CHUNK_FLOATS, "the columns span several chunks");
            float[] cols = new float[pixels * k];
            Conv2dKernels.im2col(g, conv.x, 0, pixels, cols);
            float[] y = new float[conv.outputSize()];
            Gemm.gemmBiasRelu(false, false, pixels, conv.filters, k, cols, 0, k, conv.w, 0, conv.filters, y, 0,
                    conv.filters, conv.bias, true);
            float[] dy = RandomData.uniform(new SplittableRandom(7), conv.outputSize(), -1, 1);
            float[] dyCols = new float[pixels * k];
            Gemm.gemm(false, true, pixels, k, conv.filters, dy, 0, conv.filters, conv.w, 0, conv.filters, dyCols, 0,
                    k, false);
            float[] dx = new float[g.inputSize()];
            Conv2dKernels.col2im(g, dyCols, 0, pixels, dx);
            float[] dw = new float[conv.w.length];
            Gemm.gemm(true, false, k, conv.filters, pixels, cols, 0, k, dy, 0, conv.filters, dw, 0, conv.filters, true);
            int before = Parallel.threads();
            try {
                for (int threads : new int[] {1, 2, 3}) {
                    Parallel.setThreads(threads);
                    float[] fastY = new float[conv.outputSize()];
                    Conv2dKernels.forward(g, conv.filters, conv.x, conv.w, conv.bias, true, fastY);
                    assertArrayEquals(y, fastY, "forward, " + conv + ", " + threads + " threads");
                    float[] fastDx = new float[g.inputSize()];
                    Conv2dKernels.backwardInputThroughColumns(g, conv.filters, dy, null, conv.w, fastDx);
                    assertArrayEquals(dx, fastDx, "input gradient, " + conv + ", " + threads + " threads");
                    float[] fastDw = new float[conv.w.length];
                    Conv2dKernels.backwardWeights(g, conv.filters, conv.x, dy, null, fastDw, null);
                    assertArrayEquals(dw, fastDw, "weight gradient, " + conv + ", " + threads + " threads");
                    // Through the forward's ReLU: the same as the gradient masked beforehand.
                    float[] masked = new float[dy.length];
                    ActivationKernels.reluGradient(y, dy, masked);
                    float[][] expected = {new float[g.inputSize()], new float[conv.w.length], new float[conv.filters]};
                    Conv2dKernels.backwardInputThroughColumns(g, conv.filters, masked, null, conv.w, expected[0]);
                    Conv2dKernels.backwardWeights(g, conv.filters, conv.x, masked, null, expected[1], expected[2]);
                    float[][] throughRelu = {new float[g.inputSize()], new float[conv.w.length],
                            new float[conv.filters]};
                    Conv2dKernels.backwardInputThroughColumns(g, conv.filters, dy, y, conv.w, throughRelu[0]);
                    Conv2dKernels.backwardWeights(g, conv.filters, conv.x, dy, y, throughRelu[1], throughRelu[2]);
                    for (int i = 0; i < 3; i++) {
                        assertArrayEquals(expected[i], throughRelu[i], "through the ReLU, gradient " + i + ", " + conv);
                    }
                }
            } finally {
                Parallel.setThreads(before);
            }
        }
    }

    /**
     * One-channel convolutions (a first layer on grey images), which the Vector API computes straight
     * from the image: the bits of the im2col GEMM with its bias and ReLU, with and without either,
     * for strides 1 and 2, square and oblong kernels, VALID, SAME and explicit padding (copied into a
     * zero-padded image), one and several vectors of filters and fewer filters than a vector has lanes,
     * batches whose pixels do not fill whole tiles, and an empty batch. Their weights' and bias's
     * gradients likewise, on 1 to 3 threads.
     */
    @Test
    void oneChannelConvolutionsGiveTheBitsOfTheIm2colPath() {
        SplittableRandom random = new SplittableRandom(14);
        for (Window2d g : new Window2d[] {
                Window2d.of(3, 28, 28, 1, 3, 3, 1, 1, Padding.VALID),
                Window2d.of(2, 13, 11, 1, 5, 5, 2, 2, Padding.VALID),
                Window2d.of(1, 6, 7, 1, 3, 2, 1, 2, Padding.VALID),
                Window2d.of(2, 28, 28, 1, 5, 5, 1, 1, Padding.SAME),
                Window2d.of(3, 9, 8, 1, 3, 3, 2, 2, Padding.SAME),
                Window2d.of(2, 7, 9, 1, 3, 4, 2, 1, Padding.explicit(2, 0, 1, 3)),
                Window2d.of(0, 8, 8, 1, 3, 3, 1, 1, Padding.SAME)}) {
            for (int filters : new int[] {1, 6, 7, 32, 64, 96}) {
                Conv conv = Conv.random(g, filters, true, random);
                int k = g.patchSize();
                int pixels = g.outputPixels();
                float[] cols = new float[pixels * k];
                Conv2dKernels.im2col(g, conv.x, 0, pixels, cols);
                for (float[] bias : new float[][] {conv.bias, null}) {
                    for (boolean relu : new boolean[] {true, false}) {
                        float[] expected = new float[conv.outputSize()];
                        Gemm.gemmBiasRelu(false, false, pixels, filters, k, cols, 0, k, conv.w, 0, filters, expected,
                                0, filters, bias, relu);
                        float[] y = new float[conv.outputSize()];
                        Conv2dKernels.forward(g, filters, conv.x, conv.w, bias, relu, y);
                        assertArrayEquals(expected, y, conv + ", bias " + (bias != null) + ", relu " + relu);
                    }
                }
                // The weights' gradients, added to gradients already there, over blocks of Gemm.KC pixels.
                float[] dy = RandomData.uniform(random, conv.outputSize(), -1, 1);
                float[] dwBefore = RandomData.uniform(random, conv.w.length, -1, 1);
                float[] dbiasBefore = RandomData.uniform(random, filters, -1, 1);
                float[] expectedDw = dwBefore.clone();
                Gemm.gemm(true, false, k, filters, pixels, cols, 0, k, dy, 0, filters, expectedDw, 0, filters, true);
                float[] expectedDbias = dbiasBefore.clone();
                Conv2dKernels.sumRows(dy, pixels, filters, expectedDbias);
                int before = Parallel.threads();
                try {
                    for (int threads : new int[] {1, 2, 3}) {
                        Parallel.setThreads(threads);
                        float[] dw = dwBefore.clone();
                        float[] dbias = dbiasBefore.clone();
                        Conv2dKernels.backwardWeights(g, filters, conv.x, dy, null, dw, dbias);
                        assertArrayEquals(expectedDw, dw, "dw, " + conv + ", " + threads + " threads");
                        assertArrayEquals(expectedDbias, dbias, "dbias, " + conv + ", " + threads + " threads");
                    }
                } finally {
                    Parallel.setThreads(before);
                }
            }
        }
    }

    /**
     * A one-channel weight gradient of few filters over more pixels than one chunk of block sums holds
     * ({@link Conv2dKernels#CHUNK_FLOATS} floats of them): the bits of one GEMM over the whole batch's
     * columns, on 1 and 2 threads.
     */
    @Test
    void weightGradientOfFewFiltersOverSeveralChunksOfBlocks() {
        Conv conv = Conv.random(Window2d.of(2700, 20, 20, 1, 11, 11, 1, 1, Padding.VALID), 6, true,
                new SplittableRandom(21));
        Window2d g = conv.g;
        int k = g.patchSize();
        int pixels = g.outputPixels();
        BlockedWeightGradient kernel = "vector".equals(Gemm.implementation())
                ? VectorKernels.load("VectorFewFilterConvolution", BlockedWeightGradient.class) : null;
        if (kernel != null) {
            int chunkPixels = Conv2dKernels.CHUNK_FLOATS / kernel.blockFloats(k) * Gemm.KC;
            assertTrue(pixels > chunkPixels, pixels + " pixels, " + chunkPixels + " in a chunk");
        }
        float[] cols = new float[pixels * k];
        Conv2dKernels.im2col(g, conv.x, 0, pixels, cols);
        float[] dy = RandomData.uniform(new SplittableRandom(22), conv.outputSize(), -1, 1);
        float[] expected = new float[conv.w.length];
        Gemm.gemm(true, false, k, conv.filters, pixels, cols, 0, k, dy, 0, conv.filters, expected, 0, conv.filters,
                true);
        int before = Parallel.threads();
        try {
            for (int threads : new int[] {1, 2}) {
                Parallel.setThreads(threads);
                float[] dw = new float[conv.w.length];
                Conv2dKernels.backwardWeights(g, conv.filters, conv.x, dy, null, dw, null);
                assertArrayEquals(expected, dw, threads + " threads");
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    /**
     * The kernels work a chunk of pixels at a time, with chunk boundaries inside images; each gives
     * the bits of one GEMM over the whole batch's columns: the forward and the input gradient
     * compute each row on its own (and col2im adds in pixel order), and the weight gradient's chunks
     * are whole k-blocks of the GEMM.
     */
    @Test
    void chunkingChangesNoBit() {
        Conv conv = chunkedConv();
        Window2d g = conv.g;
        int k = g.patchSize();
        int pixels = g.outputPixels();
        assertTrue((long) pixels * k > 2L * Conv2dKernels.CHUNK_FLOATS, "the columns span several chunks");
        float[] cols = new float[pixels * k];
        Conv2dKernels.im2col(g, conv.x, 0, pixels, cols);
        float[] dy = RandomData.uniform(new SplittableRandom(13), conv.outputSize(), -1, 1);

        float[] y = new float[conv.outputSize()];
        Gemm.gemmBiasRelu(false, false, pixels, conv.filters, k, cols, 0, k, conv.w, 0, conv.filters, y, 0,
                conv.filters, conv.bias, true);
        float[] chunkedY = new float[conv.outputSize()];
        Conv2dKernels.forward(g, conv.filters, conv.x, conv.w, conv.bias, true, chunkedY);
        assertArrayEquals(y, chunkedY, "forward");

        float[] dw = new float[conv.w.length];
        Gemm.gemm(true, false, k, conv.filters, pixels, cols, 0, k, dy, 0, conv.filters, dw, 0, conv.filters, true);
        float[] dbias = new float[conv.filters];
        Conv2dKernels.sumRows(dy, pixels, conv.filters, dbias);
        float[] chunkedDw = new float[conv.w.length];
        float[] chunkedDbias = new float[conv.filters];
        Conv2dKernels.backwardWeights(g, conv.filters, conv.x, dy, null, chunkedDw, chunkedDbias);
        assertArrayEquals(dw, chunkedDw, "weight gradient");
        assertArrayEquals(dbias, chunkedDbias, "bias gradient");

        float[] dyCols = new float[pixels * k];
        Gemm.gemm(false, true, pixels, k, conv.filters, dy, 0, conv.filters, conv.w, 0, conv.filters, dyCols, 0, k,
                false);
        float[] dx = new float[g.inputSize()];
        Conv2dKernels.col2im(g, dyCols, 0, pixels, dx);
        float[] chunkedDx = new float[g.inputSize()];
        Conv2dKernels.backwardInputThroughColumns(g, conv.filters, dy, null, conv.w, chunkedDx);
        assertArrayEquals(dx, chunkedDx, "input gradient through columns");

        Window2d t = Conv2dKernels.transposedWindow(g, conv.filters);
        int tk = t.patchSize();
        assertTrue((long) t.outputPixels() * tk > 2L * Conv2dKernels.CHUNK_FLOATS, "the dy columns span several chunks");
        float[] dyWindows = new float[t.outputPixels() * tk];
        Conv2dKernels.im2col(t, dy, 0, t.outputPixels(), dyWindows);
        float[] turned = new float[conv.w.length];
        Conv2dKernels.turnWeights(g, conv.filters, conv.w, turned);
        float[] correlated = new float[g.inputSize()];
        Gemm.gemm(false, false, t.outputPixels(), g.channels(), tk, dyWindows, 0, tk, turned, 0, g.channels(),
                correlated, 0, g.channels(), true);
        float[] chunkedCorrelated = new float[g.inputSize()];
        Conv2dKernels.backwardInputAsCorrelation(g, conv.filters, dy, null, conv.w, chunkedCorrelated);
        assertArrayEquals(correlated, chunkedCorrelated, "input gradient as a correlation");
    }

    /** The turned kernel is w with its window rotated by 180 degrees and its channel axes swapped. */
    @Test
    void turnedWeightsAreTheKernelRotatedWithChannelsSwapped() {
        Window2d g = Window2d.of(1, 5, 5, 2, 2, 3, 1, 1, Padding.VALID);
        int filters = 3;
        float[] w = new float[g.patchSize() * filters];
        for (int i = 0; i < w.length; i++) {
            w[i] = i;
        }
        float[] turned = new float[w.length];
        Conv2dKernels.turnWeights(g, filters, w, turned);
        for (int kh = 0; kh < 2; kh++) {
            for (int kw = 0; kw < 3; kw++) {
                for (int c = 0; c < 2; c++) {
                    for (int f = 0; f < filters; f++) {
                        float original = w[((kh * 3 + kw) * 2 + c) * filters + f];
                        float moved = turned[(((1 - kh) * 3 + (2 - kw)) * filters + f) * 2 + c];
                        assertEquals(original, moved, "w[" + kh + ", " + kw + ", " + c + ", " + f + "]");
                    }
                }
            }
        }
    }

    private static float[] relu(float[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.max(v[i], 0f);
        }
        return out;
    }

    private static float[] abs(float[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.abs(v[i]);
        }
        return out;
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }

    private static float[] filled(int n, float value) {
        float[] v = new float[n];
        Arrays.fill(v, value);
        return v;
    }

    private static float[] plusOne(float[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] + 1f;
        }
        return out;
    }
}

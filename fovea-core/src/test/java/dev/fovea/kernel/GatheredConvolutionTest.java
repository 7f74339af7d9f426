package dev.fovea.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
 * {@link GatheredConvolution} against the GEMM over im2col columns that it stands in for, bit for
 * bit: with and without bias and ReLU, accumulating, any run of whole tile groups of images, inputs
 * holding NaN; and through {@link Conv2dKernels}, whose batches it shares with the columns (images
 * left over from groups of MR). Every value outside what it was asked to write must stay as it was.
 */
class GatheredConvolutionTest {
    private final int originalThreads = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(originalThreads);
    }

    /** What the output arrays hold before a call: a value no convolution here gives. */
    private static final float UNTOUCHED = 12345f;
    /** Where the output starts, so that a write before it shows. */
    private static final int OFFSET = 5;

    /** Geometries (batch: groups of MR images), most with windows reaching into the padding, and outputs. */
    static Stream<Arguments> cases() {
        return Stream.of(
                // Model C's second layer: 5x5 SAME, 800 window values in 4 k-blocks, 64 filters.
                Arguments.of(Window2d.of(3, 14, 14, 32, 5, 5, 1, 1, Padding.SAME), 64),
                // Its input gradient as a correlation: 1,600 values, 32 channels out.
                Arguments.of(Window2d.of(2, 14, 14, 64, 5, 5, 1, 1, Padding.explicit(2, 2, 2, 2)), 32),
                // k-blocks that end inside a tap (48 channels), fewer outputs than a tile's columns.
                Arguments.of(Window2d.of(2, 7, 9, 48, 3, 3, 1, 1, Padding.SAME), 40),
                Arguments.of(Window2d.of(2, 8, 8, 20, 3, 3, 1, 1, Padding.SAME), 20),
                // Strides, an oblong kernel, uneven explicit padding, a 1x1 image.
                Arguments.of(Window2d.of(2, 9, 8, 6, 3, 3, 2, 2, Padding.SAME), 36),
                Arguments.of(Window2d.of(2, 7, 9, 5, 3, 4, 2, 1, Padding.explicit(2, 0, 1, 3)), 17),
                Arguments.of(Window2d.of(2, 1, 1, 7, 3, 3, 1, 1, Padding.SAME), 64),
                Arguments.of(Window2d.of(1, 5, 6, 3, 5, 5, 1, 1, Padding.explicit(4, 4, 4, 4)), 33),
                // No padding: model A's second layer, a stride of 2, a 1 x 1 kernel.
                Arguments.of(Window2d.of(2, 13, 13, 32, 3, 3, 1, 1, Padding.VALID), 64),
                Arguments.of(Window2d.of(1, 11, 9, 16, 3, 3, 2, 2, Padding.VALID), 48),
                Arguments.of(Window2d.of(1, 6, 5, 300, 1, 1, 1, 1, Padding.VALID), 32),
                // As wide as the kernel: a window's rows follow each other in the image, one run.
                Arguments.of(Window2d.of(2, 5, 3, 8, 3, 3, 1, 1, Padding.VALID), 40),
                // More outputs than the packing's column blocks of 512 (the 8 x 32 tile, or 4 x 16 of 256 bits).
                Arguments.of(Window2d.of(1, 5, 6, 3, 3, 3, 1, 1, Padding.SAME), 600));
    }

    /** Geometries whose run tables are checked value by value against im2col's order. */
    static Stream<Window2d> tableGeometries() {
        return Stream.of(
                Window2d.of(1, 14, 14, 32, 5, 5, 1, 1, Padding.SAME),
                Window2d.of(1, 9, 8, 6, 3, 3, 2, 2, Padding.SAME),
                Window2d.of(1, 7, 9, 5, 3, 4, 2, 1, Padding.explicit(2, 0, 1, 3)),
                Window2d.of(1, 5, 3, 8, 3, 3, 1, 1, Padding.VALID),
                Window2d.of(1, 7, 9, 48, 3, 3, 1, 1, Padding.SAME));
    }

    /** The cases, each with the kernel Gemm packs for and, where it is another, the one it gathers with. */
    static Stream<Arguments> casesByKernel() {
        return cases().flatMap(c -> {
            int outputs = (int) c.get()[1];
            MicroKernel packing = Gemm.kernelFor(outputs, false);
            MicroKernel gathering = Gemm.kernelForGathering(outputs);
            return (packing == gathering ? Stream.of(packing) : Stream.of(packing, gathering))
                    .map(kernel -> Arguments.of(c.get()[0], outputs, kernel,
                            kernel.tileRows() + "x" + kernel.tileColumns()));
        });
    }

    @ParameterizedTest(name = "{0} outputs={1} tile {3}")
    @MethodSource("casesByKernel")
    void givesTheBitsOfTheGemmOverTheColumns(Window2d groups, int outputs, MicroKernel kernel, String tile) {
        assumeTrue(kernel instanceof GatheringMicroKernel,
                "no gathering kernel for " + outputs + " outputs here (plain Java, or its tile is another)");
        int mr = kernel.tileRows();
        Window2d g = groups.withBatch(groups.batch() * mr);
        SplittableRandom random = new SplittableRandom(g.hashCode() + outputs);
        float[] x = RandomData.uniform(random, g.inputSize(), -1, 1);
        x[random.nextInt(x.length)] = Float.NaN;
        int k = g.patchSize();
        float[] w = RandomData.uniform(random, k * outputs, -1, 1);
        float[] bias = RandomData.uniform(random, outputs, -1, 1);
        Gemm.PackedB packed = Gemm.pack(kernel, false, k, outputs, w, 0, outputs,
                new float[Gemm.packedSize(kernel, k, outputs)]);
        int pixels = g.outH() * g.outW();
        float[] cols = new float[g.outputPixels() * k];
        Conv2dKernels.im2col(g, x, 0, g.outputPixels(), cols);
        float[] before = RandomData.uniform(random, OFFSET + g.outputSize(outputs) + OFFSET, -1, 1);
        Arrays.fill(before, 0, OFFSET, UNTOUCHED);
        Arrays.fill(before, before.length - OFFSET, before.length, UNTOUCHED);
        // All the images, then the middle group alone.
        int[][] ranges = {{0, g.batch()}, {mr, 2 * mr}};
        for (int[] range : ranges) {
            if (range[1] > g.batch()) {
                continue;
            }
            int n0 = range[0];
            int n1 = range[1];
            int rows = (n1 - n0) * pixels;
            for (int variant = 0; variant < 3; variant++) {
                boolean accumulate = variant == 2;
                float[] b = variant == 1 ? bias : null;
                boolean relu = variant == 1;
                float[] expected = before.clone();
                float[] actual = before.clone();
                Gemm.multiplyPacked(rows, cols, n0 * pixels * k, k, packed, expected, OFFSET, outputs, accumulate, b,
                        relu);
                GatheredConvolution.multiply(g, outputs, x, packed, b, relu, accumulate, n0, n1, actual, OFFSET);
                assertArrayEquals(expected, actual, "images " + n0 + "-" + n1 + " variant " + variant);
                assertFalse(Arrays.equals(before, actual), "nothing was written");
            }
        }
    }

    /** 11 images (groups of 4 or 8 and the rest) of C's second layer and of one of 128 filters (8 x 32 tile). */
    static Stream<Arguments> leftOverCases() {
        return Stream.of(1, 2, 3).flatMap(threads -> Stream.of(
                Arguments.of(Window2d.of(11, 14, 14, 32, 5, 5, 1, 1, Padding.SAME), 64, threads),
                Arguments.of(Window2d.of(11, 10, 10, 8, 3, 3, 1, 1, Padding.SAME), 128, threads)));
    }

    @ParameterizedTest(name = "{0} filters={1} threads={2}")
    @MethodSource("leftOverCases")
    void convolutionsWithImagesLeftOverFromTheGroupsGiveTheBitsOfTheColumns(Window2d g, int filters, int threads) {
        // Split between the threads, pooled and not, and the input gradient as a correlation, whose threads
        // split pixels anywhere in an image.
        float[] w = RandomData.uniform(new SplittableRandom(12), g.patchSize() * filters, -1, 1);
        assumeTrue(GatheredConvolution.applies(g, Gemm.pack(false, g.patchSize(), filters, w, 0, filters,
                new float[Gemm.packedSize(g.patchSize(), filters)])), "no gathering here (JDK, kernel)");
        Parallel.setThreads(threads);
        SplittableRandom random = new SplittableRandom(11);
        float[] x = RandomData.uniform(random, g.inputSize(), -1, 1);
        float[] bias = RandomData.uniform(random, filters, -1, 1);
        float[] cols = new float[g.outputPixels() * g.patchSize()];
        Conv2dKernels.im2col(g, x, 0, g.outputPixels(), cols);
        float[] expected = new float[g.outputSize(filters)];
        Gemm.gemmBiasRelu(false, false, g.outputPixels(), filters, g.patchSize(), cols, 0, g.patchSize(), w, 0, filters,
                expected, 0, filters, bias, true);
        float[] actual = new float[g.outputSize(filters)];
        Conv2dKernels.forward(g, filters, x, w, bias, true, actual);
        assertArrayEquals(expected, actual, "forward");

        Window2d pool = Window2d.of(g.batch(), g.outH(), g.outW(), filters, 2, 2, 2, 2, Padding.VALID);
        float[] pooledExpected = new float[pool.outputSize(filters)];
        PoolKernels.maxForward(pool, expected, pooledExpected, null);
        float[] pooled = new float[pool.outputSize(filters)];
        Conv2dKernels.forwardReluMaxPool(g, filters, x, w, bias, pool, pooled, null);
        assertArrayEquals(pooledExpected, pooled, "forward with pooling");

        float[] dy = RandomData.uniform(random, g.outputSize(filters), -1, 1);
        Window2d t = Conv2dKernels.transposedWindow(g, filters);
        float[] turned = new float[w.length];
        Conv2dKernels.turnWeights(g, filters, w, turned);
        float[] dyCols = new float[t.outputPixels() * t.patchSize()];
        Conv2dKernels.im2col(t, dy, 0, t.outputPixels(), dyCols);
        float[] dxExpected = RandomData.uniform(random, g.inputSize(), -1, 1);
        float[] dx = dxExpected.clone();
        Gemm.gemm(false, false, t.outputPixels(), g.channels(), t.patchSize(), dyCols, 0, t.patchSize(), turned, 0,
                g.channels(), dxExpected, 0, g.channels(), true);
        Conv2dKernels.backwardInputAsCorrelation(g, filters, dy, null, w, dx);
        assertArrayEquals(dxExpected, dx, "input gradient");
    }

    @Test
    void cConvolutionHasFiveKindsOfRowsAndOfColumns() {
        GatheredConvolution.Runs runs = GatheredConvolution.runs(Window2d.of(1, 14, 14, 32, 5, 5, 1, 1, Padding.SAME));
        assertEquals(4, runs.blocks());
        // Two at each edge, the middle.
        assertEquals(25, Arrays.stream(runs.kindOfPixel()).distinct().count());
    }

    @Test
    void aWindowOfPaddingAloneIsRefused() {
        // Window2d.of refuses such padding; the record's constructor does not check it.
        Window2d g = new Window2d(1, 4, 4, 2, 3, 3, 1, 1, 3, 0, 2, 2);
        assertThrows(IllegalArgumentException.class, () -> GatheredConvolution.runs(g));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tableGeometries")
    void runsCoverExactlyTheTapsInsideTheImageInTheOrderOfTheColumns(Window2d g) {
        GatheredConvolution.Runs runs = GatheredConvolution.runs(g);
        for (int oh = 0; oh < g.outH(); oh++) {
            for (int ow = 0; ow < g.outW(); ow++) {
                int kind = runs.kindOfPixel()[oh * g.outW() + ow] * (runs.blocks() + 1);
                // The window's values inside the image, as im2col lists them (column p, image offset).
                int[] expected = new int[2 * g.patchSize()];
                int count = 0;
                for (int p = 0; p < g.patchSize(); p++) {
                    int ih = oh * g.strideH() - g.padTop() + p / g.channels() / g.kernelW();
                    int iw = ow * g.strideW() - g.padLeft() + p / g.channels() % g.kernelW();
                    if (ih >= 0 && ih < g.inH() && iw >= 0 && iw < g.inW()) {
                        expected[2 * count] = p;
                        expected[2 * count + 1] = (ih * g.inW() + iw) * g.channels() + p % g.channels();
                        count++;
                    }
                }
                int[] listed = new int[2 * g.patchSize()];
                int listedCount = 0;
                int corner = ((oh * g.strideH() - g.padTop()) * g.inW() + ow * g.strideW() - g.padLeft())
                        * g.channels();
                for (int b = 0; b < runs.blocks(); b++) {
                    for (int run = runs.blockStart()[kind + b]; run < runs.blockStart()[kind + b + 1]; run++) {
                        int[] t = Arrays.copyOfRange(runs.table(), 3 * run, 3 * run + 3);
                        assertTrue(t[2] > 0 && t[1] + t[2] <= Gemm.KC, "run inside its block");
                        for (int q = 0; q < t[2]; q++) {
                            listed[2 * listedCount] = b * Gemm.KC + t[1] + q;
                            listed[2 * listedCount + 1] = corner + t[0] + q;
                            listedCount++;
                        }
                    }
                }
                assertEquals(count, listedCount, "values of pixel " + oh + "," + ow);
                assertArrayEquals(expected, listed, "pixel " + oh + "," + ow);
            }
        }
    }
}

package dev.fovea.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fovea.testing.RandomData;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link VectorFewFilterConvolution} against the im2col path it stands in for, bit for bit: any
 * range of output pixels (rows cut at either end, whole rows in groups of four and not), any range
 * of images pooled, with and without bias and ReLU, rows of fewer lanes than a vector, strides, and
 * inputs holding NaN. Every value outside the range it was given to write must stay as it was. The
 * weights' gradient's block sums likewise against the GEMM's k-blocks, the last block's gradient
 * ending at the end of its array.
 */
class VectorFewFilterConvolutionTest {
    /** The kernel, when the GEMM it stands in for is the Vector API one (not with -Dfovea.vector=false). */
    private static final DirectConvolution KERNEL = "vector".equals(Gemm.implementation())
            ? VectorKernels.load("VectorFewFilterConvolution", DirectConvolution.class) : null;
    /** What the output arrays hold before a call: a value no convolution here gives. */
    private static final float UNTOUCHED = 12345f;
    /** Where the kernel is asked to start writing, so that a write before it shows. */
    private static final int OFFSET = 7;

    /** One-channel geometries (every window inside the image, as the caller pads) and filters. */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(Window2d.of(3, 28, 28, 1, 5, 5, 1, 1, Padding.VALID), 6),   // LeNet's first layer
                Arguments.of(Window2d.of(2, 9, 13, 1, 3, 3, 1, 1, Padding.VALID), 1),
                Arguments.of(Window2d.of(2, 9, 13, 1, 3, 3, 1, 1, Padding.VALID), 3),
                Arguments.of(Window2d.of(2, 12, 10, 1, 3, 3, 1, 1, Padding.VALID), 7),
                Arguments.of(Window2d.of(2, 11, 12, 1, 4, 2, 1, 1, Padding.VALID), 15),
                Arguments.of(Window2d.of(2, 13, 11, 1, 5, 5, 2, 2, Padding.VALID), 5),
                Arguments.of(Window2d.of(3, 7, 9, 1, 3, 2, 1, 2, Padding.VALID), 4),
                Arguments.of(Window2d.of(2, 9, 7, 1, 2, 3, 2, 1, Padding.VALID), 6),
                // Output rows of 9 and pooled rows of 3 lanes, of 4 and 2: fewer than a vector.
                Arguments.of(Window2d.of(4, 5, 5, 1, 3, 3, 1, 1, Padding.VALID), 3),
                Arguments.of(Window2d.of(2, 6, 6, 1, 3, 3, 1, 1, Padding.VALID), 1),
                Arguments.of(Window2d.of(2, 6, 30, 1, 1, 1, 1, 1, Padding.VALID), 2),
                // An odd output (15 x 15): the pooling leaves its last row and column out.
                Arguments.of(Window2d.of(2, 17, 17, 1, 3, 3, 1, 1, Padding.VALID), 6));
    }

    @ParameterizedTest(name = "{0} filters={1}")
    @MethodSource("cases")
    void anyRangeOfPixelsGivesTheBitsOfTheIm2colPath(Window2d g, int filters) {
        assumeTrue(KERNEL != null && KERNEL.supports(1, g.patchSize(), filters),
                "the Vector API kernels off, or not fewer filters than a vector has lanes");
        SplittableRandom random = new SplittableRandom(g.hashCode() + filters);
        float[] x = input(g, random);
        float[] w = RandomData.uniform(random, g.patchSize() * filters, -1, 1);
        int pixels = g.outputPixels();
        int[][] ranges = ranges(pixels, g.outW(), random);
        for (float[] bias : new float[][] {RandomData.uniform(random, filters, -1, 1), null}) {
            for (boolean relu : new boolean[] {true, false}) {
                float[] expected = im2colConvolution(g, filters, x, w, bias, relu);
                for (int[] range : ranges) {
                    int first = range[0];
                    int end = range[1];
                    float[] out = untouched(OFFSET + pixels * filters + OFFSET);
                    KERNEL.convolve(g, filters, x, w, bias, relu, first, end, out, OFFSET);
                    String what = g + " filters " + filters + " pixels [" + first + ", " + end + ") bias "
                            + (bias != null) + " relu " + relu;
                    assertWritten(expected, first * filters, out, OFFSET, (end - first) * filters, what);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} filters={1}")
    @MethodSource("cases")
    void anyRangeOfImagesPooledGivesTheBitsOfConvolutionThenPooling(Window2d g, int filters) {
        assumeTrue(KERNEL != null && KERNEL.supports(1, g.patchSize(), filters),
                "the Vector API kernels off, or not fewer filters than a vector has lanes");
        Window2d pool = Window2d.of(g.batch(), g.outH(), g.outW(), filters, 2, 2, 2, 2, Padding.VALID);
        assertTrue(DirectConvolution.supportsPooling(pool), pool.toString());
        SplittableRandom random = new SplittableRandom(g.hashCode() - filters);
        float[] x = input(g, random);
        float[] w = RandomData.uniform(random, g.patchSize() * filters, -1, 1);
        int pooled = pool.outputSize(filters);
        int perImage = pooled / g.batch();
        for (float[] bias : new float[][] {RandomData.uniform(random, filters, -1, 1), null}) {
            float[] expected = new float[pooled];
            float[] expectedWinners = new float[pooled];
            PoolKernels.maxForward(pool, im2colConvolution(g, filters, x, w, bias, true), expected, expectedWinners);
            for (int from = 0; from < g.batch(); from++) {
                for (int to = from + 1; to <= g.batch(); to++) {
                    String what = g + " filters " + filters + " images [" + from + ", " + to + ") bias "
                            + (bias != null);
                    int length = (to - from) * perImage;
                    float[] y = untouched(OFFSET + length + OFFSET);
                    float[] winners = untouched(y.length);
                    KERNEL.convolveReluMaxPool(g, filters, x, w, bias, pool, from, to, y, OFFSET, winners);
                    assertWritten(expected, from * perImage, y, OFFSET, length, what);
                    assertWritten(expectedWinners, from * perImage, winners, OFFSET, length, what + ", winners");
                    float[] inference = untouched(y.length);
                    KERNEL.convolveReluMaxPool(g, filters, x, w, bias, pool, from, to, inference, OFFSET, null);
                    assertWritten(expected, from * perImage, inference, OFFSET, length, what + ", no winners");
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} filters={1}")
    @MethodSource("cases")
    void blockSumsAreTheGemmsKBlocks(Window2d g, int filters) {
        BlockedWeightGradient kernel = KERNEL == null ? null : (BlockedWeightGradient) KERNEL;
        assumeTrue(kernel != null && kernel.supportsWeightGradient(1, filters),
                "the Vector API kernels off, or not fewer filters than a vector has lanes");
        // Enough images for several blocks of Gemm.KC pixels, the last one partial.
        Window2d many = g.withBatch(2 * Gemm.KC / (g.outH() * g.outW()) + 3);
        SplittableRandom random = new SplittableRandom(many.hashCode() * 31L + filters);
        float[] x = input(many, random);
        int pixels = many.outputPixels();
        int k = many.patchSize();
        float[] dy = RandomData.uniform(random, pixels * filters, -1, 1);
        float[] cols = new float[pixels * k];
        Conv2dKernels.im2col(many, x, 0, pixels, cols);
        int blocks = (pixels + Gemm.KC - 1) / Gemm.KC;
        assertTrue(blocks >= 3 && pixels % Gemm.KC != 0, "blocks " + blocks);
        int stride = kernel.sumStride();
        int blockFloats = kernel.blockFloats(k);
        assertTrue(blockFloats >= k * stride, "block floats " + blockFloats);
        float[] sums = untouched(blocks * blockFloats);
        // In two calls, as two threads would take them.
        kernel.blockSums(many, filters, x, dy, 0, 1, sums, 0);
        kernel.blockSums(many, filters, x, dy, 1, blocks, sums, blockFloats);
        for (int b = 0; b < blocks; b++) {
            int p0 = b * Gemm.KC;
            int kc = Math.min(Gemm.KC, pixels - p0);
            float[] expected = new float[k * filters];
            Gemm.gemm(true, false, k, filters, kc, cols, p0 * k, k, dy, p0 * filters, filters, expected, 0, filters,
                    false);
            for (int t = 0; t < k; t++) {
                for (int f = 0; f < filters; f++) {
                    int at = b * blockFloats + t * stride + f;
                    assertEquals(Float.floatToIntBits(expected[t * filters + f]), Float.floatToIntBits(sums[at]),
                            many + " filters " + filters + ": block " + b + ", window value " + t + ", filter " + f);
                }
            }
        }
    }

    /** Values in [-1, 1), with a NaN in the first image and a -0 in each. */
    private static float[] input(Window2d g, SplittableRandom random) {
        float[] x = RandomData.uniform(random, g.inputSize(), -1, 1);
        x[random.nextInt(g.inH() * g.inW())] = Float.NaN;
        for (int n = 0; n < g.batch(); n++) {
            x[n * g.inH() * g.inW() + random.nextInt(g.inH() * g.inW())] = -0f;
        }
        return x;
    }

    /** The whole range, each image, and ranges starting and ending anywhere, inside rows or at their ends. */
    private static int[][] ranges(int pixels, int outW, SplittableRandom random) {
        int[][] ranges = new int[12][];
        ranges[0] = new int[] {0, pixels};
        ranges[1] = new int[] {outW, pixels - 1};
        ranges[2] = new int[] {outW + 1, Math.min(pixels, 6 * outW + 1)};
        for (int i = 3; i < ranges.length; i++) {
            int first = random.nextInt(pixels);
            ranges[i] = new int[] {first, first + 1 + random.nextInt(pixels - first)};
        }
        return ranges;
    }

    private static float[] im2colConvolution(Window2d g, int filters, float[] x, float[] w, float[] bias,
                                             boolean relu) {
        int k = g.patchSize();
        int pixels = g.outputPixels();
        float[] cols = new float[pixels * k];
        Conv2dKernels.im2col(g, x, 0, pixels, cols);
        float[] y = new float[pixels * filters];
        Gemm.gemmBiasRelu(false, false, pixels, filters, k, cols, 0, k, w, 0, filters, y, 0, filters, bias, relu);
        return y;
    }

    private static float[] untouched(int length) {
        float[] a = new float[length];
        Arrays.fill(a, UNTOUCHED);
        return a;
    }

    /** actual[at, at + length) holds expected[from, from + length), bit for bit, and no other value changed. */
    private static void assertWritten(float[] expected, int from, float[] actual, int at, int length, String what) {
        for (int i = 0; i < actual.length; i++) {
            int index = i;
            boolean inside = i >= at && i < at + length;
            float want = inside ? expected[from + i - at] : UNTOUCHED;
            assertEquals(Float.floatToIntBits(want), Float.floatToIntBits(actual[i]),
                    () -> what + ": value " + index + (inside ? "" : ", outside the range,") + " is " + actual[index]);
        }
    }
}

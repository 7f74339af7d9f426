package dev.fovea.kernel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntUnaryOperator;

/**
 * A convolution's GEMM (im2col columns x packed kernel, as {@link Conv2dKernels} runs it) without the
 * columns: each tile of a {@link GatheringMicroKernel} takes MR (4 or 8) images at one output pixel and
 * reads their windows straight from the images, in runs of values that lie next to each other in both
 * the image and the kernel (a kernel row's taps inside the image). No pass writes and reads the columns,
 * and the taps a window has in the padding are left out, and with them their products, all zeros:
 * 16 % of the products of a 5 x 5 SAME convolution of a 14 x 14 image (model C's second layer, 12-28 %
 * faster than through the columns; a table entry per value instead of per run was 11 % slower than
 * the columns). Images left over from whole groups of MR go through the columns.
 *
 * <p>The sums are the GEMM's over the columns, bit for bit: each element of C sums the GEMM's
 * k-blocks ({@link Gemm#KC} window values) in order, each from zero, over the same values in the same
 * order. A product left out is a zero, which leaves a sum that is not zero as it is; a block left
 * with no product would have added a zero. The exceptions: a sum that is exactly zero (a product
 * underflowing to -0) may come out -0 where the columns' zeros made it +0, and a kernel holding an
 * infinity or a NaN gave NaN at the padding.
 */
final class GatheredConvolution {
    /** Tables by geometry (batch 1): one or two per convolution layer, so a small bound suffices. */
    private static final Map<Window2d, Runs> RUNS = new ConcurrentHashMap<>();
    private static final int MAX_CACHED_GEOMETRIES = 64;
    /**
     * On from JDK 25 on: JDK 17 compiled the runs' nested loop 25 times slower. {@code -Dfovea.gather=true}
     * turns it on anyway (the tests do, to check it on JDK 17), {@code false} off.
     */
    private static final boolean ENABLED = Boolean.parseBoolean(
            System.getProperty("fovea.gather", String.valueOf(Runtime.version().feature() >= 25)));

    private GatheredConvolution() {}

    /**
     * The runs of each kind of window (the taps inside the image), k-block by k-block: those of window
     * kind w in block b are runs [blockStart[w * (blocks + 1) + b], blockStart[w * (blocks + 1) + b + 1])
     * of {@code table}, {@link GatheringMicroKernel#RUN} ints each (the offset of its first value from
     * the window's top-left corner in the image, its first row in the block, its length).
     * {@code kindOfPixel[oh * outW + ow]} is the kind of that output pixel's window.
     */
    record Runs(int blocks, int[] kindOfPixel, int[] blockStart, int[] table) {}

    /**
     * Whether {@link #multiply} computes g's convolution through these packed weights: when it is
     * {@link #ENABLED} and the packed kernel's tile gathers, if some window reaches into the padding or the
     * tile has at least 32 columns. Measured per layer (batch 256, two threads, JDK 25): with padding
     * 15-30 % faster than through the columns on 512-bit and 256-bit tiles alike; without, 12-18 % faster
     * on the 4 x 32 and 4 x 64 tiles (model A's layers), 25-31 % on the 8 x 32 tile (more than 64
     * filters), but -5 to +2 % on the 4 x 16 tile of 256-bit vectors, whose A values each meet fewer
     * columns.
     */
    static boolean applies(Window2d g, Gemm.PackedB packed) {
        return packed != null && applies(g, packed.kernel());
    }

    /** {@link #applies(Window2d, Gemm.PackedB)} for weights packed for this kernel. */
    static boolean applies(Window2d g, MicroKernel kernel) {
        return ENABLED && kernel instanceof GatheringMicroKernel
                && (kernel.tileColumns() >= 32 || !g.windowsInsideInput());
    }

    /**
     * out = conv(x) * packed + bias, then the ReLU when {@code relu}, for images [n0, n1) of x, a
     * multiple of the kernel's MR of them; or with {@code accumulate} out += conv(x) * packed (bias
     * null, relu false). Image n's output pixel r is the row at out[outOffset + ((n - n0) * pixels + r)
     * * outputs]. {@code packed} is w packed by {@link Gemm#pack} for a {@link GatheringMicroKernel}.
     */
    static void multiply(Window2d g, int outputs, float[] x, Gemm.PackedB packed, float[] bias, boolean relu,
                         boolean accumulate, int n0, int n1, float[] out, int outOffset) {
        GatheringMicroKernel kernel = (GatheringMicroKernel) packed.kernel();
        int mr = kernel.tileRows();
        if ((n1 - n0) % mr != 0) {
            throw new IllegalArgumentException("images " + n0 + "-" + n1 + " are not groups of " + mr);
        }
        int nr = kernel.tileColumns();
        Runs runs = runs(g);
        int blocks = runs.blocks();
        int k = g.patchSize();
        int imageSize = g.inH() * g.inW() * g.channels();
        int pixels = g.outH() * g.outW();
        int ldc = pixels * outputs;   // the MR rows of a tile are MR images' same pixel
        float[] sums = Scratch.floats(Scratch.Use.TILE, mr * nr);
        for (int n = n0; n < n1; n += mr) {
            for (int r = 0; r < pixels; r++) {
                int oh = r / g.outW();
                int ow = r % g.outW();
                int corner = ((oh * g.strideH() - g.padTop()) * g.inW() + ow * g.strideW() - g.padLeft())
                        * g.channels();
                int cRow = outOffset + ((n - n0) * pixels + r) * outputs;
                int kind = runs.kindOfPixel()[r] * (blocks + 1);
                for (int j = 0; j < outputs; j += nr) {
                    int jc = j / Gemm.NC * Gemm.NC;
                    // Every window holds an input value (kinds() checks), so some block has runs, and
                    // without accumulate the first such block writes C.
                    boolean first = true;
                    for (int b = 0; b < blocks; b++) {
                        int from = runs.blockStart()[kind + b];
                        int to = runs.blockStart()[kind + b + 1];
                        if (from < to) {
                            int pc = b * Gemm.KC;
                            int kc = Math.min(Gemm.KC, k - pc);
                            kernel.tileGathered(to - from, runs.table(), from * GatheringMicroKernel.RUN, x,
                                    n * imageSize + corner, imageSize, packed.panels(),
                                    packed.offset(jc, pc) + (j - jc) * kc, out, cRow + j, ldc,
                                    Math.min(nr, outputs - j), first && !accumulate, sums);
                            first = false;
                        }
                    }
                }
                if (bias != null || relu) {
                    Gemm.ROW_KERNELS.biasRelu(out, cRow, ldc, mr, 0, outputs, bias, relu);
                }
            }
        }
    }

    static Runs runs(Window2d g) {
        Window2d key = g.withBatch(1);
        Runs runs = RUNS.get(key);
        if (runs != null) {
            return runs;
        }
        if (RUNS.size() >= MAX_CACHED_GEOMETRIES) {
            RUNS.clear();   // tables handed out stay valid; a few geometries are built again
        }
        return RUNS.computeIfAbsent(key, GatheredConvolution::build);
    }

    private static Runs build(Window2d g) {
        int[] rowKind = new int[g.outH()];
        int[][] rowRanges = kinds(g.outH(), oh -> oh * g.strideH() - g.padTop(), g.kernelH(), g.inH(), rowKind);
        int[] columnKind = new int[g.outW()];
        int[][] columnRanges = kinds(g.outW(), ow -> ow * g.strideW() - g.padLeft(), g.kernelW(), g.inW(),
                columnKind);
        int[] kindOfPixel = new int[g.outH() * g.outW()];
        for (int oh = 0; oh < g.outH(); oh++) {
            for (int ow = 0; ow < g.outW(); ow++) {
                kindOfPixel[oh * g.outW() + ow] = rowKind[oh] * columnRanges.length + columnKind[ow];
            }
        }
        int k = g.patchSize();
        int c = g.channels();
        int blocks = (k + Gemm.KC - 1) / Gemm.KC;
        int kinds = rowRanges.length * columnRanges.length;
        int[] blockStart = new int[kinds * (blocks + 1)];
        // At most a run per tap and block.
        int[] table = new int[GatheringMicroKernel.RUN * kinds * (g.kernelH() * g.kernelW() + blocks)];
        int count = 0;
        for (int kind = 0; kind < kinds; kind++) {
            int[] rows = rowRanges[kind / columnRanges.length];
            int[] columns = columnRanges[kind % columnRanges.length];
            for (int b = 0; b < blocks; b++) {
                blockStart[kind * (blocks + 1) + b] = count;
                for (int p = b * Gemm.KC; p < Math.min(k, (b + 1) * Gemm.KC); p++) {
                    int tap = p / c;
                    int kh = tap / g.kernelW();
                    int kw = tap % g.kernelW();
                    if (kh < rows[0] || kh >= rows[1] || kw < columns[0] || kw >= columns[1]) {
                        continue;
                    }
                    int offset = (kh * g.inW() + kw) * c + p % c;
                    int row = p - b * Gemm.KC;
                    int last = GatheringMicroKernel.RUN * (count - 1);
                    if (count > blockStart[kind * (blocks + 1) + b] && table[last] + table[last + 2] == offset
                            && table[last + 1] + table[last + 2] == row) {
                        table[last + 2]++;
                    } else {
                        table[last + 3] = offset;
                        table[last + 4] = row;
                        table[last + 5] = 1;
                        count++;
                    }
                }
            }
            blockStart[kind * (blocks + 1) + blocks] = count;
        }
        return new Runs(blocks, kindOfPixel, blockStart, Arrays.copyOf(table, GatheringMicroKernel.RUN * count));
    }

    /**
     * The kernel rows (or columns) [first, end) inside the input for each output row (or column) o,
     * whose window starts at {@code start(o)}: each distinct range is a kind, numbered in order of first
     * appearance into {@code kindOf}; returns the kinds' ranges.
     */
    private static int[][] kinds(int outputs, IntUnaryOperator start, int kernel, int input, int[] kindOf) {
        List<int[]> ranges = new ArrayList<>();
        for (int o = 0; o < outputs; o++) {
            int s = start.applyAsInt(o);
            int[] range = {Math.max(0, -s), Math.min(kernel, input - s)};
            if (range[0] >= range[1]) {
                // Window2d.of keeps padding smaller than the kernel; a window of padding alone would go unwritten.
                throw new IllegalArgumentException("window " + o + " lies entirely in the padding");
            }
            int kind = 0;
            while (kind < ranges.size() && !Arrays.equals(ranges.get(kind), range)) {
                kind++;
            }
            if (kind == ranges.size()) {
                ranges.add(range);
            }
            kindOf[o] = kind;
        }
        return ranges.toArray(new int[0][]);
    }
}

package dev.fovea.kernel;

import java.util.Arrays;

/**
 * 2-D convolution (cross-correlation, as in every deep-learning library) on NHWC images, with its
 * two gradients, as im2col + {@link Gemm}, and an optional ReLU fused in.
 *
 * <p>Shapes: input x [N, H, W, C]; kernel w [KH, KW, C, F] (a [KH*KW*C, F] matrix); bias [F];
 * output y [N, OH, OW, F]. im2col writes one row per output pixel holding the KH*KW*C input
 * values it sees (zeros for padding), in the kernel's (kh, kw, c) order, so that
 * y = cols * w + b is a GEMM whose output is already NHWC.
 *
 * <p>The columns never exist for the whole batch. In the forward pass and the input gradient, when
 * the packed kernel fits in L2 ({@link #TASK_KERNEL_FLOATS}: every layer of the built-in models),
 * each thread takes its share of the pixels (whole images for the input gradient, whose windows
 * overlap) once, packs the kernel once, and goes through them a block of about
 * {@link #TASK_BLOCK_FLOATS} columns at a time in its own {@link Scratch}, so that the columns are
 * still in L2 when the GEMM reads them. Otherwise the columns are made a chunk of about
 * {@link #CHUNK_FLOATS} values at a time, each chunk's im2col and GEMM split across the threads; the
 * weight gradient goes through the batch in chunks or k-blocks (see {@link #backwardWeights}). None of
 * this changes a result: the forward pass and the input gradient compute each row of columns on its
 * own (and col2im adds them in pixel order, an image on one thread), and the weight gradient takes
 * whole k-blocks of the GEMM ({@link Gemm#KC} rows), which sum in the order of one unchunked GEMM.
 * With the Vector API, one-channel convolutions (first layers on grey images) use no columns at all
 * (see {@link DirectConvolution}), and from JDK 25 on neither do the forward passes and correlations
 * whose micro-kernel can read windows from the images (see {@link GatheredConvolution}), for the images
 * of each thread that fill whole tiles.
 */
public final class Conv2dKernels {
    /** About how many floats of columns (or of masked gradient) one chunk holds: 4 MB. */
    static final int CHUNK_FLOATS = 1 << 20;
    /** Most floats of a packed kernel for which each thread packs its own and keeps it (256 KB, in L2). */
    static final int TASK_KERNEL_FLOATS = 1 << 16;
    /**
     * About how many floats of columns a thread unfolds and multiplies at a time, and of convolution
     * output it pools at a time: 128 KB (model A's second convolution, 64 to 256 KB measured: 128 KB
     * was 4-9 % faster than either).
     */
    private static final int TASK_BLOCK_FLOATS = 1 << 15;
    /**
     * Most floats of output of the images a {@link GatheredConvolution} tile takes together (4 of model
     * C's second layer: 200 KB) for which the pooled forward makes them at once (512 KB, in L2); larger
     * images keep to {@link #TASK_BLOCK_FLOATS} through the columns.
     */
    private static final int GATHERED_BLOCK_FLOATS = 1 << 17;
    /** Fewest values of dw for which the weight gradient is split by its rows (see {@link #backwardWeights}). */
    static final int TASK_WEIGHT_GRADIENT_VALUES = 4096;
    /** Fewest multiply-adds (as flops) worth a task of their own. */
    private static final int MIN_TASK_FLOPS = 1 << 21;
    /**
     * Below this many values a loop beats System.arraycopy's and Arrays.fill's call overhead (im2col's
     * runs of 3 values); from 8 on the call was faster: im2col with runs of 8 to 10 values 1.4-1.6x, of
     * 15 2x, of 30 (LeNet's second layer) 2.8x.
     */
    private static final int SHORT_RUN = 8;
    /** One-channel convolutions straight from the image: the Vector API kernels, or none without them. */
    private static final DirectConvolution[] DIRECT = "vector".equals(Gemm.implementation())
            ? new DirectConvolution[] {VectorKernels.load("VectorDirectConvolution", DirectConvolution.class),
                VectorKernels.load("VectorFewFilterConvolution", DirectConvolution.class)}
            : new DirectConvolution[0];
    /** Their weights' gradients straight from the image: the Vector API kernels, or null without them. */
    private static final DirectWeightGradient DIRECT_WEIGHT_GRADIENT = "vector".equals(Gemm.implementation())
            ? VectorKernels.load("VectorDirectConvolution", DirectWeightGradient.class) : null;
    private static final BlockedWeightGradient BLOCKED_WEIGHT_GRADIENT = "vector".equals(Gemm.implementation())
            ? VectorKernels.load("VectorFewFilterConvolution", BlockedWeightGradient.class) : null;

    private Conv2dKernels() {}

    /**
     * y = conv(x, w) + b, then max(y, 0) when {@code relu}. {@code bias} may be null. The bias and
     * the ReLU are applied by the GEMM to each block of y while it is in cache.
     */
    public static void forward(Window2d g, int filters, float[] x, float[] w, float[] bias, boolean relu, float[] y) {
        unfoldAndMultiply(g, filters, x, w, bias, relu, false, 0, g.outputPixels(), y, 0);
    }

    /**
     * {@link #forward} with a ReLU, then max pooling over {@code pool} (a window over the
     * convolution's output: its batch, size and filters), as one pass: the convolution's output is
     * made a few images at a time into a scratch array and pooled while in cache, so it never exists
     * in full. When the packed kernel fits in L2, each thread takes whole images and convolves and
     * pools about {@link #TASK_BLOCK_FLOATS} values of output at a time (or, for
     * {@link GatheredConvolution}, the images of a tile's rows when they hold at most
     * {@link #GATHERED_BLOCK_FLOATS}); else chunks of about
     * {@link #CHUNK_FLOATS} values (and at least one image per thread) go through the parallel
     * forward and pooling. y and {@code winners} (null in inference) are
     * {@link PoolKernels#maxForward}'s; the values are the same, bit for bit, as the two steps'.
     */
    public static void forwardReluMaxPool(Window2d g, int filters, float[] x, float[] w, float[] bias, Window2d pool,
                                          float[] y, float[] winners) {
        int imagePixels = g.outH() * g.outW();
        long imageValues = (long) imagePixels * filters;
        int pooledPerImage = pool.outH() * pool.outW() * filters;
        int k = g.patchSize();
        if (Gemm.packedSize(k, filters) <= TASK_KERNEL_FLOATS) {
            int minImages = (int) Math.max(1, MIN_TASK_FLOPS / (2 * k * imageValues));
            Parallel.forRange(g.batch(), minImages, (from, to) -> {
                Gemm.PackedB packed = packUnlessDirect(g, filters, w, false);
                if (packed == null && DirectConvolution.supportsPooling(pool)) {
                    convolveDirectlyAndPool(g, filters, x, w, bias, pool, from, to, y, winners);
                    return;
                }
                int images = (int) Math.max(1, TASK_BLOCK_FLOATS / imageValues);
                if (GatheredConvolution.applies(g, packed)
                        && packed.kernel().tileRows() * imageValues <= GATHERED_BLOCK_FLOATS) {
                    int mr = packed.kernel().tileRows();
                    images = Math.max(mr, images / mr * mr);
                }
                float[] out = Scratch.floats(Scratch.Use.CONVOLVED_IMAGES,
                        Math.toIntExact(Math.min(images, to - from) * imageValues));
                for (int n0 = from; n0 < to; n0 += images) {
                    int n1 = Math.min(to, n0 + images);
                    multiplyOnThisThread(g, filters, x, w, packed, bias, true, false, n0 * imagePixels,
                            n1 * imagePixels, out, 0);
                    PoolKernels.maxForwardImages(pool.withBatch(n1 - n0), out, y, n0 * pooledPerImage, winners, 0,
                            n1 - n0);
                }
            });
            return;
        }
        // At least an image per thread, so that the pooling, split by images, keeps every thread busy.
        int images = (int) Math.max(Parallel.threads(), CHUNK_FLOATS / imageValues);
        float[] out = Scratch.floats(Scratch.Use.CONVOLVED_IMAGES,
                Math.toIntExact(Math.min(images, g.batch()) * imageValues));
        for (int n0 = 0; n0 < g.batch(); n0 += images) {
            int n1 = Math.min(g.batch(), n0 + images);
            unfoldAndMultiply(g, filters, x, w, bias, true, false, n0 * imagePixels, n1 * imagePixels, out, 0);
            PoolKernels.maxForward(pool.withBatch(n1 - n0), out, y, n0 * pooledPerImage, winners);
        }
    }

    /**
     * Output pixels [firstPixel, endPixel) of out = im2col(x) * w + bias, then the ReLU when
     * {@code relu} (as {@link Gemm#gemmBiasRelu}), or with {@code accumulate} out += im2col(x) * w
     * (bias null, relu false); pixel r's row starts at out[outOffset + (r - firstPixel) * outputs];
     * w is a [patch, outputs] matrix.
     *
     * <p>When the packed kernel fits in L2 ({@link #TASK_KERNEL_FLOATS}), each thread takes a range of
     * pixels once, packs w once, and unfolds and multiplies a block of pixels at a time into its own
     * columns, which stay in L2 between the two (one fork per call; splitting each chunk's im2col and
     * GEMM across the threads separately cost a fork and a join each, and made im2col slower on two
     * threads than on one). Larger kernels go a chunk of columns at a time through the parallel GEMM.
     */
    private static void unfoldAndMultiply(Window2d g, int outputs, float[] x, float[] w, float[] bias, boolean relu,
                                          boolean accumulate, int firstPixel, int endPixel, float[] out,
                                          int outOffset) {
        int k = g.patchSize();
        if (Gemm.packedSize(k, outputs) > TASK_KERNEL_FLOATS) {
            unfoldAndMultiplyInChunks(g, outputs, x, w, bias, relu, accumulate, firstPixel, endPixel, out, outOffset);
            return;
        }
        int minPixels = Math.max(1, MIN_TASK_FLOPS / (2 * k * outputs));
        Parallel.forRange(endPixel - firstPixel, minPixels, (from, to) -> {
            Gemm.PackedB packed = packUnlessDirect(g, outputs, w, accumulate);
            multiplyOnThisThread(g, outputs, x, w, packed, bias, relu, accumulate, firstPixel + from,
                    firstPixel + to, out, outOffset + from * outputs);
        });
    }

    /**
     * w packed by {@link Gemm#pack} into this thread's scratch for {@link #multiplyOnThisThread}, or null
     * when a {@link #direct} kernel computes this convolution without it. With {@code accumulate} (the input
     * gradient as a correlation) for {@link Gemm#kernelForGathering}'s tile when the windows are gathered.
     */
    private static Gemm.PackedB packUnlessDirect(Window2d g, int outputs, float[] w, boolean accumulate) {
        if (!accumulate && direct(g, outputs) != null) {
            return null;
        }
        int k = g.patchSize();
        MicroKernel kernel = Gemm.kernelFor(outputs, false);
        if (accumulate) {
            // The input gradient as a correlation: its threads split the batch's pixels, many images each
            // at training batch sizes (a share of fewer than eight whole images goes through the columns).
            MicroKernel gathering = Gemm.kernelForGathering(outputs);
            if (GatheredConvolution.applies(g, gathering)) {
                kernel = gathering;
            }
        }
        return Gemm.pack(kernel, false, k, outputs, w, 0, outputs,
                Scratch.floats(Scratch.Use.TASK_KERNEL, Gemm.packedSize(kernel, k, outputs)));
    }

    /** The kernel of {@link #DIRECT} that computes g's convolution by these filters, or null when none does. */
    private static DirectConvolution direct(Window2d g, int filters) {
        for (DirectConvolution kernel : DIRECT) {
            if (kernel != null && kernel.supports(g.channels(), g.patchSize(), filters)) {
                return kernel;
            }
        }
        return null;
    }

    /**
     * {@link #unfoldAndMultiply} on the calling thread: by a {@link #direct} kernel when {@code packed} is null
     * (see {@link #packUnlessDirect}); else through w packed, the whole images among the pixels in groups of
     * the kernel's rows by {@link GatheredConvolution} when it applies, and the rest through im2col columns.
     */
    private static void multiplyOnThisThread(Window2d g, int outputs, float[] x, float[] w, Gemm.PackedB packed,
                                             float[] bias, boolean relu, boolean accumulate, int firstPixel,
                                             int endPixel, float[] out, int outOffset) {
        if (packed == null) {
            convolveDirectly(g, outputs, x, w, bias, relu, firstPixel, endPixel, out, outOffset);
            return;
        }
        if (GatheredConvolution.applies(g, packed)) {
            int pixels = g.outH() * g.outW();
            int mr = packed.kernel().tileRows();
            int n0 = (firstPixel + pixels - 1) / pixels;
            int n1 = n0 + Math.max(0, endPixel / pixels - n0) / mr * mr;
            if (n1 > n0) {
                multiplyThroughColumns(g, outputs, x, packed, bias, relu, accumulate, firstPixel, n0 * pixels, out,
                        outOffset);
                GatheredConvolution.multiply(g, outputs, x, packed, bias, relu, accumulate, n0, n1, out,
                        outOffset + (n0 * pixels - firstPixel) * outputs);
                multiplyThroughColumns(g, outputs, x, packed, bias, relu, accumulate, n1 * pixels, endPixel, out,
                        outOffset + (n1 * pixels - firstPixel) * outputs);
                return;
            }
        }
        multiplyThroughColumns(g, outputs, x, packed, bias, relu, accumulate, firstPixel, endPixel, out, outOffset);
    }

    /** {@link #multiplyOnThisThread} through im2col columns, a block of pixels at a time. */
    private static void multiplyThroughColumns(Window2d g, int outputs, float[] x, Gemm.PackedB packed, float[] bias,
                                               boolean relu, boolean accumulate, int firstPixel, int endPixel,
                                               float[] out, int outOffset) {
        int k = g.patchSize();
        int block = Math.max(1, TASK_BLOCK_FLOATS / Math.max(k, outputs));
        float[] cols = Scratch.floats(Scratch.Use.TASK_COLUMNS, Math.min(block, endPixel - firstPixel) * k);
        for (int r0 = firstPixel; r0 < endPixel; r0 += block) {
            int rows = Math.min(block, endPixel - r0);
            unfoldRows(g, x, r0, 0, rows, 0, k, cols);
            Gemm.multiplyPacked(rows, cols, 0, k, packed, out, outOffset + (r0 - firstPixel) * outputs, outputs,
                    accumulate, bias, relu);
        }
    }

    /**
     * A {@link #direct} kernel's convolution of output pixels [firstPixel, endPixel); when some windows reach
     * past the image, of a copy of the images they belong to, padded with zeros so that none does.
     */
    private static void convolveDirectly(Window2d g, int outputs, float[] x, float[] w, float[] bias, boolean relu,
                                         int firstPixel, int endPixel, float[] out, int outOffset) {
        if (firstPixel == endPixel) {
            return;
        }
        DirectConvolution kernel = direct(g, outputs);
        Window2d inside = windowInsidePadded(g);
        if (inside == null) {
            kernel.convolve(g, outputs, x, w, bias, relu, firstPixel, endPixel, out, outOffset);
            return;
        }
        int pixelsPerImage = g.outH() * g.outW();
        int n0 = firstPixel / pixelsPerImage;
        int n1 = (endPixel - 1) / pixelsPerImage + 1;
        float[] padded = Scratch.floats(Scratch.Use.TASK_PADDED_IMAGES, (n1 - n0) * inside.inH() * inside.inW());
        pad(g, inside, x, n0, n1, padded);
        int shift = n0 * pixelsPerImage;
        kernel.convolve(inside.withBatch(n1 - n0), outputs, padded, w, bias, relu, firstPixel - shift,
                endPixel - shift, out, outOffset);
    }

    /**
     * A {@link #direct} kernel's {@link DirectConvolution#convolveReluMaxPool} of images [from, to), of
     * copies padded with zeros (a few at a time) when some windows reach past the image.
     */
    private static void convolveDirectlyAndPool(Window2d g, int filters, float[] x, float[] w, float[] bias,
                                                Window2d pool, int from, int to, float[] y, float[] winners) {
        int pooledPerImage = pool.outH() * pool.outW() * filters;
        DirectConvolution kernel = direct(g, filters);
        Window2d inside = windowInsidePadded(g);
        if (inside == null) {
            kernel.convolveReluMaxPool(g, filters, x, w, bias, pool, from, to, y, from * pooledPerImage, winners);
            return;
        }
        int paddedImage = inside.inH() * inside.inW();
        int images = Math.max(1, TASK_BLOCK_FLOATS / paddedImage);
        float[] padded = Scratch.floats(Scratch.Use.TASK_PADDED_IMAGES, Math.min(images, to - from) * paddedImage);
        for (int n0 = from; n0 < to; n0 += images) {
            int n1 = Math.min(to, n0 + images);
            pad(g, inside, x, n0, n1, padded);
            kernel.convolveReluMaxPool(inside.withBatch(n1 - n0), filters, padded, w, bias, pool, 0, n1 - n0, y,
                    n0 * pooledPerImage, winners);
        }
    }

    /**
     * The window of the one-channel {@code g} over its images padded with zeros so that every window
     * lies inside them, unpadded; null when every window already does.
     */
    private static Window2d windowInsidePadded(Window2d g) {
        if (g.windowsInsideInput()) {
            return null;
        }
        int paddedH = (g.outH() - 1) * g.strideH() + g.kernelH();
        int paddedW = (g.outW() - 1) * g.strideW() + g.kernelW();
        return new Window2d(g.batch(), paddedH, paddedW, 1, g.kernelH(), g.kernelW(), g.strideH(), g.strideW(), 0, 0,
                g.outH(), g.outW());
    }

    /**
     * Copies images [n0, n1) of the one-channel x into padded (at their padded size, {@code inside}'s),
     * with zeros around.
     */
    private static void pad(Window2d g, Window2d inside, float[] x, int n0, int n1, float[] padded) {
        int paddedImage = inside.inH() * inside.inW();
        Arrays.fill(padded, 0, (n1 - n0) * paddedImage, 0f);
        // Input rows and columns that no window reaches (past the last window) are left out.
        int rows = Math.min(g.inH(), inside.inH() - g.padTop());
        int columns = Math.min(g.inW(), inside.inW() - g.padLeft());
        for (int n = n0; n < n1; n++) {
            for (int ih = 0; ih < rows; ih++) {
                System.arraycopy(x, (n * g.inH() + ih) * g.inW(), padded,
                        (n - n0) * paddedImage + (ih + g.padTop()) * inside.inW() + g.padLeft(), columns);
            }
        }
    }

    /**
     * {@link #unfoldAndMultiply} a chunk of about {@link #CHUNK_FLOATS} columns at a time, each step split
     * across threads.
     */
    private static void unfoldAndMultiplyInChunks(Window2d g, int outputs, float[] x, float[] w, float[] bias,
                                                  boolean relu, boolean accumulate, int firstPixel, int endPixel,
                                                  float[] out, int outOffset) {
        int k = g.patchSize();
        int chunk = Math.max(1, CHUNK_FLOATS / k);
        float[] cols = Scratch.floats(Scratch.Use.COLUMNS, Math.min(chunk, endPixel - firstPixel) * k);
        for (int r0 = firstPixel; r0 < endPixel; r0 += chunk) {
            int rows = Math.min(chunk, endPixel - r0);
            int at = outOffset + (r0 - firstPixel) * outputs;
            im2col(g, x, r0, rows, cols);
            if (accumulate) {
                Gemm.gemm(false, false, rows, outputs, k, cols, 0, k, w, 0, outputs, out, at, outputs, true);
            } else {
                Gemm.gemmBiasRelu(false, false, rows, outputs, k, cols, 0, k, w, 0, outputs, out, at, outputs, bias,
                        relu);
            }
        }
    }

    /**
     * dw += cols(x)^T * dy by {@link #BLOCKED_WEIGHT_GRADIENT}: the threads sum blocks of {@link Gemm#KC}
     * pixels, then the blocks are added to dw in order, as the GEMM adds its k-blocks.
     */
    private static void addBlockSums(Window2d g, int filters, float[] x, float[] dy, float[] dw) {
        int k = g.patchSize();
        int blocks = (g.outputPixels() + Gemm.KC - 1) / Gemm.KC;
        int stride = BLOCKED_WEIGHT_GRADIENT.sumStride();
        int blockFloats = BLOCKED_WEIGHT_GRADIENT.blockFloats(k);
        // A chunk of blocks at a time, so that the sums of a large batch stay about CHUNK_FLOATS.
        int chunk = Math.max(1, CHUNK_FLOATS / blockFloats);
        float[] sums = Scratch.floats(Scratch.Use.BLOCK_SUMS, Math.min(chunk, blocks) * blockFloats);
        int minBlocks = Math.max(1, MIN_TASK_FLOPS / (2 * Gemm.KC * k * filters));
        for (int b0 = 0; b0 < blocks; b0 += chunk) {
            int first = b0;
            int end = Math.min(blocks, b0 + chunk);
            Parallel.forRange(end - first, minBlocks, (from, to) -> BLOCKED_WEIGHT_GRADIENT.blockSums(g, filters, x,
                    dy, first + from, first + to, sums, from * blockFloats));
            for (int b = 0; b < end - first; b++) {
                for (int t = 0; t < k; t++) {
                    Gemm.ROW_KERNELS.addRow(sums, b * blockFloats + t * stride, dw, t * filters, filters);
                }
            }
        }
    }

    /**
     * dw += cols(x)^T * dy' and dbias += column sums of dy', where dy' is dy, or with
     * {@code reluOutput} (the forward's y when it fused a ReLU) dy where y > 0 and 0 elsewhere.
     * dw or dbias may be null: it is then skipped. A one-channel convolution's (without reluOutput)
     * goes to {@link #DIRECT_WEIGHT_GRADIENT} when it takes it, the threads taking groups of filters, or
     * for fewer filters than a vector has lanes (and a dw) to {@link #BLOCKED_WEIGHT_GRADIENT} (see
     * {@link #addBlockSums}), with the same float operations.
     *
     * <p>Otherwise, when dw has at least {@link #TASK_WEIGHT_GRADIENT_VALUES} values, each thread takes
     * a range of its rows (window values) once and goes through the batch a k-block of the GEMM
     * ({@link Gemm#KC} pixels) at a time: it unfolds only its part of those pixels' windows into its
     * own columns and multiplies them by the block of dy' (one fork per call; a chunk of whole windows
     * at a time cost two forks per chunk and columns out of L2). A smaller dw (LeNet's 5x5x6 x 16)
     * goes a chunk of columns at a time through the parallel GEMM, one call per chunk: there a GEMM
     * call per k-block cost more than it saved (model B trained 15 % slower). Either way each dw
     * element sums the same blocks in the same order as one GEMM over the whole batch.
     */
    public static void backwardWeights(Window2d g, int filters, float[] x, float[] dy, float[] reluOutput,
                                       float[] dw, float[] dbias) {
        if (dw == null && dbias == null) {
            return;
        }
        int k = g.patchSize();
        boolean direct = reluOutput == null && DIRECT_WEIGHT_GRADIENT != null
                && DIRECT_WEIGHT_GRADIENT.supports(g.channels(), k, filters);
        boolean blocked = reluOutput == null && dw != null && BLOCKED_WEIGHT_GRADIENT != null
                && BLOCKED_WEIGHT_GRADIENT.supportsWeightGradient(g.channels(), filters);
        if (direct || blocked) {
            Window2d inside = windowInsidePadded(g);
            Window2d window = inside == null ? g : inside;
            float[] images = x;
            if (inside != null) {
                images = Scratch.floats(Scratch.Use.PADDED_IMAGES, inside.inputSize());
                pad(g, inside, x, 0, g.batch(), images);
            }
            if (direct) {
                int group = DIRECT_WEIGHT_GRADIENT.filterGroup();
                float[] image = images;
                Parallel.forRange(filters / group, 1, (from, to) -> DIRECT_WEIGHT_GRADIENT.weightGradient(window,
                        filters, image, dy, from * group, to * group, dw, dbias));
            } else {
                addBlockSums(window, filters, images, dy, dw);
                if (dbias != null) {
                    sumRows(dy, g.outputPixels(), filters, dbias);
                }
            }
            return;
        }
        int pixels = g.outputPixels();
        if (dw == null || (long) k * filters < TASK_WEIGHT_GRADIENT_VALUES) {
            backwardWeightsInChunks(g, filters, x, dy, reluOutput, dw, dbias);
            return;
        }
        // Rows of dw (window values) in groups of 8, a whole number of the GEMM's tiles.
        int groups = (k + 7) / 8;
        int minGroups = (int) Math.max(1, MIN_TASK_FLOPS / (16L * filters * pixels));
        Parallel.forRange(groups, minGroups, (from, to) -> {
            int i0 = from * 8;
            int i1 = Math.min(k, to * 8);
            float[] cols = Scratch.floats(Scratch.Use.TASK_COLUMNS, Gemm.KC * (i1 - i0));
            float[] masked = reluOutput == null ? null
                    : Scratch.floats(Scratch.Use.TASK_MASKED_GRADIENT, Gemm.KC * filters);
            for (int p0 = 0; p0 < pixels; p0 += Gemm.KC) {
                int rows = Math.min(Gemm.KC, pixels - p0);
                float[] d = gradientRows(dy, reluOutput, p0, rows, filters, masked);
                int dOff = reluOutput == null ? p0 * filters : 0;
                if (dbias != null && from == 0) {
                    sumRows(d, dOff, rows, filters, dbias);
                }
                unfoldRows(g, x, p0, 0, rows, i0, i1, cols);
                Gemm.onThisThread(true, false, i1 - i0, filters, rows, cols, 0, i1 - i0, d, dOff, filters, dw,
                        i0 * filters, filters, true);
            }
        });
    }

    /**
     * {@link #backwardWeights} a chunk of about {@link #CHUNK_FLOATS} columns at a time, each step split
     * across threads.
     */
    private static void backwardWeightsInChunks(Window2d g, int filters, float[] x, float[] dy, float[] reluOutput,
                                                float[] dw, float[] dbias) {
        int k = g.patchSize();
        int pixels = g.outputPixels();
        int chunk = Math.max(Gemm.KC, CHUNK_FLOATS / Math.max(k, filters) / Gemm.KC * Gemm.KC);
        int firstChunk = Math.min(chunk, pixels);
        float[] cols = dw == null ? null : Scratch.floats(Scratch.Use.COLUMNS, firstChunk * k);
        float[] masked = reluOutput == null ? null : Scratch.floats(Scratch.Use.MASKED_GRADIENT, firstChunk * filters);
        for (int r0 = 0; r0 < pixels; r0 += chunk) {
            int rows = Math.min(chunk, pixels - r0);
            float[] d = gradientRows(dy, reluOutput, r0, rows, filters, masked);
            int dOff = reluOutput == null ? r0 * filters : 0;
            if (dbias != null) {
                sumRows(d, dOff, rows, filters, dbias);
            }
            if (dw != null) {
                im2col(g, x, r0, rows, cols);
                Gemm.gemm(true, false, k, filters, rows, cols, 0, k, d, dOff, filters, dw, 0, filters, true);
            }
        }
    }

    /**
     * dx += the gradient of the forward's input for dy' (dy' as in {@link #backwardWeights}), by
     * {@link #backwardInputAsCorrelation} when the forward has stride 1 and keeps the image's size
     * (SAME), else by {@link #backwardInputThroughColumns}. Measured per layer ({@code ConvBenchmark},
     * one thread, docs/PERFORMANCE.md): the correlation is 11-74 % faster on the SAME layers of
     * models C and resnet, but 15 % and 67 % slower on the VALID ones of models A and B, where it
     * multiplies the zeros of a border as wide as the kernel.
     */
    public static void backwardInput(Window2d g, int filters, float[] dy, float[] reluOutput, float[] w, float[] dx) {
        if (g.strideH() == 1 && g.strideW() == 1 && g.outH() == g.inH() && g.outW() == g.inW()) {
            backwardInputAsCorrelation(g, filters, dy, reluOutput, w, dx);
        } else {
            backwardInputThroughColumns(g, filters, dy, reluOutput, w, dx);
        }
    }

    /**
     * dx += col2im(dy' * w^T): for each output pixel, what it sent to each input value it saw. As in
     * the forward, when the packed kernel fits in L2 each thread takes whole images (whose windows
     * overlap), packs w^T once, and multiplies and folds back a block of pixels at a time through
     * its own columns; else a chunk of columns at a time, each step split across the threads.
     */
    public static void backwardInputThroughColumns(Window2d g, int filters, float[] dy, float[] reluOutput, float[] w,
                                                   float[] dx) {
        int k = g.patchSize();
        if (Gemm.packedSize(filters, k) > TASK_KERNEL_FLOATS) {
            backwardInputInChunks(g, filters, dy, reluOutput, w, dx);
            return;
        }
        int pixelsPerImage = g.outH() * g.outW();
        int minImages = (int) Math.max(1, MIN_TASK_FLOPS / (2L * k * filters * pixelsPerImage));
        Parallel.forRange(g.batch(), minImages, (from, to) -> {
            Gemm.PackedB turned = Gemm.pack(true, filters, k, w, 0, filters,
                    Scratch.floats(Scratch.Use.TASK_KERNEL, Gemm.packedSize(filters, k)));
            int block = Math.max(1, TASK_BLOCK_FLOATS / Math.max(k, filters));
            int end = to * pixelsPerImage;
            int firstBlock = Math.min(block, end - from * pixelsPerImage);
            float[] cols = Scratch.floats(Scratch.Use.TASK_COLUMNS, firstBlock * k);
            float[] masked = reluOutput == null ? null
                    : Scratch.floats(Scratch.Use.TASK_MASKED_GRADIENT, firstBlock * filters);
            for (int r0 = from * pixelsPerImage; r0 < end; r0 += block) {
                int rows = Math.min(block, end - r0);
                float[] d = gradientRows(dy, reluOutput, r0, rows, filters, masked);
                int dOff = reluOutput == null ? r0 * filters : 0;
                Gemm.multiplyPacked(rows, d, dOff, filters, turned, cols, 0, k, false, null, false);
                fold(g, cols, r0, r0, r0 + rows, dx);
            }
        });
    }

    /** {@link #backwardInputThroughColumns} a chunk of about {@link #CHUNK_FLOATS} columns at a time. */
    private static void backwardInputInChunks(Window2d g, int filters, float[] dy, float[] reluOutput, float[] w,
                                              float[] dx) {
        int k = g.patchSize();
        int pixels = g.outputPixels();
        int chunk = Math.max(1, CHUNK_FLOATS / Math.max(k, filters));
        int firstChunk = Math.min(chunk, pixels);
        float[] cols = Scratch.floats(Scratch.Use.COLUMNS, firstChunk * k);
        float[] masked = reluOutput == null ? null : Scratch.floats(Scratch.Use.MASKED_GRADIENT, firstChunk * filters);
        for (int r0 = 0; r0 < pixels; r0 += chunk) {
            int rows = Math.min(chunk, pixels - r0);
            float[] d = gradientRows(dy, reluOutput, r0, rows, filters, masked);
            int dOff = reluOutput == null ? r0 * filters : 0;
            Gemm.gemm(false, true, rows, k, filters, d, dOff, filters, w, 0, filters, cols, 0, k, false);
            col2im(g, cols, r0, rows, dx);
        }
    }

    /**
     * dx += dy' correlated with w turned by 180 degrees and with its channel axes swapped, for
     * stride 1 only: there dx[ih, iw, c] = sum of dy'[ih + padTop - kh, iw + padLeft - kw, f]
     * w[kh, kw, c, f], a forward convolution of dy' (see {@link #transposedWindow}). Run like the
     * forward (im2col of dy', then one GEMM), its GEMM sums KH*KW*F products per value where
     * {@link #backwardInputThroughColumns}' sums only F, and no col2im pass is needed; it does
     * multiply the zeros around dy' when the forward had less padding than SAME.
     */
    public static void backwardInputAsCorrelation(Window2d g, int filters, float[] dy, float[] reluOutput, float[] w,
                                                  float[] dx) {
        if (g.strideH() != 1 || g.strideW() != 1) {
            throw new IllegalArgumentException("the input gradient as a correlation needs stride 1, got " + g);
        }
        float[] turned = Scratch.floats(Scratch.Use.TURNED_WEIGHTS, w.length);
        turnWeights(g, filters, w, turned);
        float[] d = dy;
        if (reluOutput != null) {
            d = Scratch.floats(Scratch.Use.MASKED_GRADIENT, g.outputSize(filters));
            ActivationKernels.reluGradient(reluOutput, dy, 0, g.outputSize(filters), d);
        }
        Window2d t = transposedWindow(g, filters);
        unfoldAndMultiply(t, g.channels(), d, turned, null, false, true, 0, t.outputPixels(), dx, 0);
    }

    /**
     * The window of the stride-1 input gradient as a forward convolution: over dy (outH x outW,
     * F channels), producing inH x inW, padded by kernel - 1 - pad on the top and left (never
     * negative: padding is smaller than the kernel); the bottom and right padding follow from the
     * sizes, as im2col reads zeros wherever the window leaves the input.
     */
    static Window2d transposedWindow(Window2d g, int filters) {
        return new Window2d(g.batch(), g.outH(), g.outW(), filters, g.kernelH(), g.kernelW(), 1, 1,
                g.kernelH() - 1 - g.padTop(), g.kernelW() - 1 - g.padLeft(), g.inH(), g.inW());
    }

    /** turned[kh, kw, f, c] = w[KH - 1 - kh, KW - 1 - kw, c, f]: the kernel of {@link #transposedWindow}. */
    static void turnWeights(Window2d g, int filters, float[] w, float[] turned) {
        int kh = g.kernelH();
        int kw = g.kernelW();
        int c = g.channels();
        for (int i = 0; i < kh; i++) {
            for (int j = 0; j < kw; j++) {
                int to = (i * kw + j) * filters * c;
                int from = ((kh - 1 - i) * kw + (kw - 1 - j)) * c * filters;
                for (int f = 0; f < filters; f++) {
                    for (int ci = 0; ci < c; ci++) {
                        turned[to + f * c + ci] = w[from + ci * filters + f];
                    }
                }
            }
        }
    }

    /** Unfolds output pixels [r0, r0 + rows) (over the whole batch) of x into cols, one row per pixel. */
    static void im2col(Window2d g, float[] x, int r0, int rows, float[] cols) {
        Parallel.forRange(rows, 256, (from, to) -> unfoldRows(g, x, r0 + from, from, to - from, 0, g.patchSize(),
                cols));
    }

    /**
     * Unfolds values [i0, i1) of the windows of output pixels [first, first + rows) of x into rows
     * [row0, row0 + rows) of cols, i1 - i0 values each.
     */
    private static void unfoldRows(Window2d g, float[] x, int first, int row0, int rows, int i0, int i1,
                                   float[] cols) {
        int width = i1 - i0;
        int pixelsPerImage = g.outH() * g.outW();
        // The coordinates advance with the pixel: three divisions per row cost more than
        // unfolding the 9 values of a one-channel 3x3 window.
        int n = first / pixelsPerImage;
        int oh = first % pixelsPerImage / g.outW();
        int ow = first % g.outW();
        for (int r = row0; r < row0 + rows; r++) {
            unfold(g, x, n, oh, ow, i0, i1, cols, r * width);
            if (++ow == g.outW()) {
                ow = 0;
                if (++oh == g.outH()) {
                    oh = 0;
                    n++;
                }
            }
        }
    }

    /**
     * Writes values [i0, i1) of the window of output pixel (n, oh, ow) (in the kernel's (kh, kw, c)
     * order) to cols[dst, dst + i1 - i0), zeros where it is padding.
     */
    private static void unfold(Window2d g, float[] x, int n, int oh, int ow, int i0, int i1, float[] cols, int dst) {
        int c = g.channels();
        int iw0 = ow * g.strideW() - g.padLeft();
        int ih0 = oh * g.strideH() - g.padTop();
        if (iw0 >= 0 && iw0 + g.kernelW() <= g.inW() && ih0 >= 0 && ih0 + g.kernelH() <= g.inH()) {
            // A window inside the image (every window of a VALID convolution): no padding to write.
            int src = (n * g.inH() * g.inW() + ih0 * g.inW() + iw0) * c;
            if (i0 == 0 && i1 == g.patchSize()) {
                // The whole window: no part of a kernel row to find. Kept small so that it stays inlined.
                int rowLength = g.kernelW() * c;
                int imageRow = g.inW() * c;
                for (int kh = 0; kh < g.kernelH(); kh++, dst += rowLength, src += imageRow) {
                    copy(x, src, cols, dst, rowLength);
                }
            } else {
                unfoldInside(g, x, src, i0, i1, cols, dst);
            }
            return;
        }
        unfoldPart(g, x, n, oh, ow, i0, i1, cols, dst);
    }

    /**
     * Values [i0, i1) of a window inside the image, whose first value is x[src]: the part of each
     * kernel row is one run of x (the weight gradient's threads each unfold a range of values).
     */
    private static void unfoldInside(Window2d g, float[] x, int src, int i0, int i1, float[] cols, int dst) {
        int rowLength = g.kernelW() * g.channels();
        int imageRow = g.inW() * g.channels();
        for (int kh = i0 / rowLength; kh * rowLength < i1; kh++) {
            int from = Math.max(i0 - kh * rowLength, 0);
            int to = Math.min(i1 - kh * rowLength, rowLength);
            copy(x, src + kh * imageRow + from, cols, dst, to - from);
            dst += to - from;
        }
    }

    /** {@link #unfold} of any part of any window, finding what of each kernel row is inside the image. */
    private static void unfoldPart(Window2d g, float[] x, int n, int oh, int ow, int i0, int i1, float[] cols,
                                   int dst) {
        int c = g.channels();
        int rowLength = g.kernelW() * c;
        int image = n * g.inH() * g.inW() * c;
        int iw0 = ow * g.strideW() - g.padLeft();
        int ih0 = oh * g.strideH() - g.padTop();
        // The part of each kernel row inside the image, as offsets within the row.
        int inside = Math.max(0, -iw0) * c;
        int insideEnd = Math.min(g.kernelW(), g.inW() - iw0) * c;
        for (int kh = i0 / rowLength; kh * rowLength < i1; kh++) {
            // The part of this kernel row within [i0, i1), as offsets within the row.
            int from = Math.max(i0 - kh * rowLength, 0);
            int to = Math.min(i1 - kh * rowLength, rowLength);
            int ih = ih0 + kh;
            int copyFrom = Math.max(from, inside);
            int copyTo = Math.min(to, insideEnd);
            if (ih < 0 || ih >= g.inH() || copyTo <= copyFrom) {
                zero(cols, dst, to - from);
            } else {
                zero(cols, dst, copyFrom - from);
                // In NHWC the kernel row's pixels and channels are one contiguous run.
                copy(x, image + (ih * g.inW() + iw0) * c + copyFrom, cols, dst + copyFrom - from, copyTo - copyFrom);
                zero(cols, dst + copyTo - from, to - copyTo);
            }
            dst += to - from;
        }
    }

    private static void copy(float[] src, int from, float[] dst, int to, int length) {
        if (length < SHORT_RUN) {
            for (int i = 0; i < length; i++) {
                dst[to + i] = src[from + i];
            }
        } else {
            System.arraycopy(src, from, dst, to, length);
        }
    }

    private static void zero(float[] a, int from, int length) {
        if (length < SHORT_RUN) {
            for (int i = 0; i < length; i++) {
                a[from + i] = 0f;
            }
        } else {
            Arrays.fill(a, from, from + length, 0f);
        }
    }

    /**
     * Folds the rows of cols, output pixels [r0, r0 + rows), back onto dx, adding overlapping
     * contributions in pixel order. The windows of one image overlap, so images are the unit of work.
     */
    static void col2im(Window2d g, float[] cols, int r0, int rows, float[] dx) {
        int pixelsPerImage = g.outH() * g.outW();
        int firstImage = r0 / pixelsPerImage;
        int images = (r0 + rows - 1) / pixelsPerImage - firstImage + 1;
        Parallel.forRange(images, 1, (from, to) -> fold(g, cols, r0,
                Math.max(r0, (firstImage + from) * pixelsPerImage),
                Math.min(r0 + rows, (firstImage + to) * pixelsPerImage), dx));
    }

    /** Adds output pixels [first, end) of cols (whose row 0 is pixel r0) onto dx, in pixel order. */
    private static void fold(Window2d g, float[] cols, int r0, int first, int end, float[] dx) {
        int c = g.channels();
        int k = g.patchSize();
        int rowLength = g.kernelW() * c;
        int pixelsPerImage = g.outH() * g.outW();
        for (int pixel = first; pixel < end; pixel++) {
            int n = pixel / pixelsPerImage;
            int oh = pixel % pixelsPerImage / g.outW();
            int ow = pixel % g.outW();
            int image = n * g.inH() * g.inW() * c;
            int row = (pixel - r0) * k;
            int iw0 = ow * g.strideW() - g.padLeft();
            int kwFirst = Math.max(0, -iw0);
            int kwEnd = Math.min(g.kernelW(), g.inW() - iw0);
            for (int kh = 0; kh < g.kernelH(); kh++) {
                int ih = oh * g.strideH() - g.padTop() + kh;
                if (ih < 0 || ih >= g.inH() || kwEnd <= kwFirst) {
                    continue;
                }
                int src = row + kh * rowLength + kwFirst * c;
                int dst = image + (ih * g.inW() + iw0 + kwFirst) * c;
                Gemm.ROW_KERNELS.addRow(cols, src, dx, dst, (kwEnd - kwFirst) * c);
            }
        }
    }

    /**
     * The gradient dy' of output pixels [r0, r0 + rows): dy itself (pixel r0's row at r0 * filters), or
     * with {@code reluOutput} dy where the output is positive, written to masked (pixel r0's row at 0).
     */
    private static float[] gradientRows(float[] dy, float[] reluOutput, int r0, int rows, int filters,
                                        float[] masked) {
        if (reluOutput == null) {
            return dy;
        }
        ActivationKernels.reluGradient(reluOutput, dy, r0 * filters, rows * filters, masked);
        return masked;
    }

    /** sums[f] += sum over rows of m[r, f]. */
    public static void sumRows(float[] m, int rows, int columns, float[] sums) {
        sumRows(m, 0, rows, columns, sums);
    }

    /** sums[f] += sum over rows of m[r, f], the matrix starting at m[offset]. */
    static void sumRows(float[] m, int offset, int rows, int columns, float[] sums) {
        Gemm.ROW_KERNELS.sumRows(m, offset, rows, columns, 0, columns, sums);
    }

    /** The definition, one output value at a time: the reference the fast path is tested against. */
    public static void forwardReference(Window2d g, int filters, float[] x, float[] w, float[] bias, float[] y) {
        int c = g.channels();
        for (int n = 0; n < g.batch(); n++) {
            for (int oh = 0; oh < g.outH(); oh++) {
                for (int ow = 0; ow < g.outW(); ow++) {
                    for (int f = 0; f < filters; f++) {
                        double sum = bias == null ? 0 : bias[f];
                        for (int kh = 0; kh < g.kernelH(); kh++) {
                            for (int kw = 0; kw < g.kernelW(); kw++) {
                                int ih = oh * g.strideH() - g.padTop() + kh;
                                int iw = ow * g.strideW() - g.padLeft() + kw;
                                if (ih < 0 || ih >= g.inH() || iw < 0 || iw >= g.inW()) {
                                    continue;
                                }
                                for (int ci = 0; ci < c; ci++) {
                                    sum += (double) x[((n * g.inH() + ih) * g.inW() + iw) * c + ci]
                                            * w[((kh * g.kernelW() + kw) * c + ci) * filters + f];
                                }
                            }
                        }
                        y[((n * g.outH() + oh) * g.outW() + ow) * filters + f] = (float) sum;
                    }
                }
            }
        }
    }
}

package dev.fovea.kernel;

import static jdk.incubator.vector.VectorOperators.IS_NAN;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link DirectConvolution} with the Vector API for fewer filters than a vector has lanes (LeNet's
 * six). A vector of one pixel's filters would leave most lanes idle (the GEMM's 8 x 16 tile used 6
 * of 16), so here a vector holds consecutive output values of one row in their NHWC order: lane u of
 * a row holds filter u % F of its column u / F.
 *
 * <p>That lane's input for the window value (kh, kw) is x[row + kh][column * stride + kw], the same
 * for the F lanes of a column. So each input row is first laid out "expanded": every value repeated
 * F times, in as many rows of lanes as the stride (the m-th holding input columns m, m + stride, ...).
 * A tap's inputs for a vector of lanes are then one load from an expanded row, and its weights one of
 * F vectors (w[kh, kw, (u + l) % F] for lanes l, one for each filter a vector can start at), laid out
 * once per call. A vector ending past a row's lanes starts earlier instead, overlapping the one
 * before it, so that no store is partial (but where fewer lanes than a vector are left: rows, or the
 * parts of rows that a range of pixels cuts, narrower than a vector).
 *
 * <p>With max pooling (2 x 2, stride 2), each row's even and odd output columns are two lane spaces
 * of their own, lane u of both holding filter u % F of pooled column u / F: a tile takes the same
 * lanes of the even and odd columns of the pooling window's two rows, whose lane-by-lane max is the
 * pooled row in NHWC order. The expanded rows then step twice the stride, so that each of these lane
 * spaces still reads one vector per tap.
 *
 * <p>The weights' gradient sums, for each window value, one pixel at a time (a vector of its
 * filters, most lanes idle), so that each sum is the GEMM's chain over pixels in order. It reads the
 * window values in place, as {@link VectorDirectConvolution} does. (256-bit vectors, less idle,
 * measured no faster on JDK 25; and on JDK 17 the JIT then compiled the 512-bit kernels' vector
 * operations into slow generic code.)
 *
 * <p>The float operations are those of the im2col path, as {@link DirectConvolution} and
 * {@link BlockedWeightGradient} say.
 */
final class VectorFewFilterConvolution implements DirectConvolution, BlockedWeightGradient {
    private static final VectorSpecies<Float> S = VectorMicroKernel.SPECIES;
    private static final int L = S.length();
    /** Window values (rows of dw) per weight-gradient tile: 8 accumulators hide the FMA latency. */
    private static final int TILE_ROWS = 8;

    @Override
    public boolean supports(int channels, int patch, int filters) {
        return channels == 1 && filters > 0 && filters < L && patch <= Gemm.KC;
    }

    @Override
    public void convolve(Window2d g, int filters, float[] x, float[] w, float[] bias, boolean relu, int first,
                         int end, float[] out, int outOffset) {
        if (first == end) {
            return;
        }
        Layout layout = new Layout(g, filters, 1);
        int[] offset = layout.tapOffsets(0);
        float[] weights = expandedWeights(g.patchSize(), filters, w);
        float[] biases = expandedBias(filters, bias);
        float[] expanded = Scratch.floats(Scratch.Use.TASK_EXPANDED_IMAGE, layout.imageFloats());
        int pixelsPerImage = g.outH() * g.outW();
        int rowLanes = g.outW() * filters;
        int rowStride = g.strideH() * layout.inputRowFloats();
        int image = -1;
        for (int pixel = first; pixel < end; ) {
            int n = pixel / pixelsPerImage;
            if (n != image) {
                layout.expand(x, n, expanded);
                image = n;
            }
            int oh = pixel % pixelsPerImage / g.outW();
            int ow = pixel % g.outW();
            int imageEnd = Math.min(end, (n + 1) * pixelsPerImage);
            // Up to four whole rows share each weight vector; a row cut by the range goes alone.
            int rows = ow == 0 ? Math.min(4, (imageEnd - pixel) / g.outW()) : 0;
            int a = ow * filters;
            int b = rows > 0 ? rowLanes : (Math.min(imageEnd, pixel - ow + g.outW()) - pixel + ow) * filters;
            int in = oh * rowStride;
            int o = outOffset + (pixel - first) * filters - a;
            int last = Math.max(rows, 1) - 1;
            VectorMask<Float> lanes = b - a < L ? S.indexInRange(0, b - a) : null;
            for (int u = a; u < b; u += L) {
                int u0 = lanes == null ? Math.min(u, b - L) : u;
                tile(g.patchSize(), expanded, offset, offset, in + u0, in + Math.min(1, last) * rowStride + u0,
                        in + Math.min(2, last) * rowStride + u0, in + Math.min(3, last) * rowStride + u0, weights,
                        u0 % filters * L, filters * L, biases, relu, out, o + u0,
                        o + Math.min(1, last) * rowLanes + u0, o + Math.min(2, last) * rowLanes + u0,
                        o + Math.min(3, last) * rowLanes + u0, false, null, lanes);
            }
            pixel += rows > 0 ? rows * g.outW() : b / filters - ow;
        }
    }

    @Override
    public void convolveReluMaxPool(Window2d g, int filters, float[] x, float[] w, float[] bias, Window2d pool,
                                    int firstImage, int endImage, float[] y, int yOffset, float[] winners) {
        Layout layout = new Layout(g, filters, 2);
        int[] even = layout.tapOffsets(0);
        int[] odd = layout.tapOffsets(1);
        float[] weights = expandedWeights(g.patchSize(), filters, w);
        float[] biases = expandedBias(filters, bias);
        float[] expanded = Scratch.floats(Scratch.Use.TASK_EXPANDED_IMAGE, layout.imageFloats());
        int rowLanes = pool.outW() * filters;
        int rowStride = g.strideH() * layout.inputRowFloats();
        VectorMask<Float> lanes = rowLanes < L ? S.indexInRange(0, rowLanes) : null;
        for (int n = firstImage; n < endImage; n++) {
            layout.expand(x, n, expanded);
            for (int ph = 0; ph < pool.outH(); ph++) {
                int top = 2 * ph * rowStride;
                int o = yOffset + ((n - firstImage) * pool.outH() + ph) * rowLanes;
                for (int u = 0; u < rowLanes; u += L) {
                    int u0 = lanes == null ? Math.min(u, rowLanes - L) : u;
                    // The pooling window's cells: top even and odd columns, then bottom even and odd.
                    tile(g.patchSize(), expanded, even, odd, top + u0, top + u0, top + rowStride + u0,
                            top + rowStride + u0, weights, u0 % filters * L, filters * L, biases, true, y, o + u0, 0,
                            0, 0, true, winners, lanes);
                }
            }
        }
    }

    @Override
    public boolean supportsWeightGradient(int channels, int filters) {
        return channels == 1 && filters > 0 && filters < L;
    }

    @Override
    public int sumStride() {
        return L;
    }

    @Override
    public int blockFloats(int patch) {
        return (patch + TILE_ROWS - 1) / TILE_ROWS * TILE_ROWS * L;
    }

    @Override
    public void blockSums(Window2d g, int filters, float[] x, float[] dy, int firstBlock, int endBlock,
                          float[] sums, int sumsOffset) {
        int k = g.patchSize();
        int[] offset = g.oneChannelWindowOffsets();
        for (int b = firstBlock; b < endBlock; b++) {
            int p0 = b * Gemm.KC;
            int kc = Math.min(Gemm.KC, g.outputPixels() - p0);
            // A vector of a pixel's dy also holds the next pixels' first filters, which no stored sum uses;
            // at the end of dy, the block's gradient is copied where a vector past its last pixel fits.
            float[] d = dy;
            int dOffset = p0 * filters;
            if (dOffset + kc * filters + L > dy.length) {
                d = Scratch.floats(Scratch.Use.TASK_LAST_GRADIENT_BLOCK, kc * filters + L);
                System.arraycopy(dy, dOffset, d, 0, kc * filters);
                dOffset = 0;
            }
            for (int t = 0; t < k; t += TILE_ROWS) {
                // A last tile of fewer window values repeats its last one, into the block's spare rows.
                int last = Math.min(TILE_ROWS, k - t) - 1;
                sumTile(g, p0, kc, x, offset[t], offset[t + Math.min(1, last)], offset[t + Math.min(2, last)],
                        offset[t + Math.min(3, last)], offset[t + Math.min(4, last)], offset[t + Math.min(5, last)],
                        offset[t + Math.min(6, last)], offset[t + Math.min(7, last)], d, dOffset, filters, sums,
                        sumsOffset + (b - firstBlock) * blockFloats(k) + t * L);
            }
        }
    }

    /**
     * sums rows 0..7 (from sums[o] on, a vector each) = the chain over pixels [p0, p0 + kc) of the
     * window value at o0..o7 from the pixel's window start times the pixel's dy (from dy[d] on, F
     * filters each). One loop with the window start stepped along each row: with a loop over rows around
     * one over a row's pixels, JDK 17 ran it 15x slower.
     */
    private static void sumTile(Window2d g, int p0, int kc, float[] x, int o0, int o1, int o2, int o3, int o4, int o5,
                                int o6, int o7, float[] dy, int d, int filters, float[] sums, int o) {
        FloatVector c0 = FloatVector.zero(S);
        FloatVector c1 = FloatVector.zero(S);
        FloatVector c2 = FloatVector.zero(S);
        FloatVector c3 = FloatVector.zero(S);
        FloatVector c4 = FloatVector.zero(S);
        FloatVector c5 = FloatVector.zero(S);
        FloatVector c6 = FloatVector.zero(S);
        FloatVector c7 = FloatVector.zero(S);
        int sw = g.strideW();
        int ow = p0 % g.outW();
        int s = g.oneChannelWindowStart(p0);
        for (int q = 0, di = d; q < kc; q++, di += filters) {
            FloatVector b = FloatVector.fromArray(S, dy, di);
            c0 = FloatVector.broadcast(S, x[s + o0]).fma(b, c0);
            c1 = FloatVector.broadcast(S, x[s + o1]).fma(b, c1);
            c2 = FloatVector.broadcast(S, x[s + o2]).fma(b, c2);
            c3 = FloatVector.broadcast(S, x[s + o3]).fma(b, c3);
            c4 = FloatVector.broadcast(S, x[s + o4]).fma(b, c4);
            c5 = FloatVector.broadcast(S, x[s + o5]).fma(b, c5);
            c6 = FloatVector.broadcast(S, x[s + o6]).fma(b, c6);
            c7 = FloatVector.broadcast(S, x[s + o7]).fma(b, c7);
            if (++ow < g.outW()) {
                s += sw;
            } else {
                ow = 0;
                s = g.oneChannelWindowStart(p0 + q + 1);
            }
        }
        c0.intoArray(sums, o);
        c1.intoArray(sums, o + L);
        c2.intoArray(sums, o + 2 * L);
        c3.intoArray(sums, o + 3 * L);
        c4.intoArray(sums, o + 4 * L);
        c5.intoArray(sums, o + 5 * L);
        c6.intoArray(sums, o + 6 * L);
        c7.intoArray(sums, o + 7 * L);
    }

    /**
     * Where a convolution's images are laid out expanded, one at a time: each input row as
     * {@code columnStep} rows of lanes, the m-th holding input columns m, m + columnStep, ... (each
     * repeated F times), the columns read by lanes of output columns {@code classes} apart.
     */
    private record Layout(Window2d g, int filters, int columnStep, int laneRowFloats) {
        Layout(Window2d g, int filters, int classes) {
            this(g, filters, classes * g.strideW(),
                    ((g.inW() + classes * g.strideW() - 1) / (classes * g.strideW())) * filters + L);
        }

        /** Floats of one input row expanded. */
        int inputRowFloats() {
            return columnStep * laneRowFloats;
        }

        /** Floats of one image expanded. */
        int imageFloats() {
            return Math.toIntExact((long) g.inH() * inputRowFloats());
        }

        /**
         * For each window value (kh, kw), where the lanes of output columns c * classes + r (the lane
         * space of class r) read it: the offset in the expanded image from the window row's first
         * lane of that class.
         */
        int[] tapOffsets(int r) {
            int[] offset = new int[g.patchSize()];
            for (int t = 0; t < offset.length; t++) {
                int column = r * g.strideW() + t % g.kernelW();
                offset[t] = t / g.kernelW() * inputRowFloats() + column % columnStep * laneRowFloats
                        + column / columnStep * filters;
            }
            return offset;
        }

        /**
         * Image n of the one-channel x, expanded into e. Each value is stored as a whole vector, whose
         * lanes past the first F the next value's store overwrites.
         */
        void expand(float[] x, int n, float[] e) {
            for (int ih = 0; ih < g.inH(); ih++) {
                int row = (n * g.inH() + ih) * g.inW();
                for (int m = 0; m < columnStep; m++) {
                    int at = ih * inputRowFloats() + m * laneRowFloats;
                    for (int iw = m; iw < g.inW(); iw += columnStep, at += filters) {
                        FloatVector.broadcast(S, x[row + iw]).intoArray(e, at);
                    }
                }
            }
        }
    }

    /** For each window value t and each filter s a vector can start at: w[t, (s + l) % F] in lane l. */
    private static float[] expandedWeights(int patch, int filters, float[] w) {
        float[] expanded = Scratch.floats(Scratch.Use.TASK_EXPANDED_WEIGHTS, patch * filters * L);
        for (int t = 0; t < patch; t++) {
            for (int s = 0; s < filters; s++) {
                for (int l = 0; l < L; l++) {
                    expanded[(t * filters + s) * L + l] = w[t * filters + (s + l) % filters];
                }
            }
        }
        return expanded;
    }

    /**
     * For each filter s a vector can start at: bias[(s + l) % F] in lane l, or -0 without a bias (adding
     * it changes nothing, not even a sum that underflowed to -0).
     */
    private static float[] expandedBias(int filters, float[] bias) {
        float[] expanded = Scratch.floats(Scratch.Use.TASK_EXPANDED_BIAS, filters * L);
        for (int s = 0; s < filters; s++) {
            for (int l = 0; l < L; l++) {
                expanded[s * L + l] = bias == null ? -0f : bias[(s + l) % filters];
            }
        }
        return expanded;
    }

    /**
     * Four vectors of output lanes, the r-th from the expanded inputs at i_r + (even r ? first : second)[t]
     * for window value t, + bias: stored with the ReLU when {@code relu} at out[o_r] (vectors that repeat
     * one store the same values twice), or with {@code pool} max-pooled (four cells of pooling windows in
     * their row-major order, their ReLU taken) into out[o0], and unless {@code winners} is null which
     * cell held the max: the first, a NaN winning, as {@link VectorWindowMax} finds it. Only the first
     * lanes are stored when {@code lanes} is not null. The weights start at wx[w0], each window value's
     * filterStride further, the bias at bx[w0].
     */
    private static void tile(int k, float[] e, int[] first, int[] second, int i0, int i1, int i2, int i3, float[] wx,
                             int w0, int filterStride, float[] bx, boolean relu, float[] out, int o0, int o1, int o2,
                             int o3, boolean pool, float[] winners, VectorMask<Float> lanes) {
        FloatVector c0 = FloatVector.zero(S);
        FloatVector c1 = FloatVector.zero(S);
        FloatVector c2 = FloatVector.zero(S);
        FloatVector c3 = FloatVector.zero(S);
        for (int t = 0; t < k; t++) {
            FloatVector wv = FloatVector.fromArray(S, wx, w0 + t * filterStride);
            c0 = FloatVector.fromArray(S, e, i0 + first[t]).fma(wv, c0);
            c1 = FloatVector.fromArray(S, e, i1 + second[t]).fma(wv, c1);
            c2 = FloatVector.fromArray(S, e, i2 + first[t]).fma(wv, c2);
            c3 = FloatVector.fromArray(S, e, i3 + second[t]).fma(wv, c3);
        }
        FloatVector bias = FloatVector.fromArray(S, bx, w0);
        // max(v, floor) is v when there is no ReLU (NaN stays NaN), max(v, 0) when there is.
        FloatVector floor = FloatVector.broadcast(S, relu || pool ? 0f : Float.NEGATIVE_INFINITY);
        if (!pool) {
            store(c0.add(bias).max(floor), out, o0, lanes);
            store(c1.add(bias).max(floor), out, o1, lanes);
            store(c2.add(bias).max(floor), out, o2, lanes);
            store(c3.add(bias).max(floor), out, o3, lanes);
            return;
        }
        FloatVector max = c0.add(bias).max(floor);
        FloatVector winner = FloatVector.zero(S);
        FloatVector v = c1.add(bias).max(floor);
        VectorMask<Float> take = v.compare(VectorOperators.LE, max).or(max.test(IS_NAN)).not();
        max = max.blend(v, take);
        winner = winner.blend(1, take);
        v = c2.add(bias).max(floor);
        take = v.compare(VectorOperators.LE, max).or(max.test(IS_NAN)).not();
        max = max.blend(v, take);
        winner = winner.blend(2, take);
        v = c3.add(bias).max(floor);
        take = v.compare(VectorOperators.LE, max).or(max.test(IS_NAN)).not();
        max = max.blend(v, take);
        winner = winner.blend(3, take);
        store(max, out, o0, lanes);
        if (winners != null) {
            store(winner, winners, o0, lanes);
        }
    }

    private static void store(FloatVector v, float[] a, int i, VectorMask<Float> lanes) {
        if (lanes == null) {
            v.intoArray(a, i);
        } else {
            v.intoArray(a, i, lanes);
        }
    }
}

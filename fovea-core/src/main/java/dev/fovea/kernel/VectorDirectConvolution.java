package dev.fovea.kernel;

import static jdk.incubator.vector.VectorOperators.IS_NAN;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link DirectConvolution} and {@link DirectWeightGradient} with the Vector API for filters in whole
 * pairs of vectors, in tiles of 4 output pixels x 2 vectors of filters (8 accumulators, as
 * {@link VectorMicroKernel}'s tile). {@link Conv2dKernels} loads this class reflectively, only when
 * the module {@code jdk.incubator.vector} is present.
 */
final class VectorDirectConvolution implements DirectConvolution, DirectWeightGradient {
    private static final VectorSpecies<Float> S = VectorMicroKernel.SPECIES;
    private static final int L = S.length();
    private static final int MR = 4;
    private static final int NR = 2 * L;
    private static final FloatVector NO_BIAS = FloatVector.broadcast(S, -0f);

    @Override
    public boolean supports(int channels, int patch, int filters) {
        return channels == 1 && filters % NR == 0 && patch <= Gemm.KC;
    }

    @Override
    public void convolve(Window2d g, int filters, float[] x, float[] w, float[] bias, boolean relu, int first,
                         int end, float[] out, int outOffset) {
        int k = g.patchSize();
        int[] offset = g.oneChannelWindowOffsets();
        int pixelsPerImage = g.outH() * g.outW();
        int sw = g.strideW();
        // A row of output pixels at a time: along it the windows start sw apart, so a tile's starts
        // need no divisions (three per pixel took longer than the tile's multiply-adds).
        for (int pixel = first; pixel < end; ) {
            int n = pixel / pixelsPerImage;
            int oh = pixel % pixelsPerImage / g.outW();
            int ow = pixel % g.outW();
            int rowEnd = Math.min(end, pixel - ow + g.outW());
            int rowStart = (n * g.inH() + oh * g.strideH()) * g.inW() + ow * sw;
            for (int p = pixel; p < rowEnd; p += MR) {
                // A tile at the row's end with fewer than MR pixels repeats its last one, whose extra
                // results are not stored.
                int last = Math.min(MR, rowEnd - p) - 1;
                int x0 = rowStart + (p - pixel) * sw;
                tile(k, offset, x, x0, x0 + Math.min(1, last) * sw, x0 + Math.min(2, last) * sw,
                        x0 + Math.min(3, last) * sw, w, filters, bias, relu, out,
                        outOffset + (p - first) * filters, last + 1, false, null);
            }
            pixel = rowEnd;
        }
    }

    @Override
    public void convolveReluMaxPool(Window2d g, int filters, float[] x, float[] w, float[] bias, Window2d pool,
                                    int firstImage, int endImage, float[] y, int yOffset, float[] winners) {
        int k = g.patchSize();
        int[] offset = g.oneChannelWindowOffsets();
        int sh = g.strideH() * g.inW();
        int sw = g.strideW();
        for (int n = firstImage; n < endImage; n++) {
            for (int ph = 0; ph < pool.outH(); ph++) {
                for (int pw = 0; pw < pool.outW(); pw++) {
                    // The pooling window's four pixels of the convolution, in its cells' row-major order.
                    int x0 = (n * g.inH() + 2 * ph * g.strideH()) * g.inW() + 2 * pw * sw;
                    int o = yOffset + (((n - firstImage) * pool.outH() + ph) * pool.outW() + pw) * filters;
                    tile(k, offset, x, x0, x0 + sw, x0 + sh, x0 + sh + sw, w, filters, bias, true, y, o, MR, true,
                            winners);
                }
            }
        }
    }

    /**
     * The output of the MR pixels whose windows start at x0..x3, all filters: stored (the first
     * {@code rows}, from out[o] on), or with {@code pool} their max, from out[o] on, and, unless
     * {@code winners} is null, which of the four held it, as {@link VectorWindowMax} finds them.
     */
    private static void tile(int k, int[] offset, float[] x, int x0, int x1, int x2, int x3, float[] w, int filters,
                             float[] bias, boolean relu, float[] out, int o, int rows, boolean pool,
                             float[] winners) {
        // max(v, floor) is v when there is no ReLU (NaN stays NaN), max(v, 0) when there is.
        FloatVector floor = FloatVector.broadcast(S, relu ? 0f : Float.NEGATIVE_INFINITY);
        for (int j = 0; j < filters; j += NR) {
            FloatVector c00 = FloatVector.zero(S);
            FloatVector c01 = FloatVector.zero(S);
            FloatVector c10 = FloatVector.zero(S);
            FloatVector c11 = FloatVector.zero(S);
            FloatVector c20 = FloatVector.zero(S);
            FloatVector c21 = FloatVector.zero(S);
            FloatVector c30 = FloatVector.zero(S);
            FloatVector c31 = FloatVector.zero(S);
            for (int t = 0; t < k; t++) {
                int wi = t * filters + j;
                FloatVector b0 = FloatVector.fromArray(S, w, wi);
                FloatVector b1 = FloatVector.fromArray(S, w, wi + L);
                int at = offset[t];
                FloatVector a0 = FloatVector.broadcast(S, x[x0 + at]);
                c00 = a0.fma(b0, c00);
                c01 = a0.fma(b1, c01);
                FloatVector a1 = FloatVector.broadcast(S, x[x1 + at]);
                c10 = a1.fma(b0, c10);
                c11 = a1.fma(b1, c11);
                FloatVector a2 = FloatVector.broadcast(S, x[x2 + at]);
                c20 = a2.fma(b0, c20);
                c21 = a2.fma(b1, c21);
                FloatVector a3 = FloatVector.broadcast(S, x[x3 + at]);
                c30 = a3.fma(b0, c30);
                c31 = a3.fma(b1, c31);
            }
            // Without a bias, adding -0 changes nothing, not even a sum that underflowed to -0.
            FloatVector bias0 = bias == null ? NO_BIAS : FloatVector.fromArray(S, bias, j);
            FloatVector bias1 = bias == null ? NO_BIAS : FloatVector.fromArray(S, bias, j + L);
            if (pool) {
                // The max of the four pixels, lane by lane, and which held it: the first max, a NaN
                // winning, as VectorWindowMax finds it. Written out for both vectors of filters: vectors
                // handed to a helper the JIT does not inline are boxed.
                FloatVector max0 = c00.add(bias0).max(floor);
                FloatVector max1 = c01.add(bias1).max(floor);
                FloatVector winner0 = FloatVector.zero(S);
                FloatVector winner1 = FloatVector.zero(S);
                FloatVector v0 = c10.add(bias0).max(floor);
                FloatVector v1 = c11.add(bias1).max(floor);
                VectorMask<Float> take0 = v0.compare(VectorOperators.LE, max0).or(max0.test(IS_NAN)).not();
                VectorMask<Float> take1 = v1.compare(VectorOperators.LE, max1).or(max1.test(IS_NAN)).not();
                max0 = max0.blend(v0, take0);
                max1 = max1.blend(v1, take1);
                winner0 = winner0.blend(1, take0);
                winner1 = winner1.blend(1, take1);
                v0 = c20.add(bias0).max(floor);
                v1 = c21.add(bias1).max(floor);
                take0 = v0.compare(VectorOperators.LE, max0).or(max0.test(IS_NAN)).not();
                take1 = v1.compare(VectorOperators.LE, max1).or(max1.test(IS_NAN)).not();
                max0 = max0.blend(v0, take0);
                max1 = max1.blend(v1, take1);
                winner0 = winner0.blend(2, take0);
                winner1 = winner1.blend(2, take1);
                v0 = c30.add(bias0).max(floor);
                v1 = c31.add(bias1).max(floor);
                take0 = v0.compare(VectorOperators.LE, max0).or(max0.test(IS_NAN)).not();
                take1 = v1.compare(VectorOperators.LE, max1).or(max1.test(IS_NAN)).not();
                max0 = max0.blend(v0, take0);
                max1 = max1.blend(v1, take1);
                winner0 = winner0.blend(3, take0);
                winner1 = winner1.blend(3, take1);
                max0.intoArray(out, o + j);
                max1.intoArray(out, o + j + L);
                if (winners != null) {
                    winner0.intoArray(winners, o + j);
                    winner1.intoArray(winners, o + j + L);
                }
                continue;
            }
            int row = o + j;
            c00.add(bias0).max(floor).intoArray(out, row);
            c01.add(bias1).max(floor).intoArray(out, row + L);
            if (rows > 1) {
                c10.add(bias0).max(floor).intoArray(out, row + filters);
                c11.add(bias1).max(floor).intoArray(out, row + filters + L);
            }
            if (rows > 2) {
                c20.add(bias0).max(floor).intoArray(out, row + 2 * filters);
                c21.add(bias1).max(floor).intoArray(out, row + 2 * filters + L);
            }
            if (rows > 3) {
                c30.add(bias0).max(floor).intoArray(out, row + 3 * filters);
                c31.add(bias1).max(floor).intoArray(out, row + 3 * filters + L);
            }
        }
    }

    @Override
    public int filterGroup() {
        return NR;
    }

    @Override
    public void weightGradient(Window2d g, int filters, float[] x, float[] dy, int j0, int j1, float[] dw,
                               float[] dbias) {
        int k = g.patchSize();
        int[] offset = g.oneChannelWindowOffsets();
        int pixels = g.outputPixels();
        int[] start = new int[Gemm.KC];
        for (int p0 = 0; p0 < pixels; p0 += Gemm.KC) {
            int kc = Math.min(Gemm.KC, pixels - p0);
            g.oneChannelWindowStarts(p0, kc, start);
            for (int j = j0; j < j1; j += NR) {
                if (dbias != null) {
                    biasGradient(dy, p0, kc, filters, j, dbias);
                }
                if (dw != null) {
                    // MR of the window's values (rows of dw) at a time; a last group of fewer repeats its
                    // last value, whose extra sums are not stored.
                    for (int t = 0; t < k; t += MR) {
                        int last = Math.min(MR, k - t) - 1;
                        weightTile(x, start, kc, offset[t], offset[t + Math.min(1, last)],
                                offset[t + Math.min(2, last)], offset[t + Math.min(3, last)], dy, p0 * filters + j,
                                filters, dw, t * filters + j, last + 1);
                    }
                }
            }
        }
    }

    /**
     * dw rows r < rows (from dw[o] on, NR filters each) += the sums over the block's kc pixels of the
     * window value at offset or from the pixel's window start times dy's row (from dy[d] on).
     */
    private static void weightTile(float[] x, int[] start, int kc, int o0, int o1, int o2, int o3, float[] dy, int d,
                                   int filters, float[] dw, int o, int rows) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S);
        FloatVector c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S);
        FloatVector c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S);
        FloatVector c31 = FloatVector.zero(S);
        for (int q = 0; q < kc; q++) {
            int di = d + q * filters;
            FloatVector b0 = FloatVector.fromArray(S, dy, di);
            FloatVector b1 = FloatVector.fromArray(S, dy, di + L);
            int s = start[q];
            FloatVector a0 = FloatVector.broadcast(S, x[s + o0]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, x[s + o1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, x[s + o2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, x[s + o3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
        }
        FloatVector.fromArray(S, dw, o).add(c00).intoArray(dw, o);
        FloatVector.fromArray(S, dw, o + L).add(c01).intoArray(dw, o + L);
        if (rows > 1) {
            FloatVector.fromArray(S, dw, o + filters).add(c10).intoArray(dw, o + filters);
            FloatVector.fromArray(S, dw, o + filters + L).add(c11).intoArray(dw, o + filters + L);
        }
        if (rows > 2) {
            FloatVector.fromArray(S, dw, o + 2 * filters).add(c20).intoArray(dw, o + 2 * filters);
            FloatVector.fromArray(S, dw, o + 2 * filters + L).add(c21).intoArray(dw, o + 2 * filters + L);
        }
        if (rows > 3) {
            FloatVector.fromArray(S, dw, o + 3 * filters).add(c30).intoArray(dw, o + 3 * filters);
            FloatVector.fromArray(S, dw, o + 3 * filters + L).add(c31).intoArray(dw, o + 3 * filters + L);
        }
    }

    /** dbias[j, j + NR) += dy's rows of pixels [p0, p0 + kc), in order. */
    private static void biasGradient(float[] dy, int p0, int kc, int filters, int j, float[] dbias) {
        FloatVector s0 = FloatVector.fromArray(S, dbias, j);
        FloatVector s1 = FloatVector.fromArray(S, dbias, j + L);
        for (int q = 0, di = p0 * filters + j; q < kc; q++, di += filters) {
            s0 = s0.add(FloatVector.fromArray(S, dy, di));
            s1 = s1.add(FloatVector.fromArray(S, dy, di + L));
        }
        s0.intoArray(dbias, j);
        s1.intoArray(dbias, j + L);
    }
}

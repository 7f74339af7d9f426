package dev.fovea.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link DirectConvolution} with the Vector API, in tiles of 4 output pixels x 2 vectors of
 * filters (8 accumulators, as {@link VectorMicroKernel}'s tile). {@link Conv2dKernels} loads this
 * class reflectively, only when the module {@code jdk.incubator.vector} is present.
 */
final class VectorDirectConvolution implements DirectConvolution {
    private static final VectorSpecies<Float> S = VectorMicroKernel.SPECIES;
    private static final int L = S.length();
    private static final int MR = 4;
    private static final int NR = 2 * L;

    @Override
    public boolean supports(int channels, int patch, int filters) {
        return channels == 1 && filters % NR == 0 && patch <= Gemm.KC;
    }

    @Override
    public void convolve(Window2d g, int filters, float[] x, float[] w, float[] bias, boolean relu, int first,
                         int end, float[] out, int outOffset) {
        int k = g.patchSize();
        int[] offset = new int[k];
        for (int t = 0; t < k; t++) {
            offset[t] = t / g.kernelW() * g.inW() + t % g.kernelW();
        }
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
                        outOffset + (p - first) * filters, last + 1);
            }
            pixel = rowEnd;
        }
    }

    /**
     * The output of the MR pixels whose windows start at x0..x3 (only the first {@code rows} stored,
     * from out[o] on), all filters.
     */
    private static void tile(int k, int[] offset, float[] x, int x0, int x1, int x2, int x3, float[] w, int filters,
                             float[] bias, boolean relu, float[] out, int o, int rows) {
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
            // Adding a zero bias changes nothing: a sum started from +0 is never -0.
            FloatVector bias0 = bias == null ? FloatVector.zero(S) : FloatVector.fromArray(S, bias, j);
            FloatVector bias1 = bias == null ? FloatVector.zero(S) : FloatVector.fromArray(S, bias, j + L);
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
}

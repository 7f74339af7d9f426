package dev.fovea.onnx;

import dev.fovea.kernel.Padding;
import dev.fovea.kernel.Window2d;
import java.util.Arrays;

/**
 * Where Fovea's layouts and ONNX's differ, and the conversions between them: Fovea keeps images
 * NHWC and conv kernels [KH, KW, C, F]; ONNX's Conv and pooling read NCHW with kernels
 * [F, C, KH, KW], and lists padding as [top, left, bottom, right].
 */
final class Layouts {
    /** The Transpose permutation from NHWC to NCHW, and the one back. */
    static final long[] TO_NCHW = {0, 3, 1, 2};
    static final long[] TO_NHWC = {0, 2, 3, 1};

    private Layouts() {}

    /** A Fovea conv kernel [KH, KW, C, F] as ONNX's [F, C, KH, KW]. */
    static float[] kernelToOnnx(float[] hwcf, int kh, int kw, int c, int f) {
        float[] fchw = new float[hwcf.length];
        for (int i = 0; i < kh; i++) {
            for (int j = 0; j < kw; j++) {
                for (int ci = 0; ci < c; ci++) {
                    for (int fi = 0; fi < f; fi++) {
                        fchw[((fi * c + ci) * kh + i) * kw + j] = hwcf[((i * kw + j) * c + ci) * f + fi];
                    }
                }
            }
        }
        return fchw;
    }

    /** An ONNX conv kernel [F, C, KH, KW] as Fovea's [KH, KW, C, F]. */
    static float[] kernelFromOnnx(float[] fchw, int f, int c, int kh, int kw) {
        float[] hwcf = new float[fchw.length];
        for (int fi = 0; fi < f; fi++) {
            for (int ci = 0; ci < c; ci++) {
                for (int i = 0; i < kh; i++) {
                    for (int j = 0; j < kw; j++) {
                        hwcf[((i * kw + j) * c + ci) * f + fi] = fchw[((fi * c + ci) * kh + i) * kw + j];
                    }
                }
            }
        }
        return hwcf;
    }

    /**
     * The explicit ONNX pads [top, left, bottom, right] that give exactly Fovea's window positions
     * for a square window of {@code size} and {@code stride} over an {@code inH} x {@code inW} input.
     * Fovea's SAME puts the odd pixel at the bottom/right (TensorFlow's rule).
     */
    static long[] onnxPads(Padding padding, int inH, int inW, int size, int stride) {
        if (padding.isExplicit()) {
            return new long[] {padding.top(), padding.left(), padding.bottom(), padding.right()};
        }
        Window2d w = Window2d.of(1, inH, inW, 1, size, size, stride, stride, padding);
        long bottom = Math.max((w.outH() - 1) * stride + size - inH, 0) - w.padTop();
        long right = Math.max((w.outW() - 1) * stride + size - inW, 0) - w.padLeft();
        return new long[] {w.padTop(), w.padLeft(), bottom, right};
    }

    /** Fovea's padding for ONNX pads [top, left, bottom, right]: VALID, SAME when they agree, else explicit. */
    static Padding foveaPadding(long[] pads, int inH, int inW, int size, int stride) {
        if (pads[0] == 0 && pads[1] == 0 && pads[2] == 0 && pads[3] == 0) {
            return Padding.VALID;
        }
        if (Arrays.equals(pads, onnxPads(Padding.SAME, inH, inW, size, stride))) {
            return Padding.SAME;
        }
        return Padding.explicit((int) pads[0], (int) pads[2], (int) pads[1], (int) pads[3]);
    }

    /**
     * For each feature of ONNX's flatten of an image whose axes are Fovea's (N, H, W, C) permuted by
     * {@code perm} (ONNX axis i is Fovea axis perm[i]), its index in Fovea's NHWC flatten; null if
     * the two orders agree.
     */
    static int[] flattenOrder(int[] perm, int[] hwc) {
        int[] full = {1, hwc[0], hwc[1], hwc[2]};
        int[] onnxDims = {full[perm[1]], full[perm[2]], full[perm[3]]};
        int count = hwc[0] * hwc[1] * hwc[2];
        int[] order = new int[count];
        boolean identity = true;
        int[] at = new int[4];
        for (int j = 0; j < count; j++) {
            int rest = j;
            for (int k = 2; k >= 0; k--) {
                at[perm[k + 1]] = rest % onnxDims[k];
                rest /= onnxDims[k];
            }
            order[j] = (at[1] * hwc[1] + at[2]) * hwc[2] + at[3];
            identity &= order[j] == j;
        }
        return identity ? null : order;
    }

    /** Per-feature values in ONNX's order put in Fovea's: value i goes to index {@code order[i]} (a {@link #flattenOrder}). */
    static float[] permute(float[] values, int[] order) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[order[i]] = values[i];
        }
        return out;
    }
}

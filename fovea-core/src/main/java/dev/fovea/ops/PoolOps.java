package dev.fovea.ops;

import dev.fovea.kernel.Padding;
import dev.fovea.kernel.PoolKernels;
import dev.fovea.kernel.Window2d;
import dev.fovea.tensor.Tensor;

/** Differentiable pooling over NHWC images. */
public final class PoolOps {
    private PoolOps() {}

    public static Tensor maxPool2d(Tensor x, int size, int stride, Padding padding) {
        Window2d g = window(x, size, stride, padding);
        float[] y = new float[g.outputSize(g.channels())];
        PoolKernels.maxForward(g, x.data(), y);
        return Tensor.result(y, outputShape(g),
                dy -> PoolKernels.maxBackward(g, x.data(), y, dy, x.gradForUpdate()), x);
    }

    public static Tensor avgPool2d(Tensor x, int size, int stride, Padding padding) {
        Window2d g = window(x, size, stride, padding);
        float[] y = new float[g.outputSize(g.channels())];
        PoolKernels.avgForward(g, x.data(), y);
        return Tensor.result(y, outputShape(g), dy -> PoolKernels.avgBackward(g, dy, x.gradForUpdate()), x);
    }

    /** [N, H, W, C] to [N, C]: the mean of each channel. */
    public static Tensor globalAvgPool2d(Tensor x) {
        requireImages(x);
        int batch = x.dim(0);
        int pixels = x.dim(1) * x.dim(2);
        int channels = x.dim(3);
        float[] y = new float[batch * channels];
        PoolKernels.globalAvgForward(batch, pixels, channels, x.data(), y);
        return Tensor.result(y, new int[] {batch, channels},
                dy -> PoolKernels.globalAvgBackward(batch, pixels, channels, dy, x.gradForUpdate()), x);
    }

    private static Window2d window(Tensor x, int size, int stride, Padding padding) {
        requireImages(x);
        return Window2d.of(x.dim(0), x.dim(1), x.dim(2), x.dim(3), size, size, stride, stride, padding);
    }

    private static int[] outputShape(Window2d g) {
        return new int[] {g.batch(), g.outH(), g.outW(), g.channels()};
    }

    private static void requireImages(Tensor x) {
        if (x.rank() != 4) {
            throw new IllegalArgumentException("pooling needs images [N,H,W,C], got " + x);
        }
    }
}

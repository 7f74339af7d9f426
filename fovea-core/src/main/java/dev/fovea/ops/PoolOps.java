package dev.fovea.ops;

import dev.fovea.kernel.Padding;
import dev.fovea.kernel.PoolKernels;
import dev.fovea.kernel.Window2d;
import dev.fovea.tensor.Tensor;
import dev.fovea.tensor.Workspace;

/**
 * Differentiable pooling over NHWC images. Each comes with a new output array, or with its arrays
 * reused through a layer's {@link Workspace}.
 */
public final class PoolOps {
    private PoolOps() {}

    public static Tensor maxPool2d(Tensor x, int size, int stride, Padding padding) {
        return maxPool2d(x, size, stride, padding, new Workspace());
    }

    public static Tensor maxPool2d(Tensor x, int size, int stride, Padding padding, Workspace workspace) {
        Window2d g = window(x, size, stride, padding);
        float[] y = workspace.array(0, g.outputSize(g.channels()), x);
        // Which cell won each max, for the backward; inference records no backward and needs none.
        float[] winners = Tensor.records(x) ? workspace.array(1, y.length, x) : null;
        PoolKernels.maxForward(g, x.data(), y, winners);
        return workspace.result(y, outputShape(g),
                dy -> {
                    float[] fresh = x.gradForOverwrite();
                    PoolKernels.maxBackward(g, winners, dy, null, fresh == null ? x.gradForUpdate() : fresh,
                            fresh != null);
                }, x);
    }

    public static Tensor avgPool2d(Tensor x, int size, int stride, Padding padding) {
        return avgPool2d(x, size, stride, padding, new Workspace());
    }

    public static Tensor avgPool2d(Tensor x, int size, int stride, Padding padding, Workspace workspace) {
        Window2d g = window(x, size, stride, padding);
        float[] y = workspace.array(0, g.outputSize(g.channels()), x);
        PoolKernels.avgForward(g, x.data(), y);
        return workspace.result(y, outputShape(g), dy -> PoolKernels.avgBackward(g, dy, x.gradForUpdate()), x);
    }

    /** [N, H, W, C] to [N, C]: the mean of each channel. */
    public static Tensor globalAvgPool2d(Tensor x) {
        return globalAvgPool2d(x, new Workspace());
    }

    /** [N, H, W, C] to [N, C]: the mean of each channel. */
    public static Tensor globalAvgPool2d(Tensor x, Workspace workspace) {
        requireImages(x);
        int batch = x.dim(0);
        int pixels = x.dim(1) * x.dim(2);
        int channels = x.dim(3);
        float[] y = workspace.array(0, batch * channels, x);
        PoolKernels.globalAvgForward(batch, pixels, channels, x.data(), y);
        return workspace.result(y, new int[] {batch, channels},
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

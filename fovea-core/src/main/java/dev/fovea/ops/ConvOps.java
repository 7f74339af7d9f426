package dev.fovea.ops;

import dev.fovea.kernel.Conv2dKernels;
import dev.fovea.kernel.Padding;
import dev.fovea.kernel.Window2d;
import dev.fovea.tensor.Tensor;
import dev.fovea.tensor.Workspace;

/** Differentiable 2-D convolution over NHWC images. */
public final class ConvOps {
    private ConvOps() {}

    /**
     * y = conv2d(x, w) + b with x [N, H, W, C], w [KH, KW, C, F], b [F] or null; y [N, OH, OW, F].
     */
    public static Tensor conv2d(Tensor x, Tensor w, Tensor b, int strideH, int strideW, Padding padding) {
        return conv2d(x, w, b, strideH, strideW, padding, false, new Workspace());
    }

    /**
     * {@link #conv2d(Tensor, Tensor, Tensor, int, int, Padding)}, followed by a ReLU fused into it
     * when {@code relu} (one output array and no pass of its own), with its arrays reused through
     * {@code workspace}.
     */
    public static Tensor conv2d(Tensor x, Tensor w, Tensor b, int strideH, int strideW, Padding padding,
                                boolean relu, Workspace workspace) {
        if (x.rank() != 4 || w.rank() != 4 || x.dim(3) != w.dim(2)) {
            throw new IllegalArgumentException("conv2d needs x [N,H,W,C] and w [KH,KW,C,F] with equal C, got x "
                    + x + " and w " + w);
        }
        int filters = w.dim(3);
        if (b != null && (b.rank() != 1 || b.dim(0) != filters)) {
            throw new IllegalArgumentException("conv2d bias must have shape (" + filters + ",), got " + b);
        }
        Window2d g = Window2d.of(x.dim(0), x.dim(1), x.dim(2), x.dim(3), w.dim(0), w.dim(1), strideH, strideW, padding);
        Tensor[] inputs = b == null ? new Tensor[] {x, w} : new Tensor[] {x, w, b};
        float[] y = workspace.array(0, g.outputSize(filters), inputs);
        Conv2dKernels.forward(g, filters, x.data(), w.data(), b == null ? null : b.data(), relu, y);
        float[] reluOutput = relu ? y : null;
        return workspace.result(y, new int[] {g.batch(), g.outH(), g.outW(), filters}, dy -> {
            float[] dw = w.requiresGrad() ? w.gradForUpdate() : null;
            float[] dbias = b != null && b.requiresGrad() ? b.gradForUpdate() : null;
            Conv2dKernels.backwardWeights(g, filters, x.data(), dy, reluOutput, dw, dbias);
            if (x.requiresGrad()) {
                Conv2dKernels.backwardInput(g, filters, dy, reluOutput, w.data(), x.gradForUpdate());
            }
        }, inputs);
    }
}

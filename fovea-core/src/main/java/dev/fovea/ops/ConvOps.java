package dev.fovea.ops;

import dev.fovea.kernel.Conv2dKernels;
import dev.fovea.kernel.Padding;
import dev.fovea.kernel.Window2d;
import dev.fovea.tensor.Tensor;

/** Differentiable 2-D convolution over NHWC images. */
public final class ConvOps {
    private ConvOps() {}

    /**
     * y = conv2d(x, w) + b with x [N, H, W, C], w [KH, KW, C, F], b [F] or null; y [N, OH, OW, F].
     */
    public static Tensor conv2d(Tensor x, Tensor w, Tensor b, int strideH, int strideW, Padding padding) {
        if (x.rank() != 4 || w.rank() != 4 || x.dim(3) != w.dim(2)) {
            throw new IllegalArgumentException("conv2d needs x [N,H,W,C] and w [KH,KW,C,F] with equal C, got x "
                    + x + " and w " + w);
        }
        int filters = w.dim(3);
        if (b != null && (b.rank() != 1 || b.dim(0) != filters)) {
            throw new IllegalArgumentException("conv2d bias must have shape (" + filters + ",), got " + b);
        }
        Window2d g = Window2d.of(x.dim(0), x.dim(1), x.dim(2), x.dim(3), w.dim(0), w.dim(1), strideH, strideW, padding);
        float[] y = new float[g.outputSize(filters)];
        Conv2dKernels.forward(g, filters, x.data(), w.data(), b == null ? null : b.data(), y);
        Tensor[] inputs = b == null ? new Tensor[] {x, w} : new Tensor[] {x, w, b};
        return Tensor.result(y, new int[] {g.batch(), g.outH(), g.outW(), filters}, dy -> {
            if (w.requiresGrad() || (b != null && b.requiresGrad())) {
                Conv2dKernels.backwardWeights(g, filters, x.data(), dy, w.requiresGrad() ? w.gradForUpdate() : null,
                        b != null && b.requiresGrad() ? b.gradForUpdate() : null);
            }
            if (x.requiresGrad()) {
                Conv2dKernels.backwardInput(g, filters, dy, w.data(), x.gradForUpdate());
            }
        }, inputs);
    }
}

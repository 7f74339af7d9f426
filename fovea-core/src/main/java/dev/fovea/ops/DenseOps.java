package dev.fovea.ops;

import dev.fovea.kernel.ActivationKernels;
import dev.fovea.kernel.Conv2dKernels;
import dev.fovea.kernel.Gemm;
import dev.fovea.tensor.NoGrad;
import dev.fovea.tensor.Tensor;
import dev.fovea.tensor.Workspace;

/** The fully connected (affine) map y = x w + b. */
public final class DenseOps {
    private DenseOps() {}

    /** x [N, IN], w [IN, OUT], b [OUT] or null; y [N, OUT]. */
    public static Tensor dense(Tensor x, Tensor w, Tensor b) {
        return dense(x, w, b, false, new Workspace());
    }

    /**
     * {@link #dense(Tensor, Tensor, Tensor)}, followed by a ReLU fused into it when {@code relu},
     * with its arrays reused through {@code workspace}.
     */
    public static Tensor dense(Tensor x, Tensor w, Tensor b, boolean relu, Workspace workspace) {
        if (x.rank() != 2 || w.rank() != 2 || x.dim(1) != w.dim(0)) {
            throw new IllegalArgumentException("dense needs x [N,IN] and w [IN,OUT], got x " + x + " and w " + w);
        }
        int n = x.dim(0);
        int in = w.dim(0);
        int out = w.dim(1);
        if (b != null && (b.rank() != 1 || b.dim(0) != out)) {
            throw new IllegalArgumentException("dense bias must have shape (" + out + ",), got " + b);
        }
        Tensor[] inputs = b == null ? new Tensor[] {x, w} : new Tensor[] {x, w, b};
        float[] y = workspace.array(0, n * out, inputs);
        float[] bias = b == null ? null : b.data();
        if (NoGrad.isActive()) {
            // Inference: inside a WeightCache scope the weights are packed once for all its batches.
            Gemm.multiplyWeights(n, out, in, x.data(), 0, in, w.data(), y, 0, out, bias, relu);
        } else {
            Gemm.gemmBiasRelu(false, false, n, out, in, x.data(), 0, in, w.data(), 0, out, y, 0, out, bias, relu);
        }
        return workspace.result(y, new int[] {n, out}, dOut -> {
            float[] dy = dOut;
            if (relu) {
                dy = workspace.scratch(dOut.length);
                ActivationKernels.reluGradient(y, dOut, dy);
            }
            if (w.requiresGrad()) {
                // dw [IN, OUT] += x^T [IN, N] * dy [N, OUT]
                Gemm.gemm(true, false, in, out, n, x.data(), 0, in, dy, 0, out, w.gradForUpdate(), 0, out, true);
            }
            if (b != null && b.requiresGrad()) {
                Conv2dKernels.sumRows(dy, n, out, b.gradForUpdate());
            }
            if (x.requiresGrad()) {
                // dx [N, IN] += dy [N, OUT] * w^T [OUT, IN]
                Gemm.gemm(false, true, n, in, out, dy, 0, out, w.data(), 0, out, x.gradForUpdate(), 0, in, true);
            }
        }, inputs);
    }
}

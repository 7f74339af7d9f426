package dev.fovea.ops;

import dev.fovea.kernel.ActivationKernels;
import dev.fovea.tensor.Tensor;

/** Differentiable activations; each keeps what its backward needs (input or output). */
public final class ActivationOps {
    private ActivationOps() {}

    public static Tensor relu(Tensor x) {
        float[] y = new float[x.size()];
        ActivationKernels.reluForward(x.data(), y);
        return Tensor.result(y, x.shape(), dy -> ActivationKernels.reluBackward(y, dy, x.gradForUpdate()), x);
    }

    public static Tensor leakyRelu(Tensor x, float alpha) {
        float[] y = new float[x.size()];
        ActivationKernels.leakyReluForward(x.data(), alpha, y);
        return Tensor.result(y, x.shape(),
                dy -> ActivationKernels.leakyReluBackward(x.data(), alpha, dy, x.gradForUpdate()), x);
    }

    public static Tensor sigmoid(Tensor x) {
        float[] y = new float[x.size()];
        ActivationKernels.sigmoidForward(x.data(), y);
        return Tensor.result(y, x.shape(), dy -> ActivationKernels.sigmoidBackward(y, dy, x.gradForUpdate()), x);
    }

    public static Tensor tanh(Tensor x) {
        float[] y = new float[x.size()];
        ActivationKernels.tanhForward(x.data(), y);
        return Tensor.result(y, x.shape(), dy -> ActivationKernels.tanhBackward(y, dy, x.gradForUpdate()), x);
    }

    /** Softmax over the last axis. */
    public static Tensor softmax(Tensor x) {
        int columns = x.dim(-1);
        int rows = x.size() / columns;
        float[] y = new float[x.size()];
        ActivationKernels.softmaxForward(rows, columns, x.data(), y);
        return Tensor.result(y, x.shape(),
                dy -> ActivationKernels.softmaxBackward(rows, columns, y, dy, x.gradForUpdate()), x);
    }
}

package dev.fovea.ops;

import dev.fovea.kernel.ActivationKernels;
import dev.fovea.tensor.Tensor;
import dev.fovea.tensor.Workspace;

/**
 * Differentiable activations; each keeps what its backward needs (input or output). Each comes
 * with a new output array, or with its arrays reused through a layer's {@link Workspace}.
 */
public final class ActivationOps {
    private ActivationOps() {}

    public static Tensor relu(Tensor x) {
        return relu(x, new Workspace());
    }

    public static Tensor relu(Tensor x, Workspace workspace) {
        float[] y = workspace.array(0, x.size(), x);
        ActivationKernels.reluForward(x.data(), y);
        return workspace.result(y, x.shape(), dy -> ActivationKernels.reluBackward(y, dy, x.gradForUpdate()), x);
    }

    public static Tensor leakyRelu(Tensor x, float alpha) {
        return leakyRelu(x, alpha, new Workspace());
    }

    public static Tensor leakyRelu(Tensor x, float alpha, Workspace workspace) {
        float[] y = workspace.array(0, x.size(), x);
        ActivationKernels.leakyReluForward(x.data(), alpha, y);
        return workspace.result(y, x.shape(),
                dy -> ActivationKernels.leakyReluBackward(x.data(), alpha, dy, x.gradForUpdate()), x);
    }

    public static Tensor sigmoid(Tensor x) {
        return sigmoid(x, new Workspace());
    }

    public static Tensor sigmoid(Tensor x, Workspace workspace) {
        float[] y = workspace.array(0, x.size(), x);
        ActivationKernels.sigmoidForward(x.data(), y);
        return workspace.result(y, x.shape(),
                dy -> ActivationKernels.sigmoidBackward(y, dy, x.gradForUpdate()), x);
    }

    public static Tensor tanh(Tensor x) {
        return tanh(x, new Workspace());
    }

    public static Tensor tanh(Tensor x, Workspace workspace) {
        float[] y = workspace.array(0, x.size(), x);
        ActivationKernels.tanhForward(x.data(), y);
        return workspace.result(y, x.shape(), dy -> ActivationKernels.tanhBackward(y, dy, x.gradForUpdate()), x);
    }

    /** Softmax over the last axis. */
    public static Tensor softmax(Tensor x) {
        return softmax(x, new Workspace());
    }

    /** Softmax over the last axis. */
    public static Tensor softmax(Tensor x, Workspace workspace) {
        int columns = x.dim(-1);
        int rows = x.size() / columns;
        float[] y = workspace.array(0, x.size(), x);
        ActivationKernels.softmaxForward(rows, columns, x.data(), y);
        return workspace.result(y, x.shape(),
                dy -> ActivationKernels.softmaxBackward(rows, columns, y, dy, x.gradForUpdate()), x);
    }
}

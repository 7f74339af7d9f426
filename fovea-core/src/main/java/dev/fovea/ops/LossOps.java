package dev.fovea.ops;

import dev.fovea.kernel.LossKernels;
import dev.fovea.tensor.Tensor;

/** Differentiable losses, each a scalar mean; the gradient is computed with the loss and scaled on backward. */
public final class LossOps {
    private LossOps() {}

    /** Mean softmax cross-entropy of logits [N, K] against integer labels, with label smoothing. */
    public static Tensor softmaxCrossEntropy(Tensor logits, int[] labels, float smoothing) {
        if (logits.rank() != 2 || logits.dim(0) != labels.length) {
            throw new IllegalArgumentException("cross-entropy needs logits [N,K] and N labels, got " + logits
                    + " and " + labels.length + " labels");
        }
        float[] dlogits = new float[logits.size()];
        float loss = LossKernels.softmaxCrossEntropy(logits.dim(0), logits.dim(1), logits.data(), labels, smoothing,
                dlogits);
        return scalarLoss(loss, logits, dlogits);
    }

    /** Mean binary cross-entropy of logits against targets in [0, 1] of the same shape. */
    public static Tensor binaryCrossEntropyWithLogits(Tensor logits, float[] targets) {
        requireSameSize(logits, targets);
        float[] dlogits = new float[logits.size()];
        float loss = LossKernels.binaryCrossEntropyWithLogits(logits.data(), targets, dlogits);
        return scalarLoss(loss, logits, dlogits);
    }

    /** Mean squared error of predictions against targets of the same shape. */
    public static Tensor meanSquaredError(Tensor predictions, float[] targets) {
        requireSameSize(predictions, targets);
        float[] dpredictions = new float[predictions.size()];
        float loss = LossKernels.meanSquaredError(predictions.data(), targets, dpredictions);
        return scalarLoss(loss, predictions, dpredictions);
    }

    private static Tensor scalarLoss(float loss, Tensor input, float[] dinput) {
        return Tensor.result(new float[] {loss}, new int[0], dloss -> {
            float[] dx = input.gradForUpdate();
            float scale = dloss[0];
            for (int i = 0; i < dx.length; i++) {
                dx[i] += scale * dinput[i];
            }
        }, input);
    }

    private static void requireSameSize(Tensor x, float[] targets) {
        if (x.size() != targets.length) {
            throw new IllegalArgumentException("loss needs " + x.size() + " targets for " + x + ", got " + targets.length);
        }
    }
}

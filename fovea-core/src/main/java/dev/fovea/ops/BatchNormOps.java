package dev.fovea.ops;

import dev.fovea.kernel.BatchNormKernels;
import dev.fovea.tensor.Tensor;
import dev.fovea.tensor.Workspace;

/**
 * Batch normalisation over the last axis (the channels of NHWC images, the features of a dense
 * batch): y = gamma * (x - mean) / sqrt(variance + epsilon) + beta per channel. In training the
 * mean and (biased) variance are the batch's own, over every other axis, and the gradient flows
 * through them too; in inference they are given (the moving statistics). A null gamma stands for
 * ones, a null beta for zeros (Keras's {@code scale=False}, {@code center=False}).
 */
public final class BatchNormOps {
    private BatchNormOps() {}

    /**
     * A training-mode result: the output and the batch statistics it normalised with, one value
     * per channel. The statistics arrays are the op's own (its backward reads them): read them,
     * do not change them.
     */
    public record TrainingOutput(Tensor y, float[] mean, float[] variance) {}

    /** Training mode: normalises with the batch's mean and biased variance. */
    public static TrainingOutput batchNormTraining(Tensor x, Tensor gamma, Tensor beta, double epsilon) {
        return batchNormTraining(x, gamma, beta, epsilon, new Workspace());
    }

    /** {@link #batchNormTraining(Tensor, Tensor, Tensor, double)} with its arrays reused through {@code workspace}. */
    public static TrainingOutput batchNormTraining(Tensor x, Tensor gamma, Tensor beta, double epsilon,
                                                   Workspace workspace) {
        int channels = channels(x, gamma, beta, epsilon);
        int rows = x.size() / channels;
        Tensor[] inputs = inputs(x, gamma, beta);
        float[] y = workspace.array(0, x.size(), inputs);
        float[] mean = workspace.array(1, channels, inputs);
        float[] variance = workspace.array(2, channels, inputs);
        BatchNormKernels.statistics(rows, channels, x.data(), mean, variance);
        BatchNormKernels.normalize(rows, channels, x.data(), mean, variance, values(gamma), values(beta), epsilon, y);
        Tensor out = workspace.result(y, x.shape(), dy -> BatchNormKernels.backwardTraining(rows, channels, x.data(),
                dy, mean, variance, values(gamma), epsilon, gradient(x), gradient(gamma), gradient(beta)), inputs);
        return new TrainingOutput(out, mean, variance);
    }

    /** Inference mode: normalises with the given per-channel {@code mean} and {@code variance}. */
    public static Tensor batchNormInference(Tensor x, Tensor gamma, Tensor beta, float[] mean, float[] variance,
                                            double epsilon) {
        return batchNormInference(x, gamma, beta, mean, variance, epsilon, new Workspace());
    }

    /**
     * {@link #batchNormInference(Tensor, Tensor, Tensor, float[], float[], double)} with its output
     * reused through {@code workspace}. The backward reads {@code mean} and {@code variance}, so
     * they must not change before it runs.
     */
    public static Tensor batchNormInference(Tensor x, Tensor gamma, Tensor beta, float[] mean, float[] variance,
                                            double epsilon, Workspace workspace) {
        int channels = channels(x, gamma, beta, epsilon);
        if (mean.length != channels || variance.length != channels) {
            throw new IllegalArgumentException("batch norm needs a mean and a variance per channel (" + channels
                    + "), got " + mean.length + " and " + variance.length);
        }
        int rows = x.size() / channels;
        Tensor[] inputs = inputs(x, gamma, beta);
        float[] y = workspace.array(0, x.size(), inputs);
        BatchNormKernels.normalize(rows, channels, x.data(), mean, variance, values(gamma), values(beta), epsilon, y);
        return workspace.result(y, x.shape(), dy -> BatchNormKernels.backwardInference(rows, channels, x.data(), dy,
                mean, variance, values(gamma), epsilon, gradient(x), gradient(gamma), gradient(beta)), inputs);
    }

    /** The channel count, after checking the shapes and epsilon. */
    private static int channels(Tensor x, Tensor gamma, Tensor beta, double epsilon) {
        if (x.rank() < 2 || x.size() == 0) {
            throw new IllegalArgumentException("batch norm needs a non-empty batch [N, ..., C], got " + x);
        }
        int channels = x.dim(-1);
        for (Tensor p : new Tensor[] {gamma, beta}) {
            if (p != null && (p.rank() != 1 || p.dim(0) != channels)) {
                throw new IllegalArgumentException("batch norm's gamma and beta must have shape (" + channels
                        + ",), got " + p);
            }
        }
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("batch norm's epsilon must be positive and finite, got " + epsilon);
        }
        return channels;
    }

    private static Tensor[] inputs(Tensor x, Tensor gamma, Tensor beta) {
        if (gamma == null && beta == null) {
            return new Tensor[] {x};
        }
        if (gamma == null || beta == null) {
            return new Tensor[] {x, gamma == null ? beta : gamma};
        }
        return new Tensor[] {x, gamma, beta};
    }

    private static float[] values(Tensor t) {
        return t == null ? null : t.data();
    }

    /** The gradient array of an input that wants one, else null. */
    private static float[] gradient(Tensor t) {
        return t != null && t.requiresGrad() ? t.gradForUpdate() : null;
    }
}

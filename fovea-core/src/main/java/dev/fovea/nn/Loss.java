package dev.fovea.nn;

import dev.fovea.ops.LossOps;
import dev.fovea.tensor.Tensor;
import java.util.Locale;

/**
 * A training objective over a batch of model outputs and integer labels, reduced by the mean.
 *
 * <p>A loss may fuse the model's final activation: cross-entropy takes the logits before a final
 * softmax, binary cross-entropy the logits before a final sigmoid, which is both exact and
 * numerically stable. A model that does not end in that activation has its outputs taken as
 * logits (PyTorch's convention).
 */
public final class Loss {
    private enum Kind { SPARSE_CATEGORICAL_CROSSENTROPY, BINARY_CROSSENTROPY, MEAN_SQUARED_ERROR }

    private final Kind kind;
    private final float labelSmoothing;

    private Loss(Kind kind, float labelSmoothing) {
        if (!(labelSmoothing >= 0 && labelSmoothing < 1)) { // also rejects NaN
            throw new IllegalArgumentException("label smoothing must be in [0, 1), got " + labelSmoothing);
        }
        this.kind = kind;
        this.labelSmoothing = labelSmoothing;
    }

    /** Softmax cross-entropy on integer class labels. */
    public static Loss sparseCategoricalCrossentropy() {
        return new Loss(Kind.SPARSE_CATEGORICAL_CROSSENTROPY, 0f);
    }

    /** Softmax cross-entropy against (1 - s) one-hot + s / classes. */
    public static Loss sparseCategoricalCrossentropy(float labelSmoothing) {
        return new Loss(Kind.SPARSE_CATEGORICAL_CROSSENTROPY, labelSmoothing);
    }

    /** This softmax cross-entropy with label smoothing {@code s} instead of its own; other losses have none. */
    public Loss withLabelSmoothing(float s) {
        if (kind != Kind.SPARSE_CATEGORICAL_CROSSENTROPY) {
            throw new IllegalArgumentException("label smoothing applies to softmax cross-entropy, not to " + this);
        }
        return new Loss(kind, s);
    }

    /** Sigmoid cross-entropy: one output per example, labels 0 or 1. */
    public static Loss binaryCrossentropy() {
        return new Loss(Kind.BINARY_CROSSENTROPY, 0f);
    }

    /** Squared error against one-hot labels (or the label itself for a single output). */
    public static Loss meanSquaredError() {
        return new Loss(Kind.MEAN_SQUARED_ERROR, 0f);
    }

    /** Reads "sparse_categorical_crossentropy" (or "cross_entropy"), "binary_crossentropy", "mse". */
    public static Loss parse(String name) {
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "sparse_categorical_crossentropy": case "cross_entropy": return sparseCategoricalCrossentropy();
            case "binary_crossentropy": return binaryCrossentropy();
            case "mse": case "mean_squared_error": return meanSquaredError();
            default: throw new IllegalArgumentException("unknown loss '" + name
                    + "': expected sparse_categorical_crossentropy, binary_crossentropy or mse");
        }
    }

    /** The final activation this loss computes itself, so the model hands over its pre-activation. */
    public ActivationFunction fusedActivation() {
        switch (kind) {
            case SPARSE_CATEGORICAL_CROSSENTROPY: return ActivationFunction.SOFTMAX;
            case BINARY_CROSSENTROPY: return ActivationFunction.SIGMOID;
            default: return ActivationFunction.LINEAR;
        }
    }

    /** The mean loss of {@code outputs} [N, K] (pre-activation if fused) against {@code labels}. */
    public Tensor compute(Tensor outputs, int[] labels) {
        switch (kind) {
            case SPARSE_CATEGORICAL_CROSSENTROPY:
                return LossOps.softmaxCrossEntropy(outputs, labels, labelSmoothing);
            case BINARY_CROSSENTROPY:
                if (outputs.size() != labels.length) {
                    throw new IllegalArgumentException("binary cross-entropy needs one output per example, got "
                            + outputs);
                }
                return LossOps.binaryCrossEntropyWithLogits(outputs, targets(outputs, labels));
            default:
                return LossOps.meanSquaredError(outputs, targets(outputs, labels));
        }
    }

    /**
     * Labels as float targets: 0 or 1 for one output per example, else one-hot over the outputs.
     * A label that fits neither is an error naming it, never a target written into another row.
     */
    private static float[] targets(Tensor outputs, int[] labels) {
        int perExample = outputs.size() / labels.length;
        int classes = perExample == 1 ? 2 : perExample;
        float[] t = new float[outputs.size()];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("label " + labels[i] + " of example " + i + " is outside 0.."
                        + (classes - 1) + " for a model with " + perExample + " output(s) per example");
            }
            if (perExample == 1) {
                t[i] = labels[i];
            } else {
                t[i * perExample + labels[i]] = 1f;
            }
        }
        return t;
    }

    @Override
    public String toString() {
        String base = kind.name().toLowerCase(Locale.ROOT);
        return labelSmoothing == 0 ? base : base + "(label_smoothing=" + labelSmoothing + ")";
    }
}

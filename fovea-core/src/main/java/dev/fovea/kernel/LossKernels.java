package dev.fovea.kernel;

/**
 * Losses reduced by the mean, each returning the loss and writing d loss / d input beside it.
 */
public final class LossKernels {
    private LossKernels() {}

    /**
     * Softmax cross-entropy of logits [rows, classes] against integer labels, fused so that it
     * never takes the log of a rounded-to-zero probability. With label smoothing s the target is
     * (1 - s) one-hot + s / classes. The gradient is (softmax - target) / rows.
     */
    public static float softmaxCrossEntropy(int rows, int classes, float[] logits, int[] labels, float smoothing,
                                            float[] dlogits) {
        double total = 0;
        float offTarget = smoothing / classes;
        float onTarget = 1f - smoothing + offTarget;
        for (int r = 0; r < rows; r++) {
            int o = r * classes;
            int label = labels[r];
            if (label < 0 || label >= classes) {
                throw new IllegalArgumentException("label " + label + " of row " + r + " is outside 0.." + (classes - 1));
            }
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < classes; j++) {
                max = Math.max(max, logits[o + j]);
            }
            double sum = 0;
            for (int j = 0; j < classes; j++) {
                sum += Math.exp(logits[o + j] - max);
            }
            double logSum = Math.log(sum) + max;
            for (int j = 0; j < classes; j++) {
                double logP = logits[o + j] - logSum;
                float target = j == label ? onTarget : offTarget;
                total -= target * logP;
                dlogits[o + j] = (float) ((Math.exp(logP) - target) / rows);
            }
        }
        return (float) (total / rows);
    }

    /**
     * Binary cross-entropy on logits z and targets t in [0, 1], element-wise then averaged, in the
     * stable form max(z, 0) - z t + log(1 + exp(-|z|)). The gradient is (σ(z) - t) / count.
     */
    public static float binaryCrossEntropyWithLogits(float[] logits, float[] targets, float[] dlogits) {
        double total = 0;
        int n = logits.length;
        for (int i = 0; i < n; i++) {
            float z = logits[i];
            float t = targets[i];
            total += Math.max(z, 0) - z * t + Math.log1p(Math.exp(-Math.abs(z)));
            dlogits[i] = (ActivationKernels.sigmoid(z) - t) / n;
        }
        return (float) (total / n);
    }

    /** Mean of (p - t)² over all elements; the gradient is 2 (p - t) / count. */
    public static float meanSquaredError(float[] predictions, float[] targets, float[] dpredictions) {
        double total = 0;
        int n = predictions.length;
        for (int i = 0; i < n; i++) {
            float d = predictions[i] - targets[i];
            total += (double) d * d;
            dpredictions[i] = 2f * d / n;
        }
        return (float) (total / n);
    }
}

package dev.fovea.train;

import dev.fovea.tensor.Tensor;

/**
 * Classes predicted from a batch of outputs [N, K]: the arg-max for K > 1; for a single output
 * (a sigmoid classifier), class 1 above a threshold: 0 for a logit (sigmoid left to the loss),
 * 0.5 for a probability.
 */
public final class Predictions {
    private Predictions() {}

    public static int[] classes(Tensor outputs, float binaryThreshold) {
        int n = outputs.dim(0);
        int k = outputs.size() / n;
        float[] v = outputs.data();
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            if (k == 1) {
                out[i] = v[i] > binaryThreshold ? 1 : 0;
                continue;
            }
            int best = 0;
            for (int j = 1; j < k; j++) {
                if (v[i * k + j] > v[i * k + best]) {
                    best = j;
                }
            }
            out[i] = best;
        }
        return out;
    }

    public static int countCorrect(Tensor outputs, float binaryThreshold, int[] labels) {
        int[] predicted = classes(outputs, binaryThreshold);
        int right = 0;
        for (int i = 0; i < labels.length; i++) {
            if (predicted[i] == labels[i]) {
                right++;
            }
        }
        return right;
    }
}

package dev.fovea.train;

import java.util.List;

/**
 * A model's results on a labelled dataset: mean loss, accuracy, and the confusion matrix
 * ({@code confusion[true][predicted]} counts).
 */
public record Evaluation(double loss, double accuracy, int[][] confusion, List<String> classNames) {
    public int examples() {
        int n = 0;
        for (int[] row : confusion) {
            for (int c : row) {
                n += c;
            }
        }
        return n;
    }

    /** Accuracy on the examples of one true class (NaN if it has none). */
    public double classAccuracy(int label) {
        int total = 0;
        for (int c : confusion[label]) {
            total += c;
        }
        return total == 0 ? Double.NaN : (double) confusion[label][label] / total;
    }
}

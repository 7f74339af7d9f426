package dev.fovea.viz.training;

/**
 * A misclassified image: its index in the dataset, its true class, the class predicted, and the
 * model's confidence in that prediction (its probability).
 */
public record Mistake(int index, int trueClass, int predicted, float confidence) {
}

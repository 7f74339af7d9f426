package dev.fovea.data;

import dev.fovea.tensor.Tensor;

/** A batch of scaled images [N, H, W, C] and their labels. */
public record Batch(Tensor images, int[] labels) {
    public int size() {
        return labels.length;
    }
}

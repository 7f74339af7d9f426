package dev.fovea.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Losses at extreme logits, where a naive log(softmax) or log(sigmoid) gives infinity or NaN. */
class LossKernelsTest {
    @Test
    void crossEntropyOfConfidentWrongPredictionIsLargeButFinite() {
        // The label's probability, exp(-2000), rounds to 0 in any float format; the fused form never takes log(0).
        float[] logits = {1000f, -1000f};
        float[] grad = new float[2];
        float loss = LossKernels.softmaxCrossEntropy(1, 2, logits, new int[] {1}, 0f, grad);
        assertEquals(2000f, loss, 1e-3f);
        assertArrayEquals(new float[] {1f, -1f}, grad, 1e-7f);
    }

    @Test
    void crossEntropyOfConfidentRightPredictionIsZero() {
        float[] grad = new float[2];
        float loss = LossKernels.softmaxCrossEntropy(1, 2, new float[] {1000f, -1000f}, new int[] {0}, 0f, grad);
        assertEquals(0f, loss, 1e-7f);
        assertArrayEquals(new float[] {0f, 0f}, grad, 1e-7f);
    }

    @Test
    void binaryCrossEntropyOfHugeLogitsIsFinite() {
        float[] grad = new float[2];
        // Target 0 with logit +500 costs 500; target 1 with logit +500 costs ~0. Mean 250.
        float loss = LossKernels.binaryCrossEntropyWithLogits(new float[] {500f, 500f}, new float[] {0f, 1f}, grad);
        assertEquals(250f, loss, 1e-3f);
        assertArrayEquals(new float[] {0.5f, 0f}, grad, 1e-7f);
    }
}

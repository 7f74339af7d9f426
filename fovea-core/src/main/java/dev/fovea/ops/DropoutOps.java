package dev.fovea.ops;

import dev.fovea.tensor.Tensor;
import dev.fovea.tensor.Workspace;
import java.util.SplittableRandom;

/** Inverted dropout: zero each value with probability {@code rate}, scale survivors by 1 / (1 - rate). */
public final class DropoutOps {
    private DropoutOps() {}

    /** Draws the mask from {@code random}, so a seeded generator gives a reproducible mask. */
    public static Tensor dropout(Tensor x, float rate, SplittableRandom random) {
        return dropout(x, rate, random, new Workspace());
    }

    /** {@link #dropout(Tensor, float, SplittableRandom)} with its output and mask reused through {@code workspace}. */
    public static Tensor dropout(Tensor x, float rate, SplittableRandom random, Workspace workspace) {
        if (!(rate >= 0 && rate < 1)) { // also rejects NaN
            throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate);
        }
        float keepScale = 1f / (1f - rate);
        float[] y = workspace.array(0, x.size(), x);
        float[] mask = workspace.array(1, x.size(), x);
        float[] in = x.data();
        for (int i = 0; i < mask.length; i++) {
            mask[i] = random.nextDouble() < rate ? 0f : keepScale;
            y[i] = in[i] * mask[i];
        }
        return workspace.result(y, x.shape(), dy -> {
            float[] dx = x.gradForUpdate();
            for (int i = 0; i < dy.length; i++) {
                dx[i] += dy[i] * mask[i];
            }
        }, x);
    }
}

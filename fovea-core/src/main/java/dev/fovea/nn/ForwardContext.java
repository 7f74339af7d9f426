package dev.fovea.nn;

import java.util.SplittableRandom;

/**
 * What a forward pass needs besides its input: whether it is training (dropout active) and the
 * random source that draws dropout masks, derived from the run's seed so a run is reproducible.
 */
public record ForwardContext(boolean training, SplittableRandom random) {
    /** Inference: no dropout, no randomness. */
    public static final ForwardContext INFERENCE = new ForwardContext(false, null);

    public static ForwardContext training(SplittableRandom random) {
        return new ForwardContext(true, random);
    }
}

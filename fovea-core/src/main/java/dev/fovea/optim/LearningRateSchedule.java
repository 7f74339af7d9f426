package dev.fovea.optim;

/**
 * The learning rate as a function of the number of updates done so far (0 for the first update).
 */
@FunctionalInterface
public interface LearningRateSchedule {
    double rate(long step);

    static LearningRateSchedule constant(double rate) {
        return step -> rate;
    }

    /** rate * factor^floor(step / every): drop by {@code factor} every {@code every} steps. */
    static LearningRateSchedule stepDecay(double rate, double factor, long every) {
        if (every < 1) {
            throw new IllegalArgumentException("step decay interval must be >= 1, got " + every);
        }
        return step -> rate * Math.pow(factor, Math.floorDiv(step, every));
    }

    /** rate * decay^(step / decaySteps), smoothly (Keras's ExponentialDecay without staircase). */
    static LearningRateSchedule exponentialDecay(double rate, double decay, long decaySteps) {
        if (decaySteps < 1) {
            throw new IllegalArgumentException("decay steps must be >= 1, got " + decaySteps);
        }
        return step -> rate * Math.pow(decay, (double) step / decaySteps);
    }

    /**
     * Half a cosine from {@code rate} down to {@code rate * minFraction} over {@code totalSteps},
     * then held there (Loshchilov and Hutter's SGDR without restarts).
     */
    static LearningRateSchedule cosineDecay(double rate, long totalSteps, double minFraction) {
        if (totalSteps < 1) {
            throw new IllegalArgumentException("cosine decay steps must be >= 1, got " + totalSteps);
        }
        return step -> {
            double progress = Math.min(1.0, (double) step / totalSteps);
            double cosine = 0.5 * (1 + Math.cos(Math.PI * progress));
            return rate * (minFraction + (1 - minFraction) * cosine);
        };
    }
}

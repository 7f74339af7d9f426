package dev.fovea.train;

/** Quantities reported besides the loss. */
public enum Metric {
    /**
     * Fraction of examples classified right: the arg-max class for several outputs, or a 0.5
     * probability threshold (logit > 0) for a single sigmoid output.
     */
    ACCURACY
}

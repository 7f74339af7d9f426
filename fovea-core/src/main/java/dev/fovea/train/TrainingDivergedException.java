package dev.fovea.train;

import dev.fovea.FoveaException;
import java.util.Optional;

/**
 * Training stopped because its numbers stopped being numbers: a loss, a gradient or a weight became
 * NaN or infinite. Thrown by {@link DivergenceGuard}; the message says where, in the user's terms
 * (1-based epoch and step, as the progress bar counts them).
 */
public final class TrainingDivergedException extends FoveaException {
    private final int epoch;
    private final int batch;
    private final String layer;

    TrainingDivergedException(String message, int epoch, int batch, String layer) {
        super(message);
        this.epoch = epoch;
        this.batch = batch;
        this.layer = layer;
    }

    /** The epoch (0-based) in which training diverged. */
    public int epoch() {
        return epoch;
    }

    /** The batch (0-based, within the epoch) whose loss, gradients or update were not finite. */
    public int batch() {
        return batch;
    }

    /** The first layer, in forward order, with a non-finite gradient or weight; empty when only the loss was. */
    public Optional<String> layer() {
        return Optional.ofNullable(layer);
    }
}

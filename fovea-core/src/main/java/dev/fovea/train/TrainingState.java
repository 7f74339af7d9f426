package dev.fovea.train;

import java.util.List;

/**
 * Where training stands between two steps: enough, with the weights and the optimizer's state, to
 * go on exactly as if never stopped. The random streams need no saved state: the order of examples
 * depends only on (seed, epoch), augmentation on (seed, epoch, position), dropout on (seed, epoch,
 * step), so the position says it all.
 *
 * @param epoch   the epoch in progress (0-based); after the last batch of an epoch, the next one
 * @param step    batches of {@code epoch} already done
 * @param lossSum sum of the done batches' losses, each times its batch size (the epoch's running loss)
 * @param correct examples of the done batches classified correctly
 * @param seen    examples in the done batches
 * @param epochs  the logs of every finished epoch
 */
public record TrainingState(int epoch, int step, double lossSum, long correct, long seen, List<EpochLogs> epochs) {
    /** Before the first step. */
    public static final TrainingState START = new TrainingState(0, 0, 0, 0, 0, List.of());

    public TrainingState {
        if (epoch < 0 || step < 0 || seen < 0 || correct < 0 || correct > seen) {
            throw new IllegalArgumentException("impossible training state: epoch " + epoch + ", step " + step
                    + ", " + correct + " correct of " + seen);
        }
        epochs = List.copyOf(epochs);
    }
}

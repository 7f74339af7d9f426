package dev.fovea.train;

/**
 * Where an epoch stands after a batch: running means over the epoch so far, and throughput.
 *
 * @param step       batches done in this epoch (1-based)
 * @param steps      batches in the epoch
 * @param loss       mean training loss over the epoch so far
 * @param accuracy   training accuracy over the epoch so far (NaN when not measured)
 * @param batchLoss  the loss of this batch alone
 * @param examples   examples seen in this epoch so far
 * @param seconds    seconds since the epoch began
 */
public record BatchLogs(int step, int steps, double loss, double accuracy, double batchLoss,
                        long examples, double seconds) {
    public double imagesPerSecond() {
        return seconds > 0 ? examples / seconds : 0;
    }
}

package dev.fovea.train;

/**
 * Where an epoch stands after a batch: running means over the epoch so far, and throughput.
 *
 * @param step             batches done in this epoch (1-based)
 * @param steps            batches in the epoch
 * @param loss             mean training loss over the epoch so far
 * @param accuracy         training accuracy over the epoch so far (NaN when not measured)
 * @param batchLoss        the loss of this batch alone
 * @param examples         examples seen in this epoch so far
 * @param seconds          seconds since the epoch began
 * @param dataWaitSeconds  of those, the seconds the training loop spent waiting for its batches
 *                         (all the loading time when loading on the training thread); near 0
 *                         while the loader threads keep ahead
 */
public record BatchLogs(int step, int steps, double loss, double accuracy, double batchLoss,
                        long examples, double seconds, double dataWaitSeconds) {
    public double imagesPerSecond() {
        return seconds > 0 ? examples / seconds : 0;
    }

    /** Mean seconds per step spent waiting for data in this epoch so far. */
    public double dataWaitSecondsPerStep() {
        return step > 0 ? dataWaitSeconds / step : 0;
    }
}

package dev.fovea.train;

/**
 * Hooks into {@code fit}: progress bars, logs, early stopping. Every method does nothing by
 * default. Epoch and batch numbers are 0-based.
 */
public interface Callback {
    default void onTrainBegin(TrainingContext context) {}

    default void onEpochBegin(int epoch) {}

    default void onBatchEnd(int epoch, BatchLogs logs) {}

    default void onEpochEnd(EpochLogs logs) {}

    default void onTrainEnd(History history) {}
}

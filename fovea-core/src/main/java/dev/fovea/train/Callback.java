package dev.fovea.train;

/**
 * Hooks into {@code fit}: progress bars, logs, early stopping. Every method does nothing by
 * default. Epoch and batch numbers are 0-based.
 */
public interface Callback {
    default void onTrainBegin(TrainingContext context) {}

    default void onEpochBegin(int epoch) {}

    /**
     * After the backward pass of batch {@code batch} of {@code epoch}, before the optimizer applies
     * it: each trainable parameter's {@link dev.fovea.tensor.Tensor#grad()} holds this batch's
     * gradient (read it, do not change it), and {@code loss} is the batch's loss. An exception
     * thrown here ends {@code fit} with the weights as they were before this batch.
     */
    default void onGradients(int epoch, int batch, double loss) {}

    default void onBatchEnd(int epoch, BatchLogs logs) {}

    default void onEpochEnd(EpochLogs logs) {}

    default void onTrainEnd(History history) {}
}

package dev.fovea.viz.training;

import dev.fovea.train.BatchLogs;
import dev.fovea.train.Callback;
import dev.fovea.train.TrainingContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A training callback that keeps every batch's loss, in order, and where in training it came:
 * epochs done, counting fractions ({@code epoch + step / steps}: 0.25 after the first of four
 * batches, 1.0 at the end of the first epoch). For {@link TrainingCurves#batchLossChart}.
 */
public final class BatchLosses implements Callback {
    private final List<Double> losses = new ArrayList<>();
    private final List<Double> epochs = new ArrayList<>();

    @Override
    public void onTrainBegin(TrainingContext context) {
        losses.clear();
        epochs.clear();
    }

    @Override
    public void onBatchEnd(int epoch, BatchLogs logs) {
        losses.add(logs.batchLoss());
        epochs.add(epoch + (double) logs.step() / logs.steps());
    }

    /** After each batch so far, the epochs done (with fractions). */
    public List<Double> epochs() {
        return Collections.unmodifiableList(epochs);
    }

    /** The loss of each batch so far, in training order. */
    public List<Double> losses() {
        return Collections.unmodifiableList(losses);
    }
}

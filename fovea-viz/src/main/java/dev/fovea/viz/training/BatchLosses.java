package dev.fovea.viz.training;

import dev.fovea.train.BatchLogs;
import dev.fovea.train.Callback;
import dev.fovea.train.TrainingContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A training callback that keeps every batch's loss, in order, for {@link TrainingCurves#batchLossChart}. */
public final class BatchLosses implements Callback {
    private final List<Double> losses = new ArrayList<>();

    @Override
    public void onTrainBegin(TrainingContext context) {
        losses.clear();
    }

    @Override
    public void onBatchEnd(int epoch, BatchLogs logs) {
        losses.add(logs.batchLoss());
    }

    /** The loss of each batch so far, in training order. */
    public List<Double> losses() {
        return Collections.unmodifiableList(losses);
    }
}

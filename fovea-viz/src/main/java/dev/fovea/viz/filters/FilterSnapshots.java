package dev.fovea.viz.filters;

import dev.fovea.nn.Conv2D;
import dev.fovea.nn.Network;
import dev.fovea.train.BatchLogs;
import dev.fovea.train.Callback;
import dev.fovea.train.TrainingContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A training callback that copies a convolution layer's kernel when training begins and after
 * every {@code everySteps} optimizer steps, counted across epochs. Each {@code fit} starts a new
 * series. {@link FilterEvolution} draws the series.
 */
public final class FilterSnapshots implements Callback {
    private final String layerName;
    private final int everySteps;
    private final List<FilterSnapshot> snapshots = new ArrayList<>();
    private Conv2D layer;
    private Network network;
    private long step;

    /** Snapshots of the model's first Conv2D layer. */
    public FilterSnapshots(int everySteps) {
        this(null, everySteps);
    }

    /** Snapshots of the named Conv2D layer (the first one when {@code layerName} is null). */
    public FilterSnapshots(String layerName, int everySteps) {
        if (everySteps < 1) {
            throw new IllegalArgumentException("snapshots are taken every N >= 1 steps, got " + everySteps);
        }
        this.layerName = layerName;
        this.everySteps = everySteps;
    }

    @Override
    public void onTrainBegin(TrainingContext context) {
        network = context.network();
        layer = ConvKernel.layer(network, layerName);
        snapshots.clear();
        step = 0;
        take(0);
    }

    @Override
    public void onBatchEnd(int epoch, BatchLogs logs) {
        step++;
        if (step % everySteps == 0) {
            take(epoch);
        }
    }

    private void take(int epoch) {
        snapshots.add(new FilterSnapshot(step, epoch, ConvKernel.of(network, layer)));
    }

    /** The snapshots so far, oldest first. */
    public List<FilterSnapshot> snapshots() {
        return Collections.unmodifiableList(snapshots);
    }
}

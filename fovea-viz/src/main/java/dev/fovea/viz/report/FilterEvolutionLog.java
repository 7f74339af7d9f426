package dev.fovea.viz.report;

import dev.fovea.nn.Conv2D;
import dev.fovea.nn.Network;
import dev.fovea.train.BatchLogs;
import dev.fovea.train.Callback;
import dev.fovea.train.History;
import dev.fovea.train.TrainingContext;
import dev.fovea.viz.PngFiles;
import dev.fovea.viz.filters.ConvKernel;
import dev.fovea.viz.filters.FilterEvolution;
import dev.fovea.viz.filters.FilterSnapshot;
import dev.fovea.viz.filters.FilterSnapshots;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A training callback that records how the first convolution layer's filters change and, when
 * training ends, writes the animation ({@link FilterEvolution#writeGif}) and the strip
 * ({@link FilterEvolution#strip}) of the snapshots.
 *
 * <p>The snapshot interval adapts to the run, so short and long runs alike give about
 * {@value #SNAPSHOTS} frames: {@link FilterSnapshots} every ceil(epochs x batches per epoch /
 * {@value #SNAPSHOTS}) steps, from the initial filters on, plus the final filters when the last
 * step is not a multiple of the interval. A snapshot copies one kernel (576 floats for 64 3x3
 * filters), so recording costs nothing measurable. A model without a Conv2D layer records nothing.
 */
public final class FilterEvolutionLog implements Callback {
    /** Snapshots taken during a run, besides the initial and possibly the final one. */
    public static final int SNAPSHOTS = 30;
    /** Frame delay of the animation, in hundredths of a second: a 31-frame run plays in about 8 s. */
    public static final int DELAY_CENTISECONDS = 25;

    private final Path gif;
    private final Path strip;
    private FilterSnapshots snapshots;
    private Network network;
    private Conv2D layer;
    private long steps;
    private int lastEpoch;

    /** Writes the animation to {@code gif} and the strip (PNG) to {@code strip}. */
    public FilterEvolutionLog(Path gif, Path strip) {
        this.gif = gif;
        this.strip = strip;
    }

    /** The interval that gives about {@value #SNAPSHOTS} snapshots over {@code totalSteps} steps. */
    public static int interval(long totalSteps) {
        return (int) Math.max(1, (totalSteps + SNAPSHOTS - 1) / SNAPSHOTS);
    }

    @Override
    public void onTrainBegin(TrainingContext context) {
        network = context.network();
        steps = 0;
        snapshots = null;
        if (network.layers().stream().anyMatch(Conv2D.class::isInstance)) {
            layer = ConvKernel.layer(network, null);
            snapshots = new FilterSnapshots(layer.name(),
                    interval((long) context.epochs() * context.stepsPerEpoch()));
            snapshots.onTrainBegin(context);
        }
    }

    @Override
    public void onBatchEnd(int epoch, BatchLogs logs) {
        if (snapshots != null) {
            steps++;
            lastEpoch = epoch;
            snapshots.onBatchEnd(epoch, logs);
        }
    }

    @Override
    public void onTrainEnd(History history) {
        if (snapshots == null) {
            return;
        }
        List<FilterSnapshot> series = recorded();
        FilterEvolution.writeGif(series, DELAY_CENTISECONDS, gif);
        PngFiles.write(FilterEvolution.strip(series).render(), strip);
    }

    /** The snapshots of the last run, with the final filters last; empty for a model without Conv2D. */
    public List<FilterSnapshot> recorded() {
        if (snapshots == null) {
            return List.of();
        }
        List<FilterSnapshot> series = new ArrayList<>(snapshots.snapshots());
        if (series.get(series.size() - 1).step() != steps) {
            series.add(new FilterSnapshot(steps, lastEpoch, ConvKernel.of(network, layer)));
        }
        return series;
    }
}

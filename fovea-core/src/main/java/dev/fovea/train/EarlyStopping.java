package dev.fovea.train;

import dev.fovea.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Stops training when a monitored value (default "val_loss") has not improved by more than
 * {@code minDelta} for {@code patience} epochs, optionally putting back the weights of the best
 * epoch (every parameter, BatchNormalization's moving statistics included, as Keras restores all
 * its weights). Values whose name ends in "accuracy" improve upwards, others downwards.
 */
public final class EarlyStopping implements Callback {
    private final String monitor;
    private final double minDelta;
    private final int patience;
    private final boolean restoreBestWeights;
    private TrainingContext context;
    private boolean seenValue;
    private double best;
    private int waited;
    private int stoppedEpoch = -1;
    private List<float[]> bestWeights;

    public EarlyStopping(String monitor, double minDelta, int patience, boolean restoreBestWeights) {
        if (patience < 0 || minDelta < 0) {
            throw new IllegalArgumentException("patience and min delta must be >= 0");
        }
        this.monitor = monitor;
        this.minDelta = minDelta;
        this.patience = patience;
        this.restoreBestWeights = restoreBestWeights;
    }

    /** The epoch (0-based) after which training was stopped, or -1 if it ran to the end. */
    public int stoppedEpoch() {
        return stoppedEpoch;
    }

    @Override
    public void onTrainBegin(TrainingContext trainingContext) {
        if (monitor.startsWith("val_") && !trainingContext.validating()) {
            throw new IllegalArgumentException("early stopping monitors '" + monitor
                    + "' but fit has no validation data");
        }
        this.context = trainingContext;
        this.seenValue = false;
        this.waited = 0;
        this.bestWeights = null;
        this.stoppedEpoch = -1;
    }

    @Override
    public void onEpochEnd(EpochLogs logs) {
        if (!logs.has(monitor)) {
            throw new IllegalStateException("early stopping monitors '" + monitor + "' but the logs hold "
                    + logs.values().keySet());
        }
        double value = logs.get(monitor);
        boolean higherIsBetter = monitor.endsWith("accuracy");
        // A NaN (a diverged loss) never improves on anything; it counts as an epoch of waiting.
        boolean improved = !Double.isNaN(value) && (!seenValue
                || (higherIsBetter ? value > best + minDelta : value < best - minDelta));
        if (improved) {
            seenValue = true;
            best = value;
            waited = 0;
            if (restoreBestWeights) {
                bestWeights = snapshot();
            }
        } else if (++waited >= patience) {
            stoppedEpoch = logs.epoch();
            context.requestStop();
        }
    }

    @Override
    public void onTrainEnd(History history) {
        if (restoreBestWeights && bestWeights != null && stoppedEpoch >= 0) {
            List<Tensor> parameters = weights();
            for (int i = 0; i < parameters.size(); i++) {
                System.arraycopy(bestWeights.get(i), 0, parameters.get(i).data(), 0, parameters.get(i).size());
            }
        }
    }

    private List<float[]> snapshot() {
        List<float[]> copy = new ArrayList<>();
        for (Tensor p : weights()) {
            copy.add(p.data().clone());
        }
        return copy;
    }

    private List<Tensor> weights() {
        return context.network().layers().stream().flatMap(l -> l.parameters().values().stream()).toList();
    }
}

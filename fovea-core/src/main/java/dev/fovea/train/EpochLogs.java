package dev.fovea.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One epoch's results by name, in a stable order: "loss", "accuracy", then "val_loss",
 * "val_accuracy" when there is validation data, "learning_rate", "seconds" (the whole epoch,
 * validation included) and "data_wait_seconds" (of the training steps' time, how long they waited
 * for batches; see {@link BatchLogs#dataWaitSeconds()}).
 */
public final class EpochLogs {
    private final int epoch;
    private final Map<String, Double> values = new LinkedHashMap<>();

    public EpochLogs(int epoch) {
        this.epoch = epoch;
    }

    /** 0-based epoch number. */
    public int epoch() { return epoch; }

    public void put(String name, double value) {
        values.put(name, value);
    }

    /** The value, or NaN when not logged. */
    public double get(String name) {
        return values.getOrDefault(name, Double.NaN);
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public Map<String, Double> values() {
        return Collections.unmodifiableMap(values);
    }
}

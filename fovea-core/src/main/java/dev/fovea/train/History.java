package dev.fovea.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every epoch's logs, as Keras's {@code History}: one list of values per name. */
public final class History {
    private final List<EpochLogs> epochs = new ArrayList<>();

    void add(EpochLogs logs) {
        epochs.add(logs);
    }

    public List<EpochLogs> epochs() {
        return Collections.unmodifiableList(epochs);
    }

    /** The values of one name over the epochs, e.g. history.values("val_accuracy"). */
    public List<Double> values(String name) {
        List<Double> out = new ArrayList<>();
        for (EpochLogs e : epochs) {
            out.add(e.get(name));
        }
        return out;
    }

    /** All names and their values over the epochs. */
    public Map<String, List<Double>> asMap() {
        Map<String, List<Double>> map = new LinkedHashMap<>();
        for (EpochLogs e : epochs) {
            for (String name : e.values().keySet()) {
                map.computeIfAbsent(name, n -> values(n));
            }
        }
        return map;
    }

    /** The last epoch's value of a name, or NaN. */
    public double last(String name) {
        return epochs.isEmpty() ? Double.NaN : epochs.get(epochs.size() - 1).get(name);
    }
}

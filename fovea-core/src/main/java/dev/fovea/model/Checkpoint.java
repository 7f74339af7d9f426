package dev.fovea.model;

import dev.fovea.FoveaException;
import dev.fovea.io.Json;
import dev.fovea.io.JsonException;
import dev.fovea.io.SafeTensors;
import dev.fovea.io.SafeTensorsFile;
import dev.fovea.io.TensorData;
import dev.fovea.optim.Optimizer;
import dev.fovea.tensor.Tensor;
import dev.fovea.train.EpochLogs;
import dev.fovea.train.TrainingState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A training run saved so that it can go on exactly where it stopped: a model file (so
 * {@link Model#load} reads a checkpoint too), plus the optimizer's state as tensors
 * "optimizer/&lt;layer&gt;/&lt;parameter&gt;/&lt;i&gt;" and, in the metadata field "training_state" (JSON), the
 * seed, the position (epoch, step, the epoch's running sums), the finished epochs' logs, and the
 * optimizer's kind, step count and per-parameter update counts. Doubles are stored as Java's
 * shortest round-tripping decimal strings, so a resumed run's logs are the uninterrupted run's to
 * the last bit. Written atomically, like model files.
 */
public final class Checkpoint {
    private static final String STATE = "training_state";
    private static final String OPTIMIZER = "optimizer/";

    private final Path file;
    private final Model model;
    private final TrainingState state;
    private final Optimizer.Snapshot optimizer;
    private final long seed;

    private Checkpoint(Path file, Model model, TrainingState state, Optimizer.Snapshot optimizer, long seed) {
        this.file = file;
        this.model = model;
        this.state = state;
        this.optimizer = optimizer;
        this.seed = seed;
    }

    /** Saves {@code model}'s weights and {@code optimizer}'s state at {@code state} of a run seeded with {@code seed}. */
    public static void write(Path file, Model model, Optimizer optimizer, TrainingState state, long seed) {
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        ModelFile.describe(model, tensors, metadata);
        Optimizer.Snapshot snapshot = optimizer.snapshot(model.namedParameters());
        Map<String, Object> updates = new LinkedHashMap<>();
        snapshot.parameters().forEach((name, p) -> {
            updates.put(name, p.updates());
            for (int b = 0; b < p.buffers().length; b++) {
                tensors.put(OPTIMIZER + name + "/" + b, new TensorData(new int[] {p.buffers()[b].length}, p.buffers()[b]));
            }
        });
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("seed", Long.toString(seed));
        json.put("epoch", state.epoch());
        json.put("step", state.step());
        json.put("loss_sum", Double.toString(state.lossSum()));
        json.put("correct", state.correct());
        json.put("seen", state.seen());
        json.put("optimizer", snapshot.optimizer());
        json.put("optimizer_steps", snapshot.steps());
        json.put("parameter_updates", updates);
        List<Object> epochs = new ArrayList<>();
        for (EpochLogs logs : state.epochs()) {
            Map<String, Object> values = new LinkedHashMap<>();
            logs.values().forEach((k, v) -> values.put(k, Double.toString(v)));
            epochs.add(values);
        }
        json.put("epochs", epochs);
        metadata.put(STATE, Json.write(json));
        SafeTensors.write(file, tensors, metadata);
    }

    /** Reads a checkpoint written by {@link #write}; errors name the file and the field. */
    public static Checkpoint read(Path file) {
        SafeTensorsFile content = SafeTensors.read(file);
        Model model = ModelFile.read(file, content);
        String text = content.metadata().get(STATE);
        if (text == null) {
            throw new FoveaException(file + ": metadata field '" + STATE + "' is missing (a model file, not a checkpoint?)");
        }
        try {
            StateFields json = new StateFields(Json.parseObject(text));
            List<EpochLogs> epochs = new ArrayList<>();
            for (Object e : json.list("epochs")) {
                EpochLogs logs = new EpochLogs(epochs.size());
                for (Map.Entry<String, Object> v : asMap(e, "epochs[" + epochs.size() + "]").entrySet()) {
                    logs.put(v.getKey(), parseDouble(v.getValue(), "epochs[" + epochs.size() + "]." + v.getKey()));
                }
                epochs.add(logs);
            }
            TrainingState state = new TrainingState(json.integer("epoch"), json.integer("step"),
                    parseDouble(json.get("loss_sum"), "loss_sum"), json.count("correct"), json.count("seen"), epochs);
            Map<String, Optimizer.ParameterSnapshot> parameters = new LinkedHashMap<>();
            Map<String, Tensor> named = model.namedParameters();
            for (Map.Entry<String, Object> u : asMap(json.get("parameter_updates"), "parameter_updates").entrySet()) {
                if (!named.containsKey(u.getKey())) {
                    throw new IllegalArgumentException("parameter_updates names '" + u.getKey() + "', which the model lacks");
                }
                List<float[]> buffers = new ArrayList<>();
                for (int b = 0; content.contains(OPTIMIZER + u.getKey() + "/" + b); b++) {
                    buffers.add(content.tensor(OPTIMIZER + u.getKey() + "/" + b).data());
                }
                parameters.put(u.getKey(), new Optimizer.ParameterSnapshot(
                        asCount(u.getValue(), "parameter_updates." + u.getKey()), buffers.toArray(float[][]::new)));
            }
            Optimizer.Snapshot snapshot = new Optimizer.Snapshot(json.string("optimizer"), json.count("optimizer_steps"),
                    parameters);
            return new Checkpoint(file, model, state, snapshot, Long.parseLong(json.string("seed")));
        } catch (JsonException | IllegalArgumentException e) {
            throw new FoveaException(file + ": metadata field '" + STATE + "': " + e.getMessage(), e);
        }
    }

    /** The file it was read from. */
    public Path file() { return file; }

    /**
     * The model as it was, weights included, not compiled: of the class that was saved
     * ({@link Sequential} or {@link GraphModel}); assigning it to another class throws
     * ClassCastException.
     */
    @SuppressWarnings("unchecked")
    public <M extends Model> M model() { return (M) model; }

    /** Where the run stood. */
    public TrainingState state() { return state; }

    /** The seed of the run: shuffling, augmentation and dropout must use it again. */
    public long seed() { return seed; }

    /** The kind of optimizer the run used, e.g. "Adam". */
    public String optimizerName() { return optimizer.optimizer(); }

    /**
     * Gives the optimizer of {@code compiled}, which must be this checkpoint's {@link #model()}
     * compiled with the same kind of optimizer, the state it had.
     */
    public void restoreOptimizer(Model compiled) {
        if (compiled.optimizer() == null) {
            throw new IllegalStateException("compile the model before restoring its optimizer");
        }
        compiled.optimizer().restore(optimizer, compiled.namedParameters());
    }

    private static Map<String, Object> asMap(Object value, String field) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("'" + field + "' must be a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> typed = (Map<String, Object>) map;
        return typed;
    }

    private static double parseDouble(Object value, String field) {
        if (!(value instanceof String text)) {
            throw new IllegalArgumentException("'" + field + "' must be a number written as a string");
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + field + "' is not a number: " + text);
        }
    }

    private static long asCount(Object value, String field) {
        if (!(value instanceof Long n) || n < 0) {
            throw new IllegalArgumentException("'" + field + "' must be a whole number >= 0");
        }
        return n;
    }

    /** The fields of the training-state object, each checked for its type. */
    private record StateFields(Map<String, Object> json) {
        Object get(String field) {
            if (!json.containsKey(field)) {
                throw new IllegalArgumentException("'" + field + "' is missing");
            }
            return json.get(field);
        }

        long count(String field) {
            return asCount(get(field), field);
        }

        int integer(String field) {
            long n = count(field);
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("'" + field + "' is too large: " + n);
            }
            return (int) n;
        }

        String string(String field) {
            if (!(get(field) instanceof String s)) {
                throw new IllegalArgumentException("'" + field + "' must be a string");
            }
            return s;
        }

        List<?> list(String field) {
            if (!(get(field) instanceof List<?> l)) {
                throw new IllegalArgumentException("'" + field + "' must be a list");
            }
            return l;
        }
    }
}

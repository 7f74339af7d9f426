package dev.fovea.model;

import dev.fovea.FoveaException;
import dev.fovea.train.BatchLogs;
import dev.fovea.train.Callback;
import dev.fovea.train.EpochLogs;
import dev.fovea.train.TrainingContext;
import dev.fovea.train.TrainingState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Saves {@link Checkpoint}s during {@code fit}: after every epoch and, optionally, every N steps,
 * as {@code checkpoint-EEEE-SSSSSS.safetensors} (epochs finished, steps into the next), keeping the
 * last few; and {@code best.safetensors} whenever the monitored value improves. Every file is
 * written atomically, so a crash leaves the previous checkpoints intact.
 */
public final class Checkpointer implements Callback {
    private static final Pattern NAME = Pattern.compile("checkpoint-\\d{4}-\\d{6}\\.safetensors");
    public static final String BEST = "best.safetensors";

    private final Path directory;
    private final Model model;
    private int everySteps;
    private int keepLast = 2;
    private String monitor;
    private boolean higherIsBetter;
    private TrainingContext context;
    private double best;

    /** Checkpoints of {@code model} (the one being fitted) into {@code directory}, created if needed. */
    public Checkpointer(Path directory, Model model) {
        this.directory = directory;
        this.model = model;
    }

    /** Also saves every {@code steps} steps within an epoch (0, the default: at epoch ends only). */
    public Checkpointer everySteps(int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("checkpoint interval must be >= 0 steps, got " + steps);
        }
        this.everySteps = steps;
        return this;
    }

    /** How many of the latest checkpoints to keep (default 2); older ones are deleted. */
    public Checkpointer keepLast(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("keep at least 1 checkpoint, got " + count);
        }
        this.keepLast = count;
        return this;
    }

    /**
     * Saves {@value #BEST} at the end of an epoch whose {@code metric} (e.g. "val_accuracy") is the
     * best so far: the highest when {@code higherIsBetter}, else the lowest.
     */
    public Checkpointer best(String metric, boolean higherIsBetter) {
        this.monitor = metric;
        this.higherIsBetter = higherIsBetter;
        return this;
    }

    /** The latest checkpoint in {@code directory}, if there is one. */
    public static Optional<Path> latest(Path directory) {
        List<Path> all = checkpoints(directory);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    @Override
    public void onTrainBegin(TrainingContext trainingContext) {
        this.context = trainingContext;
        this.best = higherIsBetter ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        if (monitor != null) {
            // A resumed run remembers the best value of the epochs it had finished.
            for (EpochLogs logs : trainingContext.state().epochs()) {
                if (improves(logs)) {
                    best = logs.get(monitor);
                }
            }
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new FoveaException("cannot create the checkpoint directory " + directory + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void onBatchEnd(int epoch, BatchLogs logs) {
        if (everySteps > 0 && logs.step() % everySteps == 0 && logs.step() < logs.steps()) {
            save(context.state());
        }
    }

    @Override
    public void onEpochEnd(EpochLogs logs) {
        TrainingState state = context.state();
        save(state);
        if (monitor != null && improves(logs)) {
            best = logs.get(monitor);
            Checkpoint.write(directory.resolve(BEST), model, context.optimizer(), state, context.seed());
        }
    }

    private boolean improves(EpochLogs logs) {
        double value = logs.get(monitor);
        return !Double.isNaN(value) && (higherIsBetter ? value > best : value < best);
    }

    private void save(TrainingState state) {
        Path file = directory.resolve(String.format(Locale.ROOT, "checkpoint-%04d-%06d.safetensors",
                state.epoch(), state.step()));
        Checkpoint.write(file, model, context.optimizer(), state, context.seed());
        List<Path> all = checkpoints(directory);
        for (Path old : all.subList(0, Math.max(0, all.size() - keepLast))) {
            try {
                Files.deleteIfExists(old);
            } catch (IOException e) {
                throw new FoveaException("cannot delete the old checkpoint " + old + ": " + e.getMessage(), e);
            }
        }
    }

    /** The checkpoints in {@code directory}, oldest first (their names sort by position). */
    private static List<Path> checkpoints(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> NAME.matcher(f.getFileName().toString()).matches()).sorted().toList();
        } catch (IOException e) {
            throw new FoveaException("cannot list the checkpoint directory " + directory + ": " + e.getMessage(), e);
        }
    }
}

package dev.fovea.cli;

import dev.fovea.FoveaException;
import dev.fovea.viz.report.RunFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The directory a training run writes into: the model file, its options, per-epoch metrics, batch
 * losses, filter snapshots and TensorBoard logs (file names in {@link RunFiles}).
 */
final class RunDirectory {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final RunFiles files;

    private RunDirectory(Path path) {
        this.files = new RunFiles(path);
    }

    /**
     * Creates {@code requested}, or when it is null a new {@code runs/<yyyyMMdd-HHmmss>-<model>/}
     * under the working directory. A directory that already holds a model is refused, so a run
     * never overwrites an earlier one's results.
     */
    static RunDirectory create(Path requested, String modelName) {
        Path dir = requested != null
                ? requested
                : fresh(Path.of("runs", LocalDateTime.now().format(STAMP) + "-" + modelName));
        RunDirectory run = new RunDirectory(dir);
        if (Files.exists(run.modelFile())) {
            throw new FoveaException(run.modelFile() + " already exists from an earlier run; choose another --out "
                    + "directory or remove it");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            // The file-system exceptions' messages are often just the path, so the type says what happened.
            throw new FoveaException("cannot create the run directory " + dir + ": " + e.getClass().getSimpleName()
                    + " " + e.getMessage(), e);
        }
        return run;
    }

    /** An existing run's directory, to continue it: it must not hold a finished model yet. */
    static RunDirectory open(Path existing) {
        RunDirectory run = new RunDirectory(existing);
        if (Files.exists(run.modelFile())) {
            throw new FoveaException(existing + " holds a finished run (" + run.modelFile() + "); nothing to resume");
        }
        return run;
    }

    /** {@code base}, or base-2, base-3, ... when runs started within the same second. */
    private static Path fresh(Path base) {
        Path candidate = base;
        for (int n = 2; Files.exists(candidate); n++) {
            candidate = base.resolveSibling(base.getFileName() + "-" + n);
        }
        return candidate;
    }

    Path path() { return files.directory(); }

    RunFiles files() { return files; }

    Path modelFile() { return files.model(); }

    Path metricsFile() { return files.metrics(); }

    /** The run's options as JSON, for the report and for repeating the run. */
    Path configFile() { return files.config(); }

    /** TensorBoard's log directory: {@code tensorboard --logdir} on it, or on the runs directory. */
    /** The checkpoints of the run: the last two and the best (see dev.fovea.model.Checkpointer). */
    Path checkpointDirectory() { return path().resolve("checkpoints"); }

    Path tensorBoardDirectory() { return files.tensorBoard(); }
}

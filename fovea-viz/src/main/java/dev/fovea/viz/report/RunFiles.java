package dev.fovea.viz.report;

import dev.fovea.FoveaException;
import dev.fovea.io.Json;
import dev.fovea.io.JsonException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The files of a training run's directory, as {@code fovea train} writes them and
 * {@code fovea report} reads them:
 * <pre>
 * model.safetensors   the trained model
 * config.json         the options the run used (dataset, seed, image size, ...)
 * metrics.csv         loss and accuracy per epoch, training and validation
 * batches.csv         the loss of every batch ({@link BatchLossLog})
 * filters.gif         the first convolution layer's filters during training, animated ({@link FilterEvolutionLog})
 * filters.png         the same as a strip, one row per snapshot
 * tensorboard/        TensorBoard's event files
 * report.html         the report ({@link RunReport})
 * </pre>
 */
public record RunFiles(Path directory) {
    /** Largest config.json read: a run's options take a few hundred bytes. */
    public static final long MAX_CONFIG_BYTES = 1 << 20;

    public Path model() { return directory.resolve("model.safetensors"); }

    public Path config() { return directory.resolve("config.json"); }

    public Path metrics() { return directory.resolve("metrics.csv"); }

    public Path batches() { return directory.resolve("batches.csv"); }

    public Path filtersGif() { return directory.resolve("filters.gif"); }

    public Path filtersStrip() { return directory.resolve("filters.png"); }

    public Path tensorBoard() { return directory.resolve("tensorboard"); }

    public Path report() { return directory.resolve("report.html"); }

    /** The run's name: its directory's name, e.g. 20250101-120000-keras-fashion. */
    public String name() {
        Path name = directory.toAbsolutePath().normalize().getFileName();
        return name == null ? directory.toString() : name.toString();
    }

    /**
     * Checks that the directory holds a finished run: the model file and its configuration.
     *
     * @throws FoveaException naming what is missing
     */
    public RunFiles requireFinishedRun() {
        if (!Files.isDirectory(directory)) {
            throw new FoveaException(directory + " is not a directory: expected a run directory written by "
                    + "'fovea train' (runs/<time>-<model>/)");
        }
        for (Path file : new Path[] {model(), config()}) {
            if (!Files.isRegularFile(file)) {
                throw new FoveaException(directory + " has no " + file.getFileName()
                        + ": expected a run directory written by 'fovea train' that finished");
            }
        }
        return this;
    }

    /**
     * The options in config.json, in the file's order.
     *
     * @throws FoveaException naming the file when it is missing, too large or not a JSON object
     */
    public Map<String, Object> configuration() {
        Path file = config();
        try {
            if (Files.size(file) > MAX_CONFIG_BYTES) {
                throw new FoveaException(file + ": " + Files.size(file) + " bytes, more than the " + MAX_CONFIG_BYTES
                        + " a run's configuration may have");
            }
            return Json.parseObject(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new FoveaException("cannot read " + file + ": " + e.getClass().getSimpleName() + " "
                    + e.getMessage(), e);
        } catch (JsonException e) {
            throw new FoveaException(file + ": not a JSON object of options: " + e.getMessage(), e);
        }
    }
}

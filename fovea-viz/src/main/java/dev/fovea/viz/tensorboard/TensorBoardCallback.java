package dev.fovea.viz.tensorboard;

import dev.fovea.model.Model;
import dev.fovea.nn.Layer;
import dev.fovea.nn.Network;
import dev.fovea.tensor.Tensor;
import dev.fovea.train.BatchLogs;
import dev.fovea.train.Callback;
import dev.fovea.train.EpochLogs;
import dev.fovea.train.History;
import dev.fovea.train.TrainingContext;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Logs training for TensorBoard in Keras's layout, so TensorBoard draws training and validation
 * curves on one chart:
 * <pre>
 * logDirectory/train/events.out.tfevents...        epoch_loss, epoch_accuracy, epoch_learning_rate,
 *                                                  epoch_seconds, batch_loss, weight histograms,
 *                                                  the graph, the configuration and model summary
 * logDirectory/validation/events.out.tfevents...   epoch_loss, epoch_accuracy (from val_loss, val_accuracy)
 * </pre>
 * Every value an epoch logs goes in as {@code epoch_<name>}, the {@code val_} ones in the
 * validation run; their step is the 0-based epoch. {@code batch_loss} is the loss of a single
 * batch every {@link #batchLogInterval} batches, at the step counting batches over the whole
 * training (1 after the first batch). After each epoch each parameter of each layer gets a
 * histogram {@code <layer>/<parameter>} and, when training computed one, {@code
 * <layer>/<parameter>/gradient}: the gradient of the epoch's last batch, the one still held
 * then. At the start: the graph (input and layers), and texts {@code configuration} (the map
 * given to the constructor, as a table) and {@code model_summary}.
 *
 * <p>Files are flushed after every epoch and closed when training ends; {@link #close} also
 * closes them, for training that ended with an exception.
 */
public final class TensorBoardCallback implements Callback, AutoCloseable {
    /** Subdirectory of the training run. */
    public static final String TRAIN = "train";
    /** Subdirectory of the validation run. */
    public static final String VALIDATION = "validation";
    /** The default of {@link #batchLogInterval}. */
    public static final int DEFAULT_BATCH_LOG_INTERVAL = 100;
    private static final String VALIDATION_PREFIX = "val_";

    private final Path logDirectory;
    private final Map<String, String> configuration;
    private int batchLogInterval = DEFAULT_BATCH_LOG_INTERVAL;
    private boolean histograms = true;
    private Network network;
    private int stepsPerEpoch;
    private SummaryWriter train;
    private SummaryWriter validation;

    /** Logs into {@code logDirectory} (created if needed), with no configuration text. */
    public TensorBoardCallback(Path logDirectory) {
        this(logDirectory, Map.of());
    }

    /**
     * Logs into {@code logDirectory}; {@code configuration} (e.g. the command line's options) is
     * shown in the Text tab, in the map's order.
     */
    public TensorBoardCallback(Path logDirectory, Map<String, String> configuration) {
        this.logDirectory = logDirectory;
        this.configuration = new LinkedHashMap<>(configuration);
    }

    /** Logs {@code batch_loss} every {@code batches} batches; 0 turns batch logging off. */
    public TensorBoardCallback batchLogInterval(int batches) {
        if (batches < 0) {
            throw new IllegalArgumentException("batch log interval must be 0 (off) or positive, got " + batches);
        }
        this.batchLogInterval = batches;
        return this;
    }

    /** Whether to log weight and gradient histograms after each epoch (on by default). */
    public TensorBoardCallback histograms(boolean enabled) {
        this.histograms = enabled;
        return this;
    }

    @Override
    public void onTrainBegin(TrainingContext context) {
        close();
        network = context.network();
        stepsPerEpoch = context.stepsPerEpoch();
        train = SummaryWriter.create(logDirectory.resolve(TRAIN));
        if (context.validating()) {
            validation = SummaryWriter.create(logDirectory.resolve(VALIDATION));
        }
        train.graph(NetworkGraph.nodes(network));
        if (!configuration.isEmpty()) {
            train.text("configuration", markdownTable(configuration), 0);
        }
        if (network instanceof Model model) {
            train.text("model_summary", codeBlock(model.summary()), 0);
        }
        train.flush();
    }

    @Override
    public void onBatchEnd(int epoch, BatchLogs logs) {
        long step = (long) epoch * stepsPerEpoch + logs.step();
        if (batchLogInterval > 0 && step % batchLogInterval == 0) {
            train.scalar("batch_loss", logs.batchLoss(), step);
        }
    }

    @Override
    public void onEpochEnd(EpochLogs logs) {
        for (Map.Entry<String, Double> entry : logs.values().entrySet()) {
            String name = entry.getKey();
            if (name.startsWith(VALIDATION_PREFIX)) {
                validationWriter().scalar("epoch_" + name.substring(VALIDATION_PREFIX.length()), entry.getValue(),
                        logs.epoch());
            } else {
                train.scalar("epoch_" + name, entry.getValue(), logs.epoch());
            }
        }
        if (histograms) {
            for (Layer layer : network.layers()) {
                for (Map.Entry<String, Tensor> parameter : layer.parameters().entrySet()) {
                    String tag = layer.name() + "/" + parameter.getKey();
                    Tensor tensor = parameter.getValue();
                    train.histogram(tag, tensor.data(), logs.epoch());
                    if (tensor.grad() != null) {
                        train.histogram(tag + "/gradient", tensor.grad(), logs.epoch());
                    }
                }
            }
        }
        train.flush();
        if (validation != null) {
            validation.flush();
        }
    }

    @Override
    public void onTrainEnd(History history) {
        close();
    }

    /** Closes the events files if open; training may start again afterwards, in new files. */
    @Override
    public void close() {
        SummaryWriter openTrain = train;
        SummaryWriter openValidation = validation;
        train = null;
        validation = null;
        try {
            if (openTrain != null) {
                openTrain.close();
            }
        } finally {
            if (openValidation != null) {
                openValidation.close();
            }
        }
    }

    /** The validation writer, opened on first use if values named val_ come without validation announced. */
    private SummaryWriter validationWriter() {
        if (validation == null) {
            validation = SummaryWriter.create(logDirectory.resolve(VALIDATION));
        }
        return validation;
    }

    /** A two-column Markdown table; a | in a value would end its cell, so it is escaped. */
    private static String markdownTable(Map<String, String> entries) {
        StringBuilder table = new StringBuilder("| setting | value |\n|---|---|\n");
        entries.forEach((key, value) -> table.append("| ").append(escapeCell(key)).append(" | ")
                .append(escapeCell(value)).append(" |\n"));
        return table.toString();
    }

    private static String escapeCell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    /** Indents every line by four spaces: Markdown shows it in a fixed-width font, keeping the columns. */
    private static String codeBlock(String text) {
        return text.lines().map(line -> "    " + line).reduce((a, b) -> a + "\n" + b).orElse("");
    }
}

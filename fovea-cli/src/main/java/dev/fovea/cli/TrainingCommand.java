package dev.fovea.cli;

import dev.fovea.FoveaException;
import dev.fovea.data.ImageSource;
import dev.fovea.data.BatchPrefetcher;
import dev.fovea.data.InputScaling;
import dev.fovea.data.augment.Augmentation;
import dev.fovea.kernel.Parallel;
import dev.fovea.model.Checkpoint;
import dev.fovea.model.Checkpointer;
import dev.fovea.model.Model;
import dev.fovea.model.TrainingRecipe;
import dev.fovea.nn.Loss;
import dev.fovea.train.CsvLogger;
import dev.fovea.train.DivergenceGuard;
import dev.fovea.train.FitOptions;
import dev.fovea.train.History;
import dev.fovea.train.Metric;
import dev.fovea.io.AtomicFiles;
import dev.fovea.io.Json;
import dev.fovea.viz.report.BatchLossLog;
import dev.fovea.viz.report.FilterEvolutionLog;
import dev.fovea.viz.tensorboard.TensorBoardCallback;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What {@code fovea train} and {@code fovea finetune} share: the data, the training options, the
 * run directory with its records and checkpoints, and resuming an interrupted run. The commands
 * differ in where the model comes from.
 */
abstract class TrainingCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Mixin
    DatasetOptions dataset;

    @Option(names = "--epochs", paramLabel = "N", converter = Converters.PositiveInt.class,
            description = "Passes over the training data (default: the recipe's).")
    Integer epochs;

    @Option(names = "--batch-size", paramLabel = "N", converter = Converters.PositiveInt.class,
            description = "Images per training step (default: the recipe's).")
    Integer batchSize;

    @Option(names = "--lr", paramLabel = "X", converter = Converters.PositiveDouble.class,
            description = "Learning rate, constant over the run (default: the recipe's).")
    Double learningRate;

    @Option(names = "--optimizer", paramLabel = "NAME", converter = Converters.OptimizerName.class,
            description = "adam, sgd, nesterov or rmsprop (default: the recipe's).")
    String optimizer;

    @Option(names = "--momentum", paramLabel = "X", converter = Converters.Fraction.class,
            description = "Momentum of sgd and nesterov, in [0, 1) (default: the recipe's; nesterov uses 0.9 for 0).")
    Float momentum;

    @Option(names = "--weight-decay", paramLabel = "X", converter = Converters.Fraction.class,
            description = "Weight decay, in [0, 1) (default: the recipe's, 0 for the tutorials' models).")
    Float weightDecay;

    @Option(names = "--label-smoothing", paramLabel = "X", converter = Converters.Fraction.class,
            description = "Train against (1 - X) times the one-hot label plus X spread evenly over the classes, "
                    + "in [0, 1) (default: the recipe's: 0.1 for resnet, else 0).")
    Float labelSmoothing;

    @Option(names = "--schedule", paramLabel = "NAME", converter = Converters.ScheduleName.class,
            description = "How the learning rate changes: constant, or cosine (down to 0 along half a cosine over the "
                    + "run) (default: the recipe's).")
    String schedule;

    @Option(names = "--input-scaling", paramLabel = "KIND", converter = Converters.InputScalingKind.class,
            description = "How pixels 0-255 become inputs: unit (x/255), centered (x/255 - 0.5), mean_image "
                    + "((x - mean training image)/255) or standardize ((x - mean[c])/std[c] per channel); "
                    + "statistics come from the training split only and are stored with the model "
                    + "(default: the recipe's).")
    InputScaling.Kind inputScaling;

    @Option(names = "--augment", paramLabel = "SPEC", converter = Converters.AugmentationSpec.class,
            description = {"Random changes to each training image, drawn anew every epoch (test images are never "
                    + "changed): a preset or transforms, comma separated, e.g. 'cifar' or 'flip,rotate:10'.",
                "Presets: cifar (crop:4,flip), light (flip,translate:0.1), standard (flip,rotate:10,zoom:0.1,"
                        + "translate:0.1), digits (standard without the flip). Transforms: flip, crop:PADDING, "
                        + "rotate:DEGREES, zoom:FRACTION, translate:FRACTION, brightness:FRACTION, "
                        + "contrast:FRACTION, erase:PROBABILITY, or none (default: the recipe's, none for the tutorials' models)."})
    Augmentation augmentation;

    @Option(names = "--loader-threads", paramLabel = "N", converter = Converters.NonNegativeInt.class,
            description = "Background threads that read, decode and augment the next batches while the "
                    + "current one trains; 0 loads on the training thread (default: half the processors, 1 to 4).")
    Integer loaderThreads;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Fixes the initial weights, the shuffling and the dropout masks (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", paramLabel = "N", converter = Converters.PositiveInt.class,
            description = "Threads for the computation (default: one per processor).")
    Integer threads;

    @Option(names = "--tensorboard", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Write TensorBoard logs (curves, weight histograms, the graph) into RUN_DIR/tensorboard "
                    + "(default: on; --no-tensorboard turns them off).")
    boolean tensorBoard;

    @Option(names = "--out", paramLabel = "RUN_DIR",
            description = "Run directory for the results (default: runs/<yyyyMMdd-HHmmss>-<model>/).")
    Path out;

    @Option(names = "--divergence-guard", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Stop at the first step whose loss or gradients are NaN or infinite, naming the step and "
                    + "the first layer where it appeared, before the step changes the weights; the last good "
                    + "checkpoint is kept (default: on).")
    boolean divergenceGuard;

    @Option(names = "--checkpoint-every", paramLabel = "STEPS", defaultValue = "0",
            converter = Converters.NonNegativeInt.class,
            description = "Also save a checkpoint every STEPS training steps, not only after each epoch "
                    + "(default: ${DEFAULT-VALUE}, epoch ends only).")
    int checkpointEvery;

    @Option(names = "--resume", paramLabel = "RUN_DIR",
            description = "Continue the interrupted run in RUN_DIR from its latest checkpoint, with the options it "
                    + "was started with (other options are ignored); it ends as the uninterrupted run would have.")
    Path resume;

    /** Set when this command continues a run: the checkpoint to start from. */
    private Checkpoint resumedFrom;

    /** The recipe giving the defaults of the training options. */
    abstract TrainingRecipe recipe();

    /** The input shape of the model to train: folders of images are resized to it. */
    abstract int[] modelInputShape();

    /** The model to train for {@code train}'s images and classes, initialised (not compiled). */
    abstract Model newModel(ImageSource train);

    /** Names the model in the log, the run directory and config.json. */
    abstract String modelLabel();

    @Override
    public void run() {
        if (resume != null && resumedFrom == null) {
            RunResumption.resume(resume, spec.commandLine());
            return;
        }
        PrintWriter console = spec.commandLine().getOut();
        TrainingRecipe recipe = recipe();
        if (threads != null) {
            Parallel.setThreads(threads);
        }
        TrainingData data = dataset.load(modelInputShape(), seed);
        PrintWriter err = spec.commandLine().getErr();
        data.warnings().forEach(w -> err.println("fovea: warning: " + w));
        err.flush();
        ImageSource train = data.train();
        if (train.numClasses() < 2) {
            throw new FoveaException("dataset " + data.name() + " has " + train.numClasses()
                    + " class" + (train.numClasses() == 1 ? "" : "es") + "; a classifier needs at least two");
        }
        if (train.size() == 0) {
            throw new FoveaException("dataset " + data.name() + " has no training images");
        }
        console.printf(Locale.ROOT, "Dataset %s from %s: %,d training and %,d test images of %dx%dx%d, %d classes%n",
                data.name(), data.origin(), train.size(), data.test().size(),
                train.height(), train.width(), train.channels(), train.numClasses());

        String optimizerName = optimizer != null ? optimizer : recipe.optimizer();
        double rate = learningRate != null ? learningRate : recipe.learningRate();
        int epochCount = epochs != null ? epochs : recipe.epochs();
        int batch = batchSize != null ? batchSize : recipe.batchSize();
        String scheduleName = schedule != null ? schedule : recipe.schedule();
        long totalSteps = (long) epochCount * ((train.size() + batch - 1) / batch);
        float decay = weightDecay != null ? weightDecay : recipe.weightDecay();
        Augmentation augmentation = this.augmentation != null ? this.augmentation
                : Augmentation.parse(recipe.augmentation());
        Loss loss = labelSmoothing != null ? recipe.loss().withLabelSmoothing(labelSmoothing) : recipe.loss();
        Model model = resumedFrom != null ? resumedFrom.model() : newModel(train);
        model.compile(TrainingRecipe.optimizer(optimizerName, momentum != null ? momentum : recipe.momentum(),
                        decay, TrainingRecipe.schedule(scheduleName, rate, totalSteps)),
                loss, Metric.ACCURACY);
        if (resumedFrom != null) {
            resumedFrom.restoreOptimizer(model);
        } else {
            if (inputScaling != null) {
                model.inputScaling(InputScaling.of(inputScaling));
            }
            model.inputCrop(dataset.crop);
        }
        RunDirectory run = resumedFrom != null ? RunDirectory.open(out) : RunDirectory.create(out, modelLabel());
        console.println();
        console.println(model.summary());

        FitOptions options = FitOptions.epochs(epochCount);
        if (divergenceGuard) {
            // First, so that no later callback (a checkpoint) sees a diverged step.
            options.callbacks(new DivergenceGuard());
        }
        options
                .batchSize(batch)
                .validationData(data.hasTest() ? data.test() : null)
                .seed(seed)
                .augmentation(augmentation)
                .loaderThreads(loaderThreads != null ? loaderThreads : BatchPrefetcher.defaultThreads())
                .callbacks(new ProgressBarCallback(console, ProgressBarCallback.stdoutIsTerminal()),
                        new CsvLogger(run.metricsFile()),
                        new Checkpointer(run.checkpointDirectory(), model).everySteps(checkpointEvery).keepLast(2)
                                .best(data.hasTest() ? "val_accuracy" : "accuracy", true),
                        new BatchLossLog(run.files().batches()),
                        new FilterEvolutionLog(run.files().filtersGif(), run.files().filtersStrip()));
        if (resumedFrom != null) {
            options.resumeFrom(resumedFrom.state());
        }
        Map<String, String> configuration = configuration(data, optimizerName, rate, scheduleName, decay, loss, model,
                options);
        if (resumedFrom == null) {
            AtomicFiles.writeString(run.configFile(), Json.writePretty(configuration) + "\n");
        }
        TensorBoardCallback tensorBoardLog = null;
        if (tensorBoard) {
            tensorBoardLog = new TensorBoardCallback(run.tensorBoardDirectory(), configuration);
            options.callbacks(tensorBoardLog);
        }
        if (resumedFrom != null) {
            console.printf(Locale.ROOT, "Resuming from %s: epoch %d, step %d%n", resumedFrom.file(),
                    resumedFrom.state().epoch() + 1, resumedFrom.state().step());
        }
        console.printf(Locale.ROOT, "Training %s for %d epoch%s: %s, learning rate %s%s%s, batch size %d, seed %d, "
                        + "%d threads; results in %s%n",
                modelLabel(), options.epochs(), options.epochs() == 1 ? "" : "s", optimizerName,
                BigDecimal.valueOf(rate).toPlainString(), scheduleName.equals("constant") ? "" : " (" + scheduleName + ")",
                decay == 0 ? "" : ", weight decay " + decay, options.batchSize(), seed, Parallel.threads(), run.path());
        console.println(data.hasTest()
                ? "Validation data: the test split (val_loss and val_accuracy are test figures)"
                : "No test split (--val-split 0): no validation, no test figures");
        if (!augmentation.equals(Augmentation.none())) {
            console.println("Augmentation of the training images: " + augmentation);
        }
        History history;
        try {
            history = model.fit(train, options);
        } finally {
            if (tensorBoardLog != null) {
                tensorBoardLog.close();
            }
        }

        if (data.hasTest()) {
            console.printf(Locale.ROOT, "Test loss: %.4f  Test accuracy: %.4f%n",
                    history.last("val_loss"), history.last("val_accuracy"));
        } else {
            console.printf(Locale.ROOT, "Training loss: %.4f  Training accuracy: %.4f%n",
                    history.last("loss"), history.last("accuracy"));
        }
        model.save(run.modelFile());
        console.println("Model saved to " + run.modelFile());
        console.flush();
    }

    /** Makes this command continue a run from {@code checkpoint} (see {@link RunResumption}). */
    void resumeFrom(Checkpoint checkpoint) {
        this.resumedFrom = checkpoint;
    }

    /** The options the run actually used, defaults resolved, as text. */
    private Map<String, String> configuration(TrainingData data, String optimizerName, double rate, String scheduleName,
                                              float decay, Loss loss, Model model,
                                              FitOptions options) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("command", spec.name());
        c.put("model", modelLabel());
        c.putAll(dataset.configuration(data));
        c.put("epochs", Integer.toString(options.epochs()));
        c.put("batch_size", Integer.toString(options.batchSize()));
        c.put("optimizer", optimizerName);
        c.put("learning_rate", BigDecimal.valueOf(rate).toPlainString());
        c.put("momentum", momentum != null ? momentum.toString() : "recipe");
        c.put("weight_decay", Float.toString(decay));
        c.put("schedule", scheduleName);
        c.put("loss", loss.toString());
        c.put("input_scaling", model.inputScaling().toString());
        c.put("augmentation", options.augmentation().toString());
        c.put("seed", Long.toString(seed));
        c.put("threads", Integer.toString(Parallel.threads()));
        c.put("loader_threads", Integer.toString(options.loaderThreads()));
        c.put("arguments", Json.write(RunResumption.argumentsToRepeat(spec.commandLine())));
        return c;
    }
}

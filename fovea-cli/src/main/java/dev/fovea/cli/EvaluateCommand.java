package dev.fovea.cli;

import dev.fovea.FoveaException;
import dev.fovea.data.ImageSource;
import dev.fovea.model.Model;
import dev.fovea.nn.Loss;
import dev.fovea.optim.Adam;
import dev.fovea.tensor.Shapes;
import dev.fovea.train.Metric;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fovea evaluate}: a saved model's accuracy, loss, per-class accuracy and confusion matrix on a test split. */
@Command(name = "evaluate",
        description = "Evaluate a saved model on a dataset's test split: accuracy, loss, accuracy per class "
                + "and the confusion matrix.")
final class EvaluateCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--model-file", paramLabel = "FILE", required = true,
            description = "A model saved by 'fovea train' (model.safetensors).")
    Path modelFile;

    @Mixin
    DatasetOptions dataset;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "256", converter = Converters.PositiveInt.class,
            description = "Images per evaluation step (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Folder datasets: chooses the held-out images; use the training run's seed and --val-split "
                    + "to evaluate on the same test split (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        Model model = Model.load(modelFile);
        int[] in = model.inputShape();
        if (in.length != 3) {
            throw new FoveaException(modelFile + " takes inputs of shape " + Shapes.toString(in) + ", not images");
        }
        TrainingData data = dataset.load(in, seed);
        ImageSource test = data.test();
        if (test.size() == 0) {
            throw new FoveaException("dataset " + data.name() + " has no test images");
        }
        if (in[0] != test.height() || in[1] != test.width() || in[2] != test.channels()) {
            throw new FoveaException(modelFile + " takes " + shape(in[0], in[1], in[2]) + " images but dataset "
                    + dataset.name + " has " + shape(test.height(), test.width(), test.channels()) + " images");
        }
        List<String> classNames = ClassNames.of(model);
        if (classNames.size() != test.numClasses()) {
            throw new FoveaException(modelFile + " has " + classNames.size() + " outputs but dataset " + dataset.name
                    + " has " + test.numClasses() + " classes");
        }
        // Evaluation needs a compiled model for its loss and metric; the optimizer is never used.
        model.compile(new Adam(1e-3), Loss.sparseCategoricalCrossentropy(), Metric.ACCURACY);

        out.printf(Locale.ROOT, "Model %s: %s images, %d classes%n",
                modelFile, shape(in[0], in[1], in[2]), classNames.size());
        out.printf(Locale.ROOT, "Dataset %s test split from %s: %,d images%n%n",
                data.name(), data.origin(), test.size());
        out.print(EvaluationReport.format(model.evaluate(test, batchSize), classNames));
        out.flush();
    }

    private static String shape(int height, int width, int channels) {
        return height + "x" + width + "x" + channels;
    }
}

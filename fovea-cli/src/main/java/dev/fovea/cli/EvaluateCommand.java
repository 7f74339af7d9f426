package dev.fovea.cli;

import dev.fovea.FoveaException;
import dev.fovea.data.DatasetSplits;
import dev.fovea.data.ImageDataset;
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

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        Model model = Model.load(modelFile);
        DatasetSplits data = dataset.load();
        ImageDataset test = data.test();
        int[] in = model.inputShape();
        if (in.length != 3) {
            throw new FoveaException(modelFile + " takes inputs of shape " + Shapes.toString(in) + ", not images");
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
                dataset.name, data.directory(), test.size());
        out.print(EvaluationReport.format(model.evaluate(test, batchSize), classNames));
        out.flush();
    }

    private static String shape(int height, int width, int channels) {
        return height + "x" + width + "x" + channels;
    }
}

package dev.fovea.viz.report;

import dev.fovea.data.ImageDataset;
import dev.fovea.io.AtomicFiles;
import dev.fovea.io.Json;
import dev.fovea.model.Model;
import dev.fovea.model.Sequential;
import dev.fovea.nn.ActivationFunction;
import dev.fovea.nn.Conv2D;
import dev.fovea.nn.Dense;
import dev.fovea.nn.Flatten;
import dev.fovea.nn.Loss;
import dev.fovea.nn.MaxPooling2D;
import dev.fovea.optim.Sgd;
import dev.fovea.train.CsvLogger;
import dev.fovea.train.FitOptions;
import dev.fovea.train.Metric;
import dev.fovea.viz.TinyData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** A small training run written into a directory the way fovea train writes one, for the report's tests. */
final class TinyRun {
    static final int SIZE = 12;
    static final int EPOCHS = 2;
    static final int BATCH = 8;
    static final int TRAIN_IMAGES = 48;

    private TinyRun() {}

    /** A CNN of two small conv layers on {@value #SIZE}x{@value #SIZE} grey images, two classes. */
    static Sequential model() {
        Sequential model = new Sequential(SIZE, SIZE, 1).add(new Conv2D(4, 3, ActivationFunction.RELU),
                new MaxPooling2D(2), new Conv2D(4, 3, ActivationFunction.RELU), new Flatten(),
                new Dense(2, ActivationFunction.SOFTMAX));
        model.initialize(1); // a seed whose ReLUs start alive: with some seeds this small net never learns
        return model;
    }

    /**
     * Test images: left and right halves as in training, with every fourth label swapped, so any
     * model gets some of them wrong.
     */
    static ImageDataset test() {
        ImageDataset halves = TinyData.halves(40, SIZE, 2);
        int[] labels = halves.labels().clone();
        for (int i = 0; i < labels.length; i += 4) {
            labels[i] = 1 - labels[i];
        }
        return new ImageDataset("halves-test", SIZE, SIZE, 1, halves.pixels(), labels, halves.classNames());
    }

    /** The options a run records, in order. */
    static Map<String, String> configuration() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("model", "tiny-cnn");
        c.put("dataset", "halves");
        c.put("image_size", SIZE + "x" + SIZE);
        c.put("epochs", Integer.toString(EPOCHS));
        c.put("batch_size", Integer.toString(BATCH));
        c.put("optimizer", "sgd");
        c.put("seed", "3");
        return c;
    }

    /** Trains the model with the run's recording callbacks and saves everything into {@code directory}. */
    static RunFiles write(Path directory) throws IOException {
        RunFiles run = new RunFiles(Files.createDirectories(directory));
        Model model = model().compile(new Sgd(0.05), Loss.sparseCategoricalCrossentropy(), Metric.ACCURACY);
        model.fit(TinyData.halves(TRAIN_IMAGES, SIZE, 1), FitOptions.epochs(EPOCHS).batchSize(BATCH).seed(3)
                .validationData(test()).callbacks(new CsvLogger(run.metrics()), new BatchLossLog(run.batches()),
                        new FilterEvolutionLog(run.filtersGif(), run.filtersStrip())));
        model.save(run.model());
        AtomicFiles.writeString(run.config(), Json.writePretty(configuration()) + "\n");
        return run;
    }
}

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
        return model(1);
    }

    /** The CNN for images of 1 (grey) or 3 (colour) channels. */
    static Sequential model(int channels) {
        Sequential model = new Sequential(SIZE, SIZE, channels).add(new Conv2D(4, 3, ActivationFunction.RELU),
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
        return test(1);
    }

    /** The test images in 1 or 3 channels (see {@link #inColour}). */
    static ImageDataset test(int channels) {
        ImageDataset halves = TinyData.halves(40, SIZE, 2);
        int[] labels = halves.labels().clone();
        for (int i = 0; i < labels.length; i += 4) {
            labels[i] = 1 - labels[i];
        }
        ImageDataset test = new ImageDataset("halves-test", SIZE, SIZE, 1, halves.pixels(), labels,
                halves.classNames());
        return channels == 1 ? test : inColour(test);
    }

    /** Grey images as colour ones: a grey level v becomes (v, v / 2, 255 - v). */
    static ImageDataset inColour(ImageDataset grey) {
        byte[] in = grey.pixels();
        byte[] out = new byte[in.length * 3];
        for (int i = 0; i < in.length; i++) {
            int v = in[i] & 0xFF;
            out[3 * i] = (byte) v;
            out[3 * i + 1] = (byte) (v / 2);
            out[3 * i + 2] = (byte) (255 - v);
        }
        return new ImageDataset(grey.name(), grey.height(), grey.width(), 3, out, grey.labels(), grey.classNames());
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
        return write(directory, 1);
    }

    /** A run on grey (1) or colour (3 channels) images. */
    static RunFiles write(Path directory, int channels) throws IOException {
        RunFiles run = new RunFiles(Files.createDirectories(directory));
        Model model = model(channels).compile(new Sgd(0.05), Loss.sparseCategoricalCrossentropy(), Metric.ACCURACY);
        ImageDataset train = TinyData.halves(TRAIN_IMAGES, SIZE, 1);
        model.fit(channels == 1 ? train : inColour(train), FitOptions.epochs(EPOCHS).batchSize(BATCH).seed(3)
                .validationData(test(channels)).callbacks(new CsvLogger(run.metrics()), new BatchLossLog(run.batches()),
                        new FilterEvolutionLog(run.filtersGif(), run.filtersStrip())));
        model.save(run.model());
        AtomicFiles.writeString(run.config(), Json.writePretty(configuration()) + "\n");
        return run;
    }
}

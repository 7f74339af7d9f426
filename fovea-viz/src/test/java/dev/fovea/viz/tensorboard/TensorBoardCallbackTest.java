package dev.fovea.viz.tensorboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.data.ImageDataset;
import dev.fovea.model.Sequential;
import dev.fovea.nn.ActivationFunction;
import dev.fovea.nn.Conv2D;
import dev.fovea.nn.Dense;
import dev.fovea.nn.Flatten;
import dev.fovea.nn.Loss;
import dev.fovea.nn.MaxPooling2D;
import dev.fovea.optim.Adam;
import dev.fovea.train.BatchLogs;
import dev.fovea.train.Callback;
import dev.fovea.train.FitOptions;
import dev.fovea.train.History;
import dev.fovea.train.Metric;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TensorBoardCallbackTest {
    private static final int SIZE = 8;

    @TempDir
    Path logs;

    /** Images brighter on the left (class 0) or on the right (class 1), with noise. */
    private static ImageDataset halves(String name, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] pixels = new byte[count * SIZE * SIZE];
        int[] labels = new int[count];
        for (int n = 0; n < count; n++) {
            labels[n] = random.nextInt(2);
            for (int y = 0; y < SIZE; y++) {
                for (int x = 0; x < SIZE; x++) {
                    boolean bright = (x < SIZE / 2) == (labels[n] == 0);
                    pixels[(n * SIZE + y) * SIZE + x] = (byte) ((bright ? 160 : 0) + random.nextInt(96));
                }
            }
        }
        return new ImageDataset(name, SIZE, SIZE, 1, pixels, labels, List.of("left", "right"));
    }

    private static Sequential model() {
        Sequential model = new Sequential(SIZE, SIZE, 1).add(new Conv2D(4, 3, ActivationFunction.RELU),
                new MaxPooling2D(2), new Flatten(), new Dense(2, ActivationFunction.SOFTMAX));
        model.initialize(7);
        model.compile(new Adam(1e-2), Loss.sparseCategoricalCrossentropy(), Metric.ACCURACY);
        return model;
    }

    @Test
    void logsEpochValuesBatchLossesHistogramsGraphAndTextsInKerasLayout() throws IOException {
        Sequential model = model();
        List<Float> batchLosses = new ArrayList<>();
        Callback recorder = new Callback() {
            @Override
            public void onBatchEnd(int epoch, BatchLogs batch) {
                batchLosses.add((float) batch.batchLoss());
            }
        };
        Map<String, String> configuration = new LinkedHashMap<>();
        configuration.put("epochs", "2");
        configuration.put("optimizer", "adam");
        TensorBoardCallback tensorBoard = new TensorBoardCallback(logs, configuration).batchLogInterval(2);
        // 40 images in batches of 8: 5 steps per epoch, 10 in all; batch_loss at steps 2, 4, ..., 10.
        History history = model.fit(halves("train", 40, 1), FitOptions.epochs(2).batchSize(8).seed(3)
                .validationData(halves("validation", 16, 2)).callbacks(recorder, tensorBoard));

        Path trainFile = onlyEventsFile(logs.resolve("train"));
        Path validationFile = onlyEventsFile(logs.resolve("validation"));
        Map<String, Map<Long, EventReader.Value>> train = byTagAndStep(trainFile);
        Map<String, Map<Long, EventReader.Value>> validation = byTagAndStep(validationFile);

        for (String name : List.of("loss", "accuracy", "learning_rate", "seconds")) {
            assertScalars(history.values(name), train.get("epoch_" + name), "epoch_" + name);
        }
        assertScalars(history.values("val_loss"), validation.get("epoch_loss"), "validation epoch_loss");
        assertScalars(history.values("val_accuracy"), validation.get("epoch_accuracy"), "validation epoch_accuracy");
        assertEquals(List.of("epoch_loss", "epoch_accuracy"), List.copyOf(validation.keySet()));

        Map<Long, EventReader.Value> batchLoss = train.get("batch_loss");
        assertEquals(List.of(2L, 4L, 6L, 8L, 10L), List.copyOf(batchLoss.keySet()));
        batchLoss.forEach((step, value) -> assertEquals(batchLosses.get((int) (step - 1)), value.simpleValue()));

        for (String parameter : List.of("conv2d/kernel", "conv2d/bias", "dense/kernel", "dense/bias")) {
            for (String tag : List.of(parameter, parameter + "/gradient")) {
                assertEquals(List.of(0L, 1L), List.copyOf(train.get(tag).keySet()), tag);
            }
        }
        // The last epoch's weights are the ones training ended with.
        float[] finalKernel = model.layers().get(0).parameters().get("kernel").data();
        EventReader.Histo kernel = train.get("conv2d/kernel").get(1L).histogram();
        Histogram expected = Histogram.of(finalKernel, Histogram.DEFAULT_BUCKETS);
        assertEquals(36, kernel.num()); // 3*3*1*4
        assertEquals(expected.min(), kernel.min());
        assertEquals(expected.max(), kernel.max());
        assertEquals(expected.sum(), kernel.sum());
        // The gradient logged is the last batch's, still held by the parameter when training ends.
        float[] lastGradient = model.layers().get(3).parameters().get("kernel").grad();
        EventReader.Histo gradient = train.get("dense/kernel/gradient").get(1L).histogram();
        assertEquals(36 * 2, gradient.num()); // (3*3*4) * 2
        assertEquals(Histogram.of(lastGradient, Histogram.DEFAULT_BUCKETS).sumSquares(), gradient.sumSquares());

        assertTrue(train.get("configuration").get(0L).tensor().strings().get(0).contains("| optimizer | adam |"));
        assertEquals("text", train.get("configuration").get(0L).pluginName());
        assertTrue(train.get("model_summary").get(0L).tensor().strings().get(0).contains("conv2d (Conv2D)"));

        byte[] graphDef = EventReader.read(trainFile).stream().map(EventReader.Event::graphDef)
                .filter(g -> g != null).findFirst().orElseThrow();
        assertEquals(List.of("input", "conv2d", "max_pooling2d", "flatten", "dense"),
                EventReader.graph(graphDef).stream().map(EventReader.Node::name).toList());
    }

    @Test
    void withoutValidationHistogramsOrBatchLoggingThoseAreLeftOut() throws IOException {
        TensorBoardCallback tensorBoard = new TensorBoardCallback(logs).histograms(false).batchLogInterval(0);
        model().fit(halves("train", 16, 1), FitOptions.epochs(1).batchSize(8).callbacks(tensorBoard));
        assertFalse(Files.exists(logs.resolve("validation")));
        Map<String, Map<Long, EventReader.Value>> train = byTagAndStep(onlyEventsFile(logs.resolve("train")));
        assertEquals(List.of("model_summary", "epoch_loss", "epoch_accuracy", "epoch_learning_rate", "epoch_seconds",
                "epoch_data_wait_seconds"),
                List.copyOf(train.keySet()));
    }

    @Test
    void trainingAgainStartsNewFiles() throws IOException {
        TensorBoardCallback tensorBoard = new TensorBoardCallback(logs);
        Sequential model = model();
        model.fit(halves("train", 8, 1), FitOptions.epochs(1).batchSize(8).callbacks(tensorBoard));
        model.fit(halves("train", 8, 1), FitOptions.epochs(1).batchSize(8).callbacks(tensorBoard));
        try (Stream<Path> files = Files.list(logs.resolve("train"))) {
            List<Path> all = files.toList();
            assertEquals(2, all.size());
            for (Path file : all) {
                assertNotNull(byTagAndStep(file).get("epoch_loss").get(0L));
            }
        }
    }

    private static void assertScalars(List<Double> expected, Map<Long, EventReader.Value> logged, String tag) {
        assertNotNull(logged, tag + " missing");
        assertEquals(expected.size(), logged.size(), tag);
        for (int epoch = 0; epoch < expected.size(); epoch++) {
            assertEquals((float) (double) expected.get(epoch), logged.get((long) epoch).simpleValue(), tag + " epoch " + epoch);
        }
    }

    private static Path onlyEventsFile(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> all = files.toList();
            assertEquals(1, all.size(), "files in " + directory);
            assertTrue(all.get(0).getFileName().toString().startsWith("events.out.tfevents."));
            return all.get(0);
        }
    }

    /** Every value by tag (in first-seen order) and step. */
    private static Map<String, Map<Long, EventReader.Value>> byTagAndStep(Path file) throws IOException {
        Map<String, Map<Long, EventReader.Value>> byTag = new LinkedHashMap<>();
        for (Map.Entry<Long, EventReader.Value> entry : EventReader.values(file)) {
            Map<Long, EventReader.Value> steps = byTag.computeIfAbsent(entry.getValue().tag(), t -> new LinkedHashMap<>());
            assertEquals(null, steps.put(entry.getKey(), entry.getValue()), "two values of one tag at one step");
        }
        return byTag;
    }
}

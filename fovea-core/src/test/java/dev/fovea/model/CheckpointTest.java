package dev.fovea.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.FoveaException;
import dev.fovea.data.ImageDataset;
import dev.fovea.data.augment.Augmentation;
import dev.fovea.io.SafeTensors;
import dev.fovea.io.SafeTensorsFile;
import dev.fovea.nn.ActivationFunction;
import dev.fovea.nn.Conv2D;
import dev.fovea.nn.Dense;
import dev.fovea.nn.Dropout;
import dev.fovea.nn.Flatten;
import dev.fovea.nn.Loss;
import dev.fovea.nn.MaxPooling2D;
import dev.fovea.optim.Adam;
import dev.fovea.optim.Sgd;
import dev.fovea.tensor.Tensor;
import dev.fovea.train.CsvLogger;
import dev.fovea.train.EpochLogs;
import dev.fovea.train.FitOptions;
import dev.fovea.train.History;
import dev.fovea.train.Metric;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
    private static final ImageDataset TRAIN = randomImages("train", 40, 1);
    private static final ImageDataset TEST = randomImages("test", 12, 2);

    @TempDir
    Path dir;

    private static ImageDataset randomImages(String name, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] pixels = new byte[count * 8 * 8];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) random.nextInt(256);
        }
        int[] labels = random.ints(count, 0, 3).toArray();
        return new ImageDataset(name, 8, 8, 1, pixels, labels, List.of("a", "b", "c"));
    }

    /** Dropout and augmentation make every random stream matter. */
    private static Sequential compiledModel() {
        Sequential model = new Sequential(8, 8, 1).add(new Conv2D(4, 3, ActivationFunction.RELU), new MaxPooling2D(2),
                new Flatten(), new Dropout(0.3f), new Dense(3, ActivationFunction.SOFTMAX));
        model.initialize(11);
        model.compile(new Adam(1e-2), Loss.sparseCategoricalCrossentropy(), Metric.ACCURACY);
        return model;
    }

    private static FitOptions options(int epochs) {
        return FitOptions.epochs(epochs).batchSize(8).seed(5).validationData(TEST)
                .augmentation(Augmentation.parse("flip,crop:1")).loaderThreads(1);
    }

    private static Sequential resume(Path checkpoint) {
        Checkpoint saved = Checkpoint.read(checkpoint);
        Sequential model = saved.model();
        model.compile(new Adam(1e-2), Loss.sparseCategoricalCrossentropy(), Metric.ACCURACY);
        saved.restoreOptimizer(model);
        return model;
    }

    private static void assertSameWeights(Model expected, Model actual) {
        Map<String, Tensor> e = expected.namedParameters();
        Map<String, Tensor> a = actual.namedParameters();
        assertEquals(e.keySet(), a.keySet());
        for (String name : e.keySet()) {
            assertArrayEquals(e.get(name).data(), a.get(name).data(), name);
        }
    }

    /** The logged values except the clock's. */
    private static List<Map<String, Double>> results(History history) {
        return history.epochs().stream().map(EpochLogs::values)
                .map(v -> v.entrySet().stream()
                        .filter(x -> !x.getKey().equals("seconds") && !x.getKey().equals("data_wait_seconds"))
                        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)))
                .toList();
    }

    @Test
    void oneEpochThenResumeAndOneMoreEqualsTwoEpochsStraight() {
        Sequential straight = compiledModel();
        History straightHistory = straight.fit(TRAIN, options(2));

        Sequential first = compiledModel();
        first.fit(TRAIN, options(1).callbacks(new Checkpointer(dir, first)));
        Path checkpoint = Checkpointer.latest(dir).orElseThrow();
        assertEquals("checkpoint-0001-000000.safetensors", checkpoint.getFileName().toString());
        Sequential resumed = resume(checkpoint);
        History resumedHistory = resumed.fit(TRAIN, options(2).resumeFrom(Checkpoint.read(checkpoint).state()));

        assertSameWeights(straight, resumed);
        assertEquals(results(straightHistory), results(resumedHistory));
        assertEquals(2, resumedHistory.epochs().size());
    }

    @Test
    void resumingInTheMiddleOfAnEpochGivesTheSameWeightsAndLogs() {
        Sequential straight = compiledModel();
        History straightHistory = straight.fit(TRAIN, options(2));

        Sequential first = compiledModel();
        first.fit(TRAIN, options(1).callbacks(new Checkpointer(dir, first).everySteps(2).keepLast(10)));
        Path middle = dir.resolve("checkpoint-0000-000002.safetensors");
        assertTrue(Files.exists(middle), "a checkpoint after step 2 of epoch 0");
        Checkpoint saved = Checkpoint.read(middle);
        assertEquals(0, saved.state().epoch());
        assertEquals(2, saved.state().step());
        assertEquals(16, saved.state().seen());
        assertEquals(5, saved.seed());
        assertEquals("Adam", saved.optimizerName());

        Sequential resumed = resume(middle);
        History resumedHistory = resumed.fit(TRAIN, options(2).resumeFrom(saved.state()));
        assertSameWeights(straight, resumed);
        assertEquals(results(straightHistory), results(resumedHistory));
    }

    @Test
    void withoutTheOptimizerStateTheResumedRunDiffers() {
        // Shows the test above needs the restored moments: a fresh Adam at the same weights goes elsewhere.
        Sequential straight = compiledModel();
        straight.fit(TRAIN, options(2));
        Sequential first = compiledModel();
        first.fit(TRAIN, options(1).callbacks(new Checkpointer(dir, first)));
        Checkpoint saved = Checkpoint.read(Checkpointer.latest(dir).orElseThrow());
        Sequential fresh = saved.model();
        fresh.compile(new Adam(1e-2), Loss.sparseCategoricalCrossentropy(), Metric.ACCURACY);
        fresh.fit(TRAIN, options(2).resumeFrom(saved.state()));
        assertNotEquals(straight.namedParameters().get("dense/kernel").data()[0],
                fresh.namedParameters().get("dense/kernel").data()[0]);
    }

    @Test
    void keepsTheLastCheckpointsAndTheBest() throws IOException {
        Sequential model = compiledModel();
        History history = model.fit(TRAIN, options(4).callbacks(
                new Checkpointer(dir, model).keepLast(2).best("val_loss", false)));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("best.safetensors", "checkpoint-0003-000000.safetensors",
                    "checkpoint-0004-000000.safetensors"),
                    files.map(f -> f.getFileName().toString()).sorted().toList());
        }
        List<Double> losses = history.values("val_loss");
        int bestEpoch = losses.indexOf(losses.stream().min(Double::compare).orElseThrow());
        assertEquals(bestEpoch + 1, Checkpoint.read(dir.resolve("best.safetensors")).state().epoch());
    }

    @Test
    void aCheckpointLoadsAsAModelToo() {
        Sequential model = compiledModel();
        model.fit(TRAIN, options(1).callbacks(new Checkpointer(dir, model)));
        Model loaded = Model.load(Checkpointer.latest(dir).orElseThrow());
        assertSameWeights(model, loaded);
    }

    @Test
    void csvLoggerOfAResumedRunKeepsTheEarlierEpochs() throws IOException {
        Sequential first = compiledModel();
        first.fit(TRAIN, options(1).callbacks(new Checkpointer(dir, first)));
        Checkpoint saved = Checkpoint.read(Checkpointer.latest(dir).orElseThrow());
        Sequential resumed = resume(Checkpointer.latest(dir).orElseThrow());
        Path csv = dir.resolve("metrics.csv");
        resumed.fit(TRAIN, options(2).resumeFrom(saved.state()).callbacks(new CsvLogger(csv)));
        List<String> lines = Files.readAllLines(csv);
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(lines.get(1).startsWith("1,") && lines.get(2).startsWith("2,"), lines.toString());
    }

    @Test
    void anotherKindOfOptimizerCannotTakeTheState() {
        Sequential model = compiledModel();
        model.fit(TRAIN, options(1).callbacks(new Checkpointer(dir, model)));
        Checkpoint saved = Checkpoint.read(Checkpointer.latest(dir).orElseThrow());
        Sequential other = saved.model();
        other.compile(new Sgd(0.1, 0.9f), Loss.sparseCategoricalCrossentropy(), Metric.ACCURACY);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> saved.restoreOptimizer(other));
        assertTrue(e.getMessage().contains("Adam") && e.getMessage().contains("Sgd"), e.getMessage());
    }

    @Test
    void aModelFileIsNotACheckpointAndADamagedStateIsNamed() throws IOException {
        Sequential model = compiledModel();
        Path plain = dir.resolve("model.safetensors");
        model.save(plain);
        FoveaException notCheckpoint = assertThrows(FoveaException.class, () -> Checkpoint.read(plain));
        assertTrue(notCheckpoint.getMessage().contains(plain + ": metadata field 'training_state' is missing"),
                notCheckpoint.getMessage());

        model.fit(TRAIN, options(1).callbacks(new Checkpointer(dir, model)));
        SafeTensorsFile content = SafeTensors.read(Checkpointer.latest(dir).orElseThrow());
        Map<String, String> metadata = new java.util.LinkedHashMap<>(content.metadata());
        metadata.put("training_state", metadata.get("training_state").replace("\"step\":0", "\"step\":-4"));
        Map<String, dev.fovea.io.TensorData> tensors = new java.util.LinkedHashMap<>();
        content.names().forEach(n -> tensors.put(n, content.tensor(n)));
        Path damaged = dir.resolve("damaged.safetensors");
        SafeTensors.write(damaged, tensors, metadata);
        FoveaException e = assertThrows(FoveaException.class, () -> Checkpoint.read(damaged));
        assertTrue(e.getMessage().contains(damaged + ": metadata field 'training_state': 'step'"), e.getMessage());
    }
}

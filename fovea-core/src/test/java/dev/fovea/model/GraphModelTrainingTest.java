package dev.fovea.model;

import static dev.fovea.nn.ActivationFunction.RELU;
import static dev.fovea.nn.ActivationFunction.SOFTMAX;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.data.ImageDataset;
import dev.fovea.kernel.Padding;
import dev.fovea.nn.Conv2D;
import dev.fovea.nn.Dense;
import dev.fovea.nn.Dropout;
import dev.fovea.nn.GlobalAveragePooling2D;
import dev.fovea.nn.Loss;
import dev.fovea.nn.Node;
import dev.fovea.optim.Adam;
import dev.fovea.tensor.Tensor;
import dev.fovea.train.EpochLogs;
import dev.fovea.train.Evaluation;
import dev.fovea.train.FitOptions;
import dev.fovea.train.History;
import dev.fovea.train.Metric;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small residual CNN trains through the ordinary fit loop: learning, freezing, checkpoints. */
class GraphModelTrainingTest {
    private static final List<String> CLASSES = List.of("horizontal", "vertical", "square");
    private static final ImageDataset TRAIN = shapes("train", 150, 1);
    private static final ImageDataset TEST = shapes("test", 60, 2);

    @TempDir
    Path dir;

    /**
     * 8x8 images of noise (0-80) with a bright (180-255) horizontal bar of 3, vertical bar of 3 or
     * 3x3 square somewhere: telling the bars apart needs a detector of orientation, not a brightness.
     */
    private static ImageDataset shapes(String name, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] pixels = new byte[count * 64];
        int[] labels = new int[count];
        for (int n = 0; n < count; n++) {
            labels[n] = n % 3;
            for (int i = 0; i < 64; i++) {
                pixels[n * 64 + i] = (byte) random.nextInt(81);
            }
            int line = random.nextInt(8);
            int row = random.nextInt(6);
            int col = random.nextInt(6);
            for (int k = 0; k < 3; k++) {
                switch (labels[n]) {
                    case 0 -> bright(pixels, n, line, col + k, random);
                    case 1 -> bright(pixels, n, row + k, line, random);
                    default -> {
                        for (int j = 0; j < 3; j++) {
                            bright(pixels, n, row + k, col + j, random);
                        }
                    }
                }
            }
        }
        return new ImageDataset(name, 8, 8, 1, pixels, labels, CLASSES);
    }

    private static void bright(byte[] pixels, int image, int y, int x, SplittableRandom random) {
        pixels[image * 64 + y * 8 + x] = (byte) (180 + random.nextInt(76));
    }

    /** Stem, a residual block, pooling, dropout and a softmax head: dropout makes every random stream matter. */
    private static GraphModel residualCnn() {
        Node in = Node.input(8, 8, 1);
        Node x = new Conv2D(8, 3, 1, Padding.SAME, RELU).apply(in);
        x = ResidualBlock.basic(x, 8, 1);
        x = new Dropout(0.1f).apply(new GlobalAveragePooling2D().apply(x));
        GraphModel model = GraphModel.of(in, new Dense(3, SOFTMAX).apply(x));
        model.initialize(21);
        model.compile(new Adam(1e-2), Loss.sparseCategoricalCrossentropy(), Metric.ACCURACY);
        return model;
    }

    private static FitOptions options(int epochs) {
        return FitOptions.epochs(epochs).batchSize(16).seed(3).loaderThreads(1);
    }

    @Test
    void learnsToTellShapesApart() {
        GraphModel model = residualCnn();
        Evaluation before = model.evaluate(TEST, 64);
        History history = model.fit(TRAIN, options(12).validationData(TEST));
        Evaluation after = model.evaluate(TEST, 64);
        assertTrue(after.accuracy() >= 0.9, "test accuracy " + after.accuracy() + ", before training " + before.accuracy()
                + "; losses " + history.values("loss"));
        assertTrue(after.loss() < before.loss() / 3, before.loss() + " -> " + after.loss());
        Tensor probabilities = model.predict(Tensor.of(new float[2 * 64], 2, 8, 8, 1));
        assertEquals(1.0, probabilities.data()[0] + probabilities.data()[1] + probabilities.data()[2], 1e-5);
    }

    @Test
    void frozenLayersKeepTheirWeightsToTheBit() {
        GraphModel model = residualCnn();
        FineTuning.freezeUntil(model, "conv2d_1");
        Map<String, float[]> start = copies(model);
        model.fit(TRAIN, options(1));
        Map<String, float[]> end = copies(model);
        for (String frozen : List.of("conv2d/kernel", "conv2d/bias", "conv2d_1/kernel", "conv2d_1/bias")) {
            assertArrayEquals(start.get(frozen), end.get(frozen), frozen);
        }
        for (String trained : List.of("conv2d_2/kernel", "dense/kernel")) {
            assertFalse(java.util.Arrays.equals(start.get(trained), end.get(trained)), trained + " was trained");
        }
    }

    @Test
    void oneEpochThenResumeAndOneMoreEqualsTwoEpochsStraight() {
        GraphModel straight = residualCnn();
        History straightHistory = straight.fit(TRAIN, options(2).validationData(TEST));

        GraphModel first = residualCnn();
        first.fit(TRAIN, options(1).validationData(TEST).callbacks(new Checkpointer(dir, first)));
        Checkpoint saved = Checkpoint.read(Checkpointer.latest(dir).orElseThrow());
        GraphModel resumed = saved.model();
        resumed.compile(new Adam(1e-2), Loss.sparseCategoricalCrossentropy(), Metric.ACCURACY);
        saved.restoreOptimizer(resumed);
        History resumedHistory = resumed.fit(TRAIN, options(2).validationData(TEST).resumeFrom(saved.state()));

        assertEquals(straight.summary(), resumed.summary());
        Map<String, float[]> expected = copies(straight);
        copies(resumed).forEach((name, values) -> assertArrayEquals(expected.get(name), values, name));
        assertEquals(withoutClock(straightHistory), withoutClock(resumedHistory));
    }

    private static Map<String, float[]> copies(Model model) {
        Map<String, float[]> out = new java.util.TreeMap<>();
        model.namedParameters().forEach((name, t) -> out.put(name, t.data().clone()));
        return out;
    }

    private static List<Map<String, Double>> withoutClock(History history) {
        return history.epochs().stream().map(EpochLogs::values)
                .map(v -> {
                    Map<String, Double> copy = new java.util.TreeMap<>(v);
                    copy.remove("seconds");
                    copy.remove("data_wait_seconds");
                    return copy;
                }).toList();
    }
}

package dev.fovea.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.data.ImageDataset;
import dev.fovea.data.InputScaling;
import dev.fovea.model.Checkpoint;
import dev.fovea.model.Checkpointer;
import dev.fovea.model.Model;
import dev.fovea.model.Sequential;
import dev.fovea.nn.ActivationFunction;
import dev.fovea.nn.Conv2D;
import dev.fovea.nn.Dense;
import dev.fovea.nn.Flatten;
import dev.fovea.nn.Layer;
import dev.fovea.nn.Loss;
import dev.fovea.nn.MaxPooling2D;
import dev.fovea.optim.LearningRateSchedule;
import dev.fovea.optim.Optimizer;
import dev.fovea.optim.Sgd;
import dev.fovea.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DivergenceGuardTest {
    /** 40 random 8x8 images in batches of 8: 5 steps per epoch. */
    private static final ImageDataset DATA = randomImages();
    private static final int EPOCHS = 2;

    @TempDir
    Path dir;

    private static ImageDataset randomImages() {
        SplittableRandom random = new SplittableRandom(3);
        byte[] pixels = new byte[40 * 8 * 8];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) random.nextInt(256);
        }
        return new ImageDataset("random", 8, 8, 1, pixels, random.ints(40, 0, 3).toArray(), List.of("a", "b", "c"));
    }

    private static Sequential model(Optimizer optimizer) {
        Sequential model = new Sequential(8, 8, 1).add(new Conv2D(4, 3, ActivationFunction.RELU), new MaxPooling2D(2),
                new Flatten(), new Dense(16, ActivationFunction.RELU), new Dense(3, ActivationFunction.SOFTMAX));
        model.initialize(1);
        model.compile(optimizer, Loss.sparseCategoricalCrossentropy(), Metric.ACCURACY);
        return model;
    }

    private static FitOptions options(Callback... callbacks) {
        return FitOptions.epochs(EPOCHS).batchSize(8).seed(5).loaderThreads(1).callbacks(callbacks);
    }

    /** A mean image with -infinity at one pixel: every scaled image has +infinity there. */
    private static InputScaling infinitePixel() {
        float[] mean = new float[8 * 8];
        mean[27] = Float.NEGATIVE_INFINITY;
        return InputScaling.meanImage(mean);
    }

    private static Map<String, float[]> weights(Model model) {
        Map<String, float[]> copy = new LinkedHashMap<>();
        model.namedParameters().forEach((name, tensor) -> copy.put(name, tensor.data().clone()));
        return copy;
    }

    private static void assertSameWeights(Map<String, float[]> expected, Model actual) {
        assertEquals(expected.keySet(), actual.namedParameters().keySet());
        expected.forEach((name, values) -> assertArrayEquals(values, actual.namedParameters().get(name).data(), name));
    }

    private static boolean allFinite(Model model) {
        return model.parameters().stream().allMatch(t -> FirstNonFinite.allFinite(t.data()));
    }

    @Test
    void anInfinitePixelStopsTheFirstStepNamingTheFirstLayerAndLeavesTheWeights() {
        Sequential model = model(new Sgd(0.01));
        model.inputScaling(infinitePixel());
        Map<String, float[]> before = weights(model);

        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> model.fit(DATA, options(new DivergenceGuard())));
        assertEquals("training diverged in epoch 1/2 at step 1/5: the loss is NaN and the gradient of layer 'conv2d'"
                + " holds NaN (in conv2d/kernel), the first non-finite gradient in forward order; the weights are left"
                + " as they were before this step (a lower learning rate may help, or check the data for NaN or"
                + " infinite values)", e.getMessage());
        assertEquals(0, e.epoch());
        assertEquals(0, e.batch());
        assertEquals("conv2d", e.layer().orElseThrow());
        assertSameWeights(before, model);
    }

    @Test
    void frozenLayersAreSkippedWhenNamingTheFirstLayer() {
        Sequential model = model(new Sgd(0.01));
        model.layers().get(0).trainable(false);
        model.inputScaling(infinitePixel());
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> model.fit(DATA, options(new DivergenceGuard())));
        assertEquals("dense", e.layer().orElseThrow(), e.getMessage());
        assertTrue(e.getMessage().contains("the gradient of layer 'dense' holds "), e.getMessage());
    }

    /**
     * Plain SGD at 1e14 survives its first step and blows up in the second. Where exactly is found
     * by watching an unguarded run; the guarded run must stop there, name the same layer, keep the
     * checkpoint of the step before and write none for the diverged step.
     */
    @Test
    void aHugeLearningRateStopsAtTheStepWhereAGradientFirstBreaksAndKeepsTheLastGoodCheckpoint() throws IOException {
        FirstNonFinite watcher = new FirstNonFinite();
        model(new Sgd(1e14)).fit(DATA, options(watcher));
        assertNotNull(watcher.layer, "the unguarded run diverges");
        assertTrue(watcher.epoch > 0 || watcher.batch > 0, "after at least one good step");

        Sequential model = model(new Sgd(1e14));
        Path checkpoints = dir.resolve("checkpoints");
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> model.fit(DATA,
                options(new DivergenceGuard(), new Checkpointer(checkpoints, model).everySteps(1).keepLast(2))));
        assertEquals(watcher.epoch, e.epoch());
        assertEquals(watcher.batch, e.batch());
        assertEquals(watcher.layer, e.layer().orElseThrow());
        assertTrue(e.getMessage().startsWith("training diverged in epoch " + (watcher.epoch + 1) + "/2 at step "
                + (watcher.batch + 1) + "/5: the loss is NaN and the gradient of layer '" + watcher.layer + "'"),
                e.getMessage());

        Checkpoint last = Checkpoint.read(Checkpointer.latest(checkpoints).orElseThrow());
        // Saved after the step before the diverged one: its batch number is the count of steps done.
        assertEquals(e.epoch(), last.state().epoch());
        assertEquals(e.batch(), last.state().step());
        assertTrue(allFinite(last.model()));
        assertSameWeights(weights(model), last.model()); // the diverged step was never applied
    }

    @Test
    void anUpdateThatOverflowsTheWeightsStopsBeforeTheCheckpointerSavesThem() throws IOException {
        // Good steps at first, then a rate beyond float's range (a finite double, as --lr 1e39 is):
        // the update of finite gradients makes the weights infinite.
        LearningRateSchedule jump = step -> step < 3 ? 0.01 : 1e39;
        Sequential model = model(new Sgd(jump, 0f, false, 0f));
        Path checkpoints = dir.resolve("checkpoints");
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> model.fit(DATA,
                options(new DivergenceGuard(), new Checkpointer(checkpoints, model).everySteps(1).keepLast(2))));
        assertEquals(0, e.epoch());
        assertEquals(3, e.batch());
        assertTrue(e.getMessage().startsWith("training diverged in epoch 1/2 at step 4/5: the optimizer's update made"
                + " a weight of layer 'conv2d' "), e.getMessage());
        assertEquals(List.of("checkpoint-0000-000002.safetensors", "checkpoint-0000-000003.safetensors"),
                fileNames(checkpoints));
        for (String name : fileNames(checkpoints)) {
            assertTrue(allFinite(Checkpoint.read(checkpoints.resolve(name)).model()), name);
        }
    }

    @Test
    void aHealthyRunIsTrainedExactlyAsWithoutTheGuard() {
        History unguarded = model(new Sgd(0.05)).fit(DATA, options());
        History guarded = model(new Sgd(0.05)).fit(DATA, options(new DivergenceGuard()));
        assertEquals(unguarded.values("loss"), guarded.values("loss"));
        assertEquals(EPOCHS, guarded.epochs().size());
    }

    private static List<String> fileNames(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    /** Records, without stopping anything, the first batch whose loss or gradients are not finite. */
    private static final class FirstNonFinite implements Callback {
        private TrainingContext context;
        int epoch = -1;
        int batch = -1;
        String layer;

        @Override
        public void onTrainBegin(TrainingContext trainingContext) {
            context = trainingContext;
        }

        @Override
        public void onGradients(int e, int b, double loss) {
            if (layer != null) {
                return;
            }
            for (Layer l : context.network().layers()) {
                for (Tensor p : l.parameters().values()) {
                    float[] grad = p.grad();
                    if (layer == null && grad != null && !allFinite(grad)) {
                        epoch = e;
                        batch = b;
                        layer = l.name();
                    }
                }
            }
        }

        private static boolean allFinite(float[] values) {
            for (float v : values) {
                if (!Float.isFinite(v)) {
                    return false;
                }
            }
            return true;
        }
    }
}

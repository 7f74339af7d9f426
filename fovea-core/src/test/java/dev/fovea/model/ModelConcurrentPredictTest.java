package dev.fovea.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.data.InputScaling;
import dev.fovea.kernel.Padding;
import dev.fovea.nn.ActivationFunction;
import dev.fovea.nn.AveragePooling2D;
import dev.fovea.nn.Conv2D;
import dev.fovea.nn.Dense;
import dev.fovea.nn.Dropout;
import dev.fovea.nn.Flatten;
import dev.fovea.nn.MaxPooling2D;
import dev.fovea.tensor.NoGrad;
import dev.fovea.tensor.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One loaded model shared by 8 threads calling {@code predict} and {@code predictPixels} at once
 * gives, bit for bit, what serial calls give: inference keeps no mutable state in the model, and
 * the kernels' scratch arrays belong to the calling thread.
 */
class ModelConcurrentPredictTest {
    private static final int THREADS = 8;
    private static final int ROUNDS = 30;
    /** Batch sizes to predict: mixed, so concurrent calls need scratch arrays of different sizes. */
    private static final int[] BATCHES = {1, 7, 2, 5, 3, 8, 1, 4};

    @TempDir
    Path dir;

    /**
     * Big enough that the convolutions and matrix products split their work over the kernel
     * thread pool (1,024 output pixels per image in the first convolution), with every inference-path layer
     * kind: convolutions with a fused and an unfused activation, both poolings, dropout (inactive),
     * dense layers, softmax.
     */
    private static Sequential model() {
        Sequential model = new Sequential(32, 32, 3).add(
                new Conv2D(16, 3, 1, Padding.SAME, ActivationFunction.RELU), new MaxPooling2D(2),
                new Conv2D(16, 3, 1, Padding.VALID, ActivationFunction.TANH), new AveragePooling2D(2),
                new Flatten(), new Dense(32, ActivationFunction.RELU), new Dropout(0.5f),
                new Dense(10, ActivationFunction.SOFTMAX));
        model.initialize(9);
        float[] mean = new float[32 * 32 * 3];
        Arrays.fill(mean, 120f);
        return (Sequential) model.inputScaling(InputScaling.meanImage(mean));
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void eightThreadsSharingOneLoadedModelGetTheSerialOutputsBitForBit() throws Exception {
        Path file = dir.resolve("model.safetensors");
        model().save(file);
        Model shared = Model.load(file);

        SplittableRandom random = new SplittableRandom(4);
        List<Tensor> batches = new ArrayList<>();
        List<float[]> images = new ArrayList<>();
        for (int n : BATCHES) {
            float[] values = new float[n * 32 * 32 * 3];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) random.nextDouble(-1, 1);
            }
            batches.add(Tensor.of(values, n, 32, 32, 3));
            float[] pixels = new float[32 * 32 * 3];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = random.nextInt(256);
            }
            images.add(pixels);
        }
        List<float[]> expectedBatches = new ArrayList<>();
        List<float[]> expectedImages = new ArrayList<>();
        for (int i = 0; i < BATCHES.length; i++) {
            expectedBatches.add(shared.predict(batches.get(i)).data().clone());
            expectedImages.add(shared.predictPixels(images.get(i)).clone());
        }

        ConcurrentLinkedQueue<String> mismatches = new ConcurrentLinkedQueue<>();
        CyclicBarrier start = new CyclicBarrier(THREADS);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                calls.add(pool.submit(() -> {
                    start.await();
                    int checked = 0;
                    for (int round = 0; round < ROUNDS; round++) {
                        // Each thread walks the inputs in its own order, so different sizes overlap.
                        int i = (round * 3 + thread * 5) % BATCHES.length;
                        float[] batchOut;
                        if (round % 2 == 0) {
                            try (NoGrad scope = NoGrad.enter()) {
                                batchOut = shared.predict(batches.get(i)).data();
                            }
                        } else {
                            batchOut = shared.predict(batches.get(i)).data();
                        }
                        float[] imageOut = shared.predictPixels(images.get(i));
                        if (!bitEqual(expectedBatches.get(i), batchOut)) {
                            mismatches.add("thread " + thread + " round " + round + ": predict of batch " + i);
                        }
                        if (!bitEqual(expectedImages.get(i), imageOut)) {
                            mismatches.add("thread " + thread + " round " + round + ": predictPixels of image " + i);
                        }
                        checked += 2;
                    }
                    return checked;
                }));
            }
            int checked = 0;
            for (Future<Integer> call : calls) {
                checked += call.get();
            }
            assertEquals(THREADS * ROUNDS * 2, checked);
        } finally {
            pool.shutdownNow();
        }
        assertTrue(mismatches.isEmpty(), mismatches.size() + " outputs differ from the serial ones, e.g. "
                + mismatches.stream().limit(5).toList());
    }

    private static boolean bitEqual(float[] expected, float[] actual) {
        if (expected.length != actual.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(actual[i])) {
                return false;
            }
        }
        return true;
    }
}

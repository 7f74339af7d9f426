package dev.fovea.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.kernel.Padding;
import dev.fovea.nn.Activation;
import dev.fovea.nn.ActivationFunction;
import dev.fovea.nn.AveragePooling2D;
import dev.fovea.nn.BatchNormalization;
import dev.fovea.nn.Conv2D;
import dev.fovea.nn.Dense;
import dev.fovea.nn.Dropout;
import dev.fovea.nn.Flatten;
import dev.fovea.nn.ForwardContext;
import dev.fovea.nn.Layer;
import dev.fovea.nn.MaxPooling2D;
import dev.fovea.tensor.InferenceArrays;
import dev.fovea.tensor.NoGrad;
import dev.fovea.tensor.Tensor;
import dev.fovea.testing.RandomData;
import dev.fovea.testing.TestOps;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SequentialTest {

    @Test
    void kerasFashionSummaryMatchesKeras() {
        String summary = BuiltinModels.create("keras-fashion", 28, 28, 1).summary();
        String expected = String.join("\n",
                "Model: \"sequential\"",
                "_".repeat(72),
                " Layer (type)                       Output Shape              Param #",
                "=".repeat(72),
                " conv2d (Conv2D)                    (None, 26, 26, 64)        640",
                "",
                " max_pooling2d (MaxPooling2D)       (None, 13, 13, 64)        0",
                "",
                " conv2d_1 (Conv2D)                  (None, 11, 11, 64)        36,928",
                "",
                " max_pooling2d_1 (MaxPooling2D)     (None, 5, 5, 64)          0",
                "",
                " flatten (Flatten)                  (None, 1600)              0",
                "",
                " dense (Dense)                      (None, 128)               204,928",
                "",
                " dense_1 (Dense)                    (None, 10)                1,290",
                "=".repeat(72),
                "Total params: 243,786",
                "Trainable params: 243,786",
                "Non-trainable params: 0",
                "_".repeat(72),
                "");
        assertEquals(expected, summary);
    }

    @Test
    void builtinModelsHaveTheirTutorialsParameterCounts() {
        // Counted by hand from the layer sizes: kernel + bias per layer.
        assertEquals(44_426, total(BuiltinModels.create("lenet5", 28, 28, 1)));
        assertEquals(832 + 51_264 + 3_212_288 + 10_250, total(BuiltinModels.create("tf-mnist", 28, 28, 1)));
        assertEquals(72 + 13 * 13 * 8 * 10 + 10, total(BuiltinModels.create("scratch-mnist", 28, 28, 1)));
    }

    @Test
    void aSummaryAllocatesNoWeights() {
        // On 2000x2000 images the first Dense kernel has 2.03 billion values (8 GB): printing the
        // summary must not allocate it (the tests run with a 4 GB heap).
        String summary = BuiltinModels.create("keras-fashion", 2000, 2000, 1).summary();
        assertTrue(summary.contains("(None, 15872256)"), summary);
        assertTrue(summary.contains("2,031,648,896"), summary);
    }

    @Test
    void aParameterTooLargeForOneArrayIsRejectedWhenTheLayerIsAdded() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BuiltinModels.create("keras-fashion", 3000, 3000, 1));
        assertTrue(e.getMessage().startsWith("layer dense (Dense): its kernel of shape"), e.getMessage());
    }

    @Test
    void frozenLayersCountAsNonTrainable() {
        Sequential model = BuiltinModels.create("keras-fashion", 28, 28, 1);
        model.layers().get(0).trainable(false);
        String summary = model.summary();
        assertTrue(summary.contains("Trainable params: 243,146"), summary);
        assertTrue(summary.contains("Non-trainable params: 640"), summary);
        assertEquals(6, model.trainableParameters().size());
    }

    @Test
    void unnamedLayersGetKerasNamesAndExplicitNamesMustBeUnique() {
        Sequential model = new Sequential(8, 8, 1);
        model.add(new Conv2D(2, 3, ActivationFunction.RELU).name("conv2d_1"));
        model.add(new Conv2D(2, 3, ActivationFunction.RELU), new Conv2D(2, 1, ActivationFunction.RELU));
        assertEquals(List.of("conv2d_1", "conv2d", "conv2d_2"),
                model.layers().stream().map(l -> l.name()).toList());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.add(new Flatten().name("conv2d")));
        assertTrue(e.getMessage().contains("already"), e.getMessage());
    }

    @Test
    void aShapeMistakeNamesTheLayerThatCausesIt() {
        Sequential model = new Sequential(28, 28, 1).add(new Conv2D(4, 3, ActivationFunction.RELU));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.add(new Dense(10)));
        assertTrue(e.getMessage().startsWith("layer dense (Dense)"), e.getMessage());
        assertTrue(e.getMessage().contains("Flatten"), e.getMessage());
        IllegalArgumentException tooSmall = assertThrows(IllegalArgumentException.class,
                () -> new Sequential(2, 2, 1).add(new Conv2D(1, 3, ActivationFunction.RELU)));
        assertTrue(tooSmall.getMessage().contains("does not fit"), tooSmall.getMessage());
    }

    @Test
    void forwardBeforeSoftmaxGivesTheLogitsOfTheSameForwardPass() {
        Sequential model = new Sequential(6, 6, 1).add(new Conv2D(2, 3, ActivationFunction.RELU), new MaxPooling2D(2),
                new Flatten(), new Dense(3, ActivationFunction.SOFTMAX));
        model.initialize(7);
        float[] pixels = new float[36];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (i * 37 % 11) / 11f;
        }
        Tensor x = Tensor.of(pixels, 1, 6, 6, 1);
        float[] probabilities = model.forward(x, ForwardContext.INFERENCE).data();
        float[] logits = model.forwardBefore(ActivationFunction.SOFTMAX, x, ForwardContext.INFERENCE).data();
        double sum = 0;
        for (float l : logits) {
            sum += Math.exp(l);
        }
        for (int k = 0; k < 3; k++) {
            assertEquals(Math.exp(logits[k]) / sum, probabilities[k], 1e-6);
        }
        // A model not ending in the fused activation is returned unchanged.
        assertEquals(probabilities[0],
                model.forwardBefore(ActivationFunction.SIGMOID, x, ForwardContext.INFERENCE).data()[0]);
    }

    @Test
    void inferenceReusingSpentArraysGivesWhatNewArraysGiveBatchAfterBatch() {
        // Every inference layer kind (the first two run as one op), so that a reused array that an op
        // failed to overwrite in full would show.
        Sequential model = new Sequential(8, 8, 2).add(new Conv2D(6, 3, 1, Padding.SAME, ActivationFunction.RELU),
                new MaxPooling2D(2), new BatchNormalization(), new Conv2D(5, 2, 1, Padding.VALID, ActivationFunction.TANH),
                new AveragePooling2D(2, 1, Padding.SAME), new Flatten(), new Dense(7, ActivationFunction.RELU),
                new Dropout(0.5f), new Dense(3), new Activation(ActivationFunction.SOFTMAX));
        model.initialize(5);
        SplittableRandom random = new SplittableRandom(6);
        List<Tensor> batches = List.of(images(random, 4), images(random, 4), images(random, 2), images(random, 4));
        List<float[]> fresh = new ArrayList<>();
        try (NoGrad scope = NoGrad.enter()) {
            for (Tensor batch : batches) {
                fresh.add(model.forward(batch, ForwardContext.INFERENCE).data());
            }
        }
        try (NoGrad scope = NoGrad.enter(); InferenceArrays arrays = InferenceArrays.enter()) {
            Set<float[]> outputArrays = Collections.newSetFromMap(new IdentityHashMap<>());
            for (int round = 0; round < 3; round++) {
                for (int b = 0; b < batches.size(); b++) {
                    Tensor out = model.forward(batches.get(b), ForwardContext.INFERENCE);
                    assertArrayEquals(fresh.get(b), out.data(), "round " + round + ", batch " + b);
                    if (out.dim(0) == 4) {
                        outputArrays.add(out.data());
                    }
                    InferenceArrays.release(out);
                }
            }
            // Nine outputs of 4 images: without reuse nine arrays; with it, the logits and the softmax
            // layers take turns with the two arrays of their size.
            assertEquals(2, outputArrays.size(), "arrays of the 4-image outputs");
        }
    }

    @Test
    void inferenceNeverReusesTheCallersInputEvenThroughAReshape() {
        Sequential model = new Sequential(2, 2, 1).add(new Flatten(), new Dense(4), new Dense(4));
        model.initialize(3);
        float[] values = {1f, -2f, 0.5f, 3f};
        Tensor input = Tensor.of(values.clone(), 1, 2, 2, 1);
        try (NoGrad scope = NoGrad.enter(); InferenceArrays arrays = InferenceArrays.enter()) {
            Tensor first = model.forward(input, ForwardContext.INFERENCE);
            model.forward(Tensor.of(new float[] {9f, 9f, 9f, 9f}, 1, 2, 2, 1), ForwardContext.INFERENCE);
            assertArrayEquals(values, input.data(), "the input's array was handed to an op");
            assertArrayEquals(model.forward(input, ForwardContext.INFERENCE).data(), first.data());
        }
    }

    @Test
    void aReluConvolutionThenMaxPoolingGivesWhatTheTwoLayersGiveOneByOne() {
        // The first pair runs as one op (ConvOps.conv2dReluMaxPool); the tanh convolution and its pooling do not.
        Sequential model = new Sequential(12, 12, 2).add(new Conv2D(4, 3, ActivationFunction.RELU), new MaxPooling2D(2),
                new Conv2D(3, 2, ActivationFunction.TANH), new MaxPooling2D(2), new Flatten(),
                new Dense(3, ActivationFunction.SOFTMAX));
        model.initialize(8);
        Tensor x = Tensor.of(RandomData.uniform(new SplittableRandom(9), 2 * 12 * 12 * 2, -1, 1), 2, 12, 12, 2);
        float[] r = RandomData.uniform(new SplittableRandom(10), 2 * 3, 0.5, 1.5);

        Tensor fused = model.forward(x, ForwardContext.INFERENCE);
        float[] fusedOutputs = fused.data().clone(); // the layers reuse their arrays in the next forward
        TestOps.weightedSum(fused, r).backward();
        List<float[]> fusedGradients = new ArrayList<>();
        for (Tensor p : model.parameters()) {
            fusedGradients.add(p.grad().clone());
            p.zeroGrad();
        }
        Tensor h = x;
        for (Layer layer : model.layers()) {
            h = layer.forward(h, ForwardContext.INFERENCE);
        }
        assertArrayEquals(fusedOutputs, h.data(), "outputs");
        TestOps.weightedSum(h, r).backward();
        for (int i = 0; i < fusedGradients.size(); i++) {
            assertArrayEquals(model.parameters().get(i).grad(), fusedGradients.get(i), "gradient of parameter " + i);
        }
    }

    private static Tensor images(SplittableRandom random, int count) {
        return Tensor.of(RandomData.uniform(random, count * 8 * 8 * 2, -1, 1), count, 8, 8, 2);
    }

    private static long total(Model model) {
        return model.layers().stream().mapToLong(l -> l.parameterCount()).sum();
    }
}

package dev.fovea.model;

import static dev.fovea.nn.ActivationFunction.LINEAR;
import static dev.fovea.nn.ActivationFunction.RELU;
import static dev.fovea.nn.ActivationFunction.SOFTMAX;
import static dev.fovea.nn.ActivationFunction.TANH;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.kernel.Padding;
import dev.fovea.nn.Activation;
import dev.fovea.nn.ActivationFunction;
import dev.fovea.nn.Add;
import dev.fovea.nn.Concatenate;
import dev.fovea.nn.Conv2D;
import dev.fovea.nn.Dense;
import dev.fovea.nn.Flatten;
import dev.fovea.nn.ForwardContext;
import dev.fovea.nn.GlobalAveragePooling2D;
import dev.fovea.nn.Layer;
import dev.fovea.nn.Loss;
import dev.fovea.nn.Node;
import dev.fovea.ops.ActivationOps;
import dev.fovea.ops.ConvOps;
import dev.fovea.ops.DenseOps;
import dev.fovea.ops.MergeOps;
import dev.fovea.ops.PoolOps;
import dev.fovea.tensor.InferenceArrays;
import dev.fovea.tensor.NoGrad;
import dev.fovea.tensor.Tensor;
import dev.fovea.testing.GradientCheck;
import dev.fovea.testing.RandomData;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GraphModelTest {
    /** Stem conv, one residual block with a projection shortcut (stride 2, 4 -> 8 channels), pooling, softmax. */
    static GraphModel smallResidualModel() {
        Node in = Node.input(8, 8, 1);
        Node stem = new Conv2D(4, 3, 1, Padding.SAME, RELU).apply(in);
        Node block = ResidualBlock.basic(stem, 8, 2);
        Node out = new Dense(3, SOFTMAX).apply(new GlobalAveragePooling2D().apply(block));
        return GraphModel.of(in, out);
    }

    private static Tensor images(int count, long seed) {
        return Tensor.of(RandomData.uniform(new SplittableRandom(seed), count * 64, -1, 1), count, 8, 8, 1);
    }

    private static Tensor kernel(GraphModel model, String layer) {
        return model.namedParameters().get(layer + "/kernel");
    }

    private static Tensor bias(GraphModel model, String layer) {
        return model.namedParameters().get(layer + "/bias");
    }

    @Test
    void runsItsLayersAsTheHandWrittenComposition() {
        GraphModel model = smallResidualModel();
        model.initialize(3);
        Tensor x = images(2, 1);
        Tensor stem = ActivationOps.relu(ConvOps.conv2d(x, kernel(model, "conv2d"), bias(model, "conv2d"), 1, 1,
                Padding.SAME));
        Tensor main = ActivationOps.relu(ConvOps.conv2d(stem, kernel(model, "conv2d_1"), bias(model, "conv2d_1"), 2, 2,
                Padding.SAME));
        main = ConvOps.conv2d(main, kernel(model, "conv2d_2"), bias(model, "conv2d_2"), 1, 1, Padding.SAME);
        Tensor shortcut = ConvOps.conv2d(stem, kernel(model, "conv2d_3"), bias(model, "conv2d_3"), 2, 2, Padding.SAME);
        Tensor block = ActivationOps.relu(MergeOps.add(List.of(main, shortcut)));
        Tensor logits = DenseOps.dense(PoolOps.globalAvgPool2d(block), kernel(model, "dense"), bias(model, "dense"));

        assertArrayEquals(ActivationOps.softmax(logits).data(), model.predict(x).data());
        assertArrayEquals(logits.data(), model.forwardBefore(SOFTMAX, x, ForwardContext.INFERENCE).data(),
                "the final softmax is left out for a loss that fuses it");
        assertArrayEquals(model.predict(x).data(), model.forwardBefore(ActivationFunction.SIGMOID, x,
                ForwardContext.INFERENCE).data(), "an activation the model does not end in is kept");
    }

    @Test
    void listsItsLayersNodesAndShapes() {
        GraphModel model = smallResidualModel();
        assertEquals(List.of("conv2d", "conv2d_1", "conv2d_2", "conv2d_3", "add", "activation",
                "global_average_pooling2d", "dense"), model.layers().stream().map(Layer::name).toList());
        assertEquals(model.layers(), model.nodes().stream().map(Node::layer).toList());
        assertSame(model.nodes().get(7), model.output());
        assertArrayEquals(new int[] {8, 8, 1}, model.inputShape());
        assertArrayEquals(new int[] {3}, model.outputShape());
        assertEquals("model", model.modelName());
        assertEquals(40 + 296 + 584 + 40 + 27, model.parameters().stream().mapToInt(Tensor::size).sum());
    }

    @Test
    void summaryShowsWhatEachLayerIsConnectedTo() {
        GraphModel model = smallResidualModel();
        model.layers().get(0).trainable(false);
        String expected = String.join("\n",
                "Model: \"model\"",
                "_".repeat(98),
                " Layer (type)                       Output Shape              Param #   Connected to",
                "=".repeat(98),
                " input_1 (InputLayer)               (None, 8, 8, 1)           0",
                "",
                " conv2d (Conv2D)                    (None, 8, 8, 4)           40        input_1[0][0]",
                "",
                " conv2d_1 (Conv2D)                  (None, 4, 4, 8)           296       conv2d[0][0]",
                "",
                " conv2d_2 (Conv2D)                  (None, 4, 4, 8)           584       conv2d_1[0][0]",
                "",
                " conv2d_3 (Conv2D)                  (None, 4, 4, 8)           40        conv2d[0][0]",
                "",
                " add (Add)                          (None, 4, 4, 8)           0         conv2d_2[0][0]",
                "                                                                        conv2d_3[0][0]",
                "",
                " activation (Activation)            (None, 4, 4, 8)           0         add[0][0]",
                "",
                " global_average_pooling2d (GlobalAveragePooling2D) (None, 8)                 0         activation[0][0]",
                "",
                " dense (Dense)                      (None, 3)                 27        global_average_pooling2d[0][0]",
                "=".repeat(98),
                "Total params: 987",
                "Trainable params: 947",
                "Non-trainable params: 40",
                "_".repeat(98),
                "");
        assertEquals(expected, model.summary());
    }

    @Test
    void aSharedLayerIsListedOnceWithEveryNodeItReads() {
        Node in = Node.input(3);
        Dense shared = new Dense(3, TANH);
        Node once = shared.apply(in);
        Node twice = shared.apply(once);
        GraphModel model = GraphModel.of(in, new Dense(2).apply(new Concatenate().apply(once, twice)));
        assertEquals(List.of("dense", "concatenate", "dense_1"), model.layers().stream().map(Layer::name).toList());
        assertEquals(0, model.nodeIndex(once));
        assertEquals(1, model.nodeIndex(twice));
        String summary = model.summary();
        assertTrue(summary.contains(" dense (Dense)                      (None, 3)                 12        input_1[0][0]\n"
                + " ".repeat(72) + "dense[0][0]\n"), summary);
        assertTrue(summary.contains("0         dense[0][0]\n" + " ".repeat(72) + "dense[1][0]\n"), summary);
        assertTrue(summary.contains("Total params: 26\n"), summary); // 12 once, not twice, + 6 * 2 + 2
    }

    @Test
    void gradientsFlowThroughTheResidualConnectionAndTheMainPath() {
        // tanh everywhere: no kink for the finite differences to straddle.
        Node in = Node.input(4, 4, 1);
        Node main = new Conv2D(2, 3, 1, Padding.SAME, TANH).apply(in);
        main = new Conv2D(1, 3, 1, Padding.SAME, LINEAR).apply(main);
        Node sum = new Activation(TANH).apply(new Add().apply(main, in));
        GraphModel model = GraphModel.of(in, new Dense(2).apply(new Flatten().apply(sum)));
        model.initialize(7);
        Tensor x = Tensor.parameter(RandomData.uniform(new SplittableRandom(2), 2 * 16, -1, 1), 2, 4, 4, 1);
        Tensor[] checked = model.parameters().toArray(Tensor[]::new);
        Tensor[] withInput = java.util.Arrays.copyOf(checked, checked.length + 1);
        withInput[checked.length] = x;
        GradientCheck.assertGradients("residual graph", () -> model.forward(x, ForwardContext.INFERENCE), withInput);
    }

    @Test
    void aSharedLayersGradientIsTheSumOverItsApplications() {
        Node in = Node.input(3);
        Dense shared = new Dense(3, TANH);
        GraphModel model = GraphModel.of(in, new Dense(2).apply(shared.apply(shared.apply(in))));
        model.initialize(4);
        Tensor x = Tensor.parameter(RandomData.uniform(new SplittableRandom(5), 6, -1, 1), 2, 3);
        GradientCheck.assertGradients("shared dense", () -> model.forward(x, ForwardContext.INFERENCE),
                shared.parameters().get("kernel"), shared.parameters().get("bias"), x);
        assertEquals(List.of(shared.parameters().get("kernel"), shared.parameters().get("bias"),
                model.namedParameters().get("dense_1/kernel"), model.namedParameters().get("dense_1/bias")),
                model.trainableParameters(), "each parameter once");
    }

    /**
     * Three steps of training let every layer's workspace reuse its arrays (the shared layer's two
     * applications and the fan-out of the stem included); the fourth step's loss and gradients must
     * be those of a fresh copy of the model, which reuses nothing.
     */
    @Test
    void reusedArraysGiveTheGradientsOfAFreshModel() {
        GraphModel trained = sharedResidualModel();
        trained.initialize(9);
        List<Tensor> parameters = trained.trainableParameters();
        int[] labels = {0, 2, 1};
        for (int step = 0; step < 3; step++) {
            parameters.forEach(Tensor::zeroGrad);
            Loss.sparseCategoricalCrossentropy().compute(trained.forwardBefore(SOFTMAX, images(3, step),
                    ForwardContext.INFERENCE), labels).backward();
            for (Tensor p : parameters) {
                float[] g = p.grad();
                float[] w = p.data();
                for (int i = 0; i < w.length; i++) {
                    w[i] -= 0.1f * g[i];
                }
            }
        }
        GraphModel fresh = sharedResidualModel();
        trained.namedParameters().forEach((name, p) ->
                System.arraycopy(p.data(), 0, fresh.namedParameters().get(name).data(), 0, p.size()));
        float[] losses = new float[2];
        int m = 0;
        for (GraphModel model : List.of(trained, fresh)) {
            model.trainableParameters().forEach(Tensor::zeroGrad);
            Tensor loss = Loss.sparseCategoricalCrossentropy().compute(model.forwardBefore(SOFTMAX, images(3, 9),
                    ForwardContext.INFERENCE), labels);
            loss.backward();
            losses[m++] = loss.item();
        }
        assertEquals(losses[1], losses[0]);
        Map<String, Tensor> expected = fresh.namedParameters();
        trained.namedParameters().forEach((name, p) -> assertArrayEquals(expected.get(name).grad(), p.grad(), name));
    }

    /** A residual block whose second convolution is applied twice (shared weights). */
    private static GraphModel sharedResidualModel() {
        Node in = Node.input(8, 8, 1);
        Node stem = new Conv2D(3, 3, 1, Padding.SAME, RELU).apply(in);
        Conv2D shared = new Conv2D(3, 3, 1, Padding.SAME, RELU);
        Node twice = shared.apply(shared.apply(stem));
        Node block = new Activation(RELU).apply(new Add().apply(twice, stem));
        return GraphModel.of(in, new Dense(3, SOFTMAX).apply(new Flatten().apply(block)));
    }

    @Test
    void aModelUpToAnInnerNodeSharesItsLayers() {
        Node in = Node.input(8, 8, 1);
        Node features = new GlobalAveragePooling2D().apply(ResidualBlock.basic(
                new Conv2D(4, 3, 1, Padding.SAME, RELU).apply(in), 4, 1));
        GraphModel classifier = GraphModel.of(in, new Dense(3, SOFTMAX).apply(features));
        GraphModel extractor = GraphModel.of(in, features);
        classifier.initialize(1);
        assertEquals(classifier.layers().subList(0, classifier.layers().size() - 1), extractor.layers());
        Tensor x = images(2, 3);
        Tensor pooled = extractor.predict(x);
        Tensor head = DenseOps.dense(pooled, kernel(classifier, "dense"), bias(classifier, "dense"));
        assertArrayEquals(ActivationOps.softmax(head).data(), classifier.predict(x).data());
    }

    @Test
    void refusesAnOutputNotComputedFromItsInput() {
        Node in = Node.input(4);
        Node out = new Dense(2).apply(in);
        IllegalArgumentException notInput = assertThrows(IllegalArgumentException.class, () -> GraphModel.of(out, out));
        assertTrue(notInput.getMessage().contains("starts at an input node"), notInput.getMessage());
        IllegalArgumentException noLayer = assertThrows(IllegalArgumentException.class, () -> GraphModel.of(in, in));
        assertTrue(noLayer.getMessage().contains("no layer"), noLayer.getMessage());
        Node other = Node.input(4);
        IllegalArgumentException elsewhere = assertThrows(IllegalArgumentException.class, () -> GraphModel.of(other, out));
        assertTrue(elsewhere.getMessage().contains("is computed from another input than input_1 (4,)"), elsewhere.getMessage());
    }

    @Test
    void aVeryDeepGraphNeedsNoDeepCallStack() {
        Node in = Node.input(2);
        Node x = in;
        for (int i = 0; i < 10_000; i++) {
            x = new Activation(LINEAR).apply(x);
        }
        GraphModel model = GraphModel.of(in, new Add().apply(x, in));
        assertEquals(10_001, model.layers().size());
        Tensor input = Tensor.parameter(new float[] {1, -2}, 1, 2);
        Tensor y = model.forward(input, ForwardContext.INFERENCE);
        assertArrayEquals(new float[] {2, -4}, y.data());
        dev.fovea.testing.TestOps.weightedSum(y, new float[] {1, 1}).backward();
        assertArrayEquals(new float[] {2, 2}, input.grad());
        assertNotEquals(0, model.summary().length());
    }

    @Test
    void inferenceReusesNoArrayThatALaterLayerStillReadsThroughAReshape() {
        // Running order: conv, flat, once, twice, flatten of twice, dense, concatenation. conv's last
        // reader is once, but its array lives on in flat, which dense and the concatenation read later;
        // twice, made in between, takes an array of conv's size.
        Node in = Node.input(4, 4, 1);
        Node conv = new Conv2D(2, 3, 1, Padding.SAME, RELU).apply(in);
        Node flat = new Flatten().apply(conv);
        Node once = new Activation(TANH).apply(conv);
        Node twice = new Activation(TANH).apply(once);
        Node dense = new Dense(3).apply(flat);
        GraphModel model = GraphModel.of(in, new Concatenate().apply(flat, new Flatten().apply(twice), dense));
        model.initialize(4);
        Tensor x = Tensor.of(RandomData.uniform(new SplittableRandom(2), 2 * 16, -1, 1), 2, 4, 4, 1);
        float[] fresh;
        try (NoGrad scope = NoGrad.enter()) {
            fresh = model.forward(x, ForwardContext.INFERENCE).data();
        }
        try (NoGrad scope = NoGrad.enter(); InferenceArrays arrays = InferenceArrays.enter()) {
            for (int round = 0; round < 3; round++) {
                Tensor out = model.forward(x, ForwardContext.INFERENCE);
                assertArrayEquals(fresh, out.data(), "round " + round);
                InferenceArrays.release(out);
            }
        }
    }

    @Test
    void residualInferenceReusingSpentArraysGivesWhatNewArraysGive() {
        GraphModel model = smallResidualModel();
        model.initialize(3);
        List<Tensor> batches = List.of(images(3, 1), images(3, 2), images(1, 3));
        float[][] fresh = new float[batches.size()][];
        try (NoGrad scope = NoGrad.enter()) {
            for (int b = 0; b < batches.size(); b++) {
                fresh[b] = model.forward(batches.get(b), ForwardContext.INFERENCE).data();
            }
        }
        try (NoGrad scope = NoGrad.enter(); InferenceArrays arrays = InferenceArrays.enter()) {
            for (int round = 0; round < 3; round++) {
                for (int b = 0; b < batches.size(); b++) {
                    Tensor out = model.forward(batches.get(b), ForwardContext.INFERENCE);
                    assertArrayEquals(fresh[b], out.data(), "round " + round + ", batch " + b);
                    InferenceArrays.release(out);
                }
            }
        }
    }
}

package dev.fovea.onnx;

import static dev.fovea.onnx.TestGraphs.node;
import static dev.fovea.onnx.TestGraphs.random;
import static dev.fovea.onnx.TestGraphs.value;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.data.ImageDataset;
import dev.fovea.data.InputScaling;
import dev.fovea.model.BuiltinModels;
import dev.fovea.model.GraphModel;
import dev.fovea.model.Model;
import dev.fovea.model.Sequential;
import dev.fovea.nn.Activation;
import dev.fovea.nn.ActivationFunction;
import dev.fovea.nn.BatchNormalization;
import dev.fovea.nn.Dense;
import dev.fovea.nn.Dropout;
import dev.fovea.nn.Flatten;
import dev.fovea.nn.Layer;
import dev.fovea.nn.Loss;
import dev.fovea.nn.Node;
import dev.fovea.optim.Sgd;
import dev.fovea.tensor.Tensor;
import dev.fovea.testing.Approx;
import dev.fovea.train.FitOptions;
import dev.fovea.train.History;
import dev.fovea.train.Metric;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class OnnxImportTest {
    @TempDir
    Path dir;

    static Stream<String> variantNames() {
        return VariantModels.all().keySet().stream();
    }

    @ParameterizedTest
    @MethodSource("variantNames")
    void exportedVariantReadsBackWithItsLayersWeightsAndScaling(String name) {
        assertRoundTrip(VariantModels.create(name, 21), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"keras-fashion", "tf-mnist", "scratch-mnist", "cifar-lenet"})
    void exportedBuiltinModelReadsBack(String name) {
        Sequential model = BuiltinModels.create(name, BuiltinModels.entry(name).inputShape());
        model.initialize(5);
        model.classNames(List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j"));
        assertRoundTrip(VariantModels.randomBiases(model, 5), name);
    }

    @Test
    void exportedResnetReadsBackAsAGraphModel() {
        Model model = BuiltinModels.create("resnet", 28, 28, 1);
        model.initialize(6);
        VariantModels.randomBatchNormalization(model, 6);
        model.inputScaling(InputScaling.standardize(new float[] {72f}, new float[] {90f}));
        VariantModels.calibrateBatchNormalization((GraphModel) model, Outputs.randomPixels(2, 4, model.inputShape()), 4);
        assertRoundTrip(model, "resnet");
        GraphModel back = OnnxImport.read(dir.resolve("resnet.onnx"));
        assertEquals(connections((GraphModel) model), connections(back), "the same graph");
    }

    @Test
    void exportedGraphWithConcatenationsAndSharedLayersReadsBackWithTheLayersShared() {
        GraphModel model = VariantModels.randomBiases(VariantModels.concatenationsSumsAndSharedLayers(), 3);
        assertRoundTrip(model, "graph-concatenate-shared");
        GraphModel back = OnnxImport.read(dir.resolve("graph-concatenate-shared.onnx"));
        assertEquals(connections(model), connections(back), "the same graph");
        assertEquals(model.nodes().size() - 2, back.layers().size(), "two layers are applied twice, in both");
    }

    /** For each node, its layer's type and the positions of the nodes it reads (-1 the input). */
    private static List<String> connections(GraphModel model) {
        List<Node> nodes = model.nodes();
        List<String> connections = new ArrayList<>();
        for (Node node : nodes) {
            connections.add(node.layer().typeName() + " <- "
                    + node.inputs().stream().map(nodes::indexOf).toList());
        }
        return connections;
    }

    /** A residual connection from elsewhere: the Add of a Conv's Relu output and the NCHW input. */
    @Test
    void residualGraphBecomesAGraphModelThatComputesAsOnnxRuntime() {
        SplittableRandom random = new SplittableRandom(17);
        ModelProto proto = TestGraphs.model(13, value("x", -1, 3, 5, 4), value("out", -1, 3, 5, 4), List.of(
                node("conv", "Conv", List.of("x", "w", "b"), AttributeProto.ofInts("pads", 1, 1, 1, 1)),
                node("relu", "Relu", List.of("conv")),
                node("sum", "Add", List.of("relu", "x")),
                node("cat", "Concat", List.of("sum", "relu"), AttributeProto.ofInt("axis", 1)),
                node("out", "Conv", List.of("cat", "w2"))), List.of(
                random("w", random, 0.5, 3, 3, 3, 3), random("b", random, 0.5, 3),
                random("w2", random, 0.5, 3, 6, 1, 1)));
        Path file = TestGraphs.write(proto, dir.resolve("residual.onnx"));
        GraphModel model = OnnxImport.read(file);
        assertEquals(List.of("Conv2D <- [-1]", "Add <- [0, -1]", "Concatenate <- [1, 0]", "Conv2D <- [2]"),
                connections(model));
        float[] nchw = new float[2 * 3 * 5 * 4];
        for (int i = 0; i < nchw.length; i++) {
            nchw[i] = (float) random.nextDouble();
        }
        OnnxRuntimeRunner.Output expected = OnnxRuntimeRunner.run(file, nchw, 2, 3, 5, 4);
        float[] pixels = Outputs.toNhwc(nchw, new int[] {2, 3, 5, 4});
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] *= 255;
        }
        Outputs.assertMatch("residual", Outputs.toNhwc(expected.values(), new int[] {2, 3, 5, 4}),
                Outputs.predictEach(model, pixels, 2));
    }

    /**
     * The same steps, weights, scaling, class names and outputs. Steps, not layers: the export leaves
     * Dropout out, and the import makes an Activation layer after a linear Conv2D or Dense that
     * layer's activation. ONNX has no place for the kernel initializer, which only matters before
     * training starts.
     */
    private void assertRoundTrip(Model model, String name) {
        Path file = dir.resolve(name + ".onnx");
        OnnxExport.write(model, file);
        Model back = OnnxImport.read(file);

        assertEquals(steps(model), steps(back), name);
        List<Layer> weighted = withWeights(model);
        List<Layer> weightedBack = withWeights(back);
        assertEquals(weighted.size(), weightedBack.size(), name);
        for (int i = 0; i < weighted.size(); i++) {
            Layer a = weighted.get(i);
            for (String p : a.parameters().keySet()) {
                assertArrayEquals(a.parameters().get(p).data(), weightedBack.get(i).parameters().get(p).data(),
                        name + " " + a.name() + "/" + p);
            }
        }
        assertEquals(model.inputScaling().kind(), back.inputScaling().kind());
        assertArrayEquals(model.inputScaling().meanImage(), back.inputScaling().meanImage());
        assertArrayEquals(model.inputScaling().channelMean(), back.inputScaling().channelMean());
        assertEquals(model.classNames(), back.classNames());
        float[] pixels = Outputs.randomPixels(9, 2, model.inputShape());
        Approx.assertClose(name, Outputs.predictEach(model, pixels, 2), Outputs.predictEach(back, pixels, 2), 1e-6, 1e-5);
    }

    /** Each layer's type and settings, its activation as a step of its own; Dropout left out. */
    private static List<String> steps(Model model) {
        List<String> steps = new ArrayList<>();
        for (Layer layer : model.layers()) {
            if (layer instanceof Dropout) {
                continue;
            }
            Map<String, Object> config = new TreeMap<>(layer.config());
            config.remove("kernel_initializer");
            Object activation = config.remove("activation");
            if (Integer.valueOf(1).equals(config.get("kernel_size"))) {
                // A 1x1 window is never padded: SAME is VALID, and ONNX's zero pads read back as VALID.
                config.put("padding", "valid");
            }
            if (!(layer instanceof Activation)) {
                steps.add(layer.typeName() + " " + config);
            }
            if (activation != null && !activation.equals("linear")) {
                steps.add("activation " + activation);
            }
        }
        return steps;
    }

    private static List<Layer> withWeights(Model model) {
        return model.layers().stream().filter(l -> !l.parameters().isEmpty()).toList();
    }

    @Test
    void batchNormalizationIsFoldedAndMatMulWithAddIsADenseLayer() {
        SplittableRandom r = new SplittableRandom(1);
        List<TensorProto> weights = List.of(random("w1", r, 0.5, 6, 3, 3, 3), random("gamma", r, 1, 6),
                random("beta", r, 1, 6), random("mean", r, 0.3, 6), positive("var", r, 6),
                random("w2", r, 0.7, 6, 4), random("b2", r, 0.5, 4));
        ModelProto model = TestGraphs.model(13, value("x", -1, 3, 8, 8), value("sm", -1, 4), List.of(
                node("conv", "Conv", List.of("x", "w1"), AttributeProto.ofInts("pads", 1, 1, 1, 1)),
                node("bn", "BatchNormalization", List.of("conv", "gamma", "beta", "mean", "var"),
                        AttributeProto.ofFloat("epsilon", 1e-3f)),
                node("relu", "Relu", List.of("bn")),
                node("gap", "GlobalAveragePool", List.of("relu")),
                node("flat", "Flatten", List.of("gap")),
                node("mm", "MatMul", List.of("flat", "w2")),
                node("add", "Add", List.of("mm", "b2")),
                node("sm", "Softmax", List.of("add"), AttributeProto.ofInt("axis", 1))), weights);
        Sequential imported = assertMatchesOnnxRuntime(model, "bn-matmul", false);
        assertEquals(List.of("Conv2D", "GlobalAveragePooling2D", "Dense"), types(imported));
    }

    /**
     * A BatchNormalization that does not follow a Conv or Gemm becomes a layer: at the start, after
     * pooling, and after a Flatten of NCHW values (whose per-feature statistics are put in Fovea's
     * feature order); the one right after the Conv is still folded.
     */
    @Test
    void batchNormalizationElsewhereThanAfterAConvIsALayer() {
        SplittableRandom r = new SplittableRandom(5);
        List<TensorProto> weights = new ArrayList<>();
        for (String[] bn : new String[][] {{"in", "3"}, {"conv", "4"}, {"pool", "4"}, {"flat", "36"}}) {
            int n = Integer.parseInt(bn[1]);
            weights.addAll(List.of(random(bn[0] + "_gamma", r, 1.5, n), random(bn[0] + "_beta", r, 0.5, n),
                    random(bn[0] + "_mean", r, 0.5, n), positive(bn[0] + "_var", r, n)));
        }
        weights.addAll(List.of(random("w", r, 0.5, 4, 3, 3, 3), random("fc", r, 0.3, 36, 5)));
        ModelProto model = TestGraphs.model(15, value("x", -1, 3, 6, 6), value("sm", -1, 5), List.of(
                batchNorm("bn_in", "x", "in"),
                node("conv", "Conv", List.of("bn_in", "w"), AttributeProto.ofInts("pads", 1, 1, 1, 1)),
                batchNorm("bn_conv", "conv", "conv"),
                node("relu", "Relu", List.of("bn_conv")),
                node("pool", "MaxPool", List.of("relu"), AttributeProto.ofInts("kernel_shape", 2, 2),
                        AttributeProto.ofInts("strides", 2, 2)),
                batchNorm("bn_pool", "pool", "pool"),
                node("flat", "Flatten", List.of("bn_pool")),
                batchNorm("bn_flat", "flat", "flat"),
                node("gemm", "Gemm", List.of("bn_flat", "fc")),
                node("sm", "Softmax", List.of("gemm"))), weights);
        Sequential imported = assertMatchesOnnxRuntime(model, "bn-layers", false);
        assertEquals(List.of("BatchNormalization", "Conv2D", "MaxPooling2D", "BatchNormalization", "Flatten",
                "BatchNormalization", "Dense"), types(imported));
        assertEquals(1e-5, imported.layers().get(0).config().get("epsilon"), "ONNX's default epsilon");
        assertEquals(0.9, imported.layers().get(0).config().get("momentum"), "ONNX's default momentum, as a decimal");
    }

    private static NodeProto batchNorm(String name, String input, String weights) {
        return node(name, "BatchNormalization", List.of(input, weights + "_gamma", weights + "_beta", weights + "_mean",
                weights + "_var"), AttributeProto.ofInt("training_mode", 0));
    }

    /** A layer without gamma or beta comes back with gamma 1 and beta 0, which compute the same. */
    @Test
    void exportedBatchNormalizationWithoutScaleOrCenterComesBackWithNeutralOnes() {
        Sequential model = new Sequential(6, 5, 2).add(new Flatten(), new Dense(4),
                new BatchNormalization(0.99, 1e-3, false, false), new Dense(2, ActivationFunction.SOFTMAX));
        model.initialize(4);
        VariantModels.randomBatchNormalization(model, 4);
        Path file = dir.resolve("partial.onnx");
        OnnxExport.write(model, file);
        Sequential back = OnnxImport.read(file);
        Map<String, Tensor> norm = back.layers().get(2).parameters();
        assertArrayEquals(new float[] {1, 1, 1, 1}, norm.get("gamma").data());
        assertArrayEquals(new float[4], norm.get("beta").data());
        assertArrayEquals(model.layers().get(2).parameters().get("moving_variance").data(),
                norm.get("moving_variance").data());
        float[] pixels = Outputs.randomPixels(3, 2, model.inputShape());
        Approx.assertClose("outputs", Outputs.predictEach(model, pixels, 2), Outputs.predictEach(back, pixels, 2),
                1e-6, 1e-5);
    }

    @Test
    void padAutoPadStridesReshapeAndScaledGemmMatchOnnxRuntime() {
        SplittableRandom r = new SplittableRandom(2);
        List<TensorProto> weights = List.of(TensorProto.ofLongs("pads", new long[] {0, 0, 1, 2, 0, 0, 2, 1}, 8),
                random("w", r, 0.5, 4, 2, 3, 3), random("b", r, 0.5, 4),
                TensorProto.ofLongs("shape", new long[] {0, -1}, 2),
                random("fc", r, 0.3, 5, 36), random("fc_bias", r, 0.5, 5));
        ModelProto model = TestGraphs.model(13, value("x", -1, 2, 9, 9), value("sig", -1, 5), List.of(
                node("pad", "Pad", List.of("x", "pads")),
                node("conv", "Conv", List.of("pad", "w", "b"), AttributeProto.ofInts("strides", 2, 2)),
                node("lrelu", "LeakyRelu", List.of("conv"), AttributeProto.ofFloat("alpha", 0.05f)),
                node("avg", "AveragePool", List.of("lrelu"), AttributeProto.ofInts("kernel_shape", 3, 3),
                        AttributeProto.ofInts("strides", 2, 2), AttributeProto.ofString("auto_pad", "SAME_UPPER")),
                node("max", "MaxPool", List.of("avg"), AttributeProto.ofInts("kernel_shape", 2, 2),
                        AttributeProto.ofString("auto_pad", "SAME_LOWER")),
                node("reshape", "Reshape", List.of("max", "shape")),
                node("gemm", "Gemm", List.of("reshape", "fc", "fc_bias"), AttributeProto.ofInt("transB", 1),
                        AttributeProto.ofFloat("alpha", 0.5f), AttributeProto.ofFloat("beta", 2f)),
                node("sig", "Sigmoid", List.of("gemm"))), weights);
        Sequential imported = assertMatchesOnnxRuntime(model, "pads", false);
        assertEquals("1,2,2,1", imported.layers().get(0).config().get("padding"), "Pad folded into the Conv");
    }

    @Test
    void graphThatTransposesToNchwFirstTakesNhwcInput() {
        SplittableRandom r = new SplittableRandom(3);
        List<TensorProto> weights = List.of(random("w", r, 0.5, 3, 2, 3, 3), random("b", r, 0.5, 3),
                TensorProto.ofLongs("shape", new long[] {-1, 48}, 2), random("fc", r, 0.3, 48, 2));
        ModelProto model = TestGraphs.model(13, value("x", -1, 6, 6, 2), value("sm", -1, 2), List.of(
                node("to_nchw", "Transpose", List.of("x"), AttributeProto.ofInts("perm", 0, 3, 1, 2)),
                node("conv", "Conv", List.of("to_nchw", "w", "b")),
                node("relu", "Relu", List.of("conv")),
                node("to_nhwc", "Transpose", List.of("relu"), AttributeProto.ofInts("perm", 0, 2, 3, 1)),
                node("reshape", "Reshape", List.of("to_nhwc", "shape")),
                node("gemm", "Gemm", List.of("reshape", "fc")),
                node("sm", "Softmax", List.of("gemm"))), weights);
        Sequential imported = assertMatchesOnnxRuntime(model, "nhwc", true);
        assertArrayEquals(new int[] {6, 6, 2}, imported.inputShape());
    }

    /** Imports {@code model} and checks it against ONNX Runtime on a random batch of 2. */
    private Sequential assertMatchesOnnxRuntime(ModelProto model, String name, boolean nhwcInput) {
        Path file = TestGraphs.write(model, dir.resolve(name + ".onnx"));
        Sequential imported = OnnxImport.read(file);
        List<ValueInfoProto.Dim> dims = model.graph().inputs().get(0).dims();
        int[] onnxShape = {2, (int) dims.get(1).value(), (int) dims.get(2).value(), (int) dims.get(3).value()};
        SplittableRandom r = new SplittableRandom(4);
        float[] input = new float[onnxShape[1] * onnxShape[2] * onnxShape[3] * 2];
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) (r.nextDouble() * 2 - 1);
        }
        OnnxRuntimeRunner.Output expected = OnnxRuntimeRunner.run(file, input, 2, onnxShape[1], onnxShape[2], onnxShape[3]);
        float[] nhwc = nhwcInput ? input : Outputs.toNhwc(input, onnxShape);
        int[] in = imported.inputShape();
        Tensor out = imported.predict(Tensor.of(nhwc, 2, in[0], in[1], in[2]));
        Outputs.assertMatch(name, expected.values(), out.data());
        return imported;
    }

    @Test
    void importedModelsFineTune() throws Exception {
        Path exported = dir.resolve("fovea.onnx");
        Sequential fovea = BuiltinModels.create("keras-fashion", 28, 28, 1);
        fovea.initialize(3);
        OnnxExport.write(fovea, exported);
        for (Path file : List.of(exported, OnnxImportPyTorchTest.resource("mnist_cnn.onnx"))) {
            Sequential model = OnnxImport.read(file);
            float[] before = model.layers().get(0).parameters().get("kernel").data().clone();
            model.compile(new Sgd(0.05), Loss.sparseCategoricalCrossentropy(), Metric.ACCURACY);
            History history = model.fit(tinyDataset(), FitOptions.epochs(4).batchSize(4).seed(1));
            List<Double> losses = history.values("loss");
            assertTrue(losses.stream().allMatch(Double::isFinite), file + ": " + losses);
            assertTrue(losses.get(losses.size() - 1) < losses.get(0), file + ": the loss falls on 8 images: " + losses);
            assertFalse(Arrays.equals(before, model.layers().get(0).parameters().get("kernel").data()),
                    file + ": the first convolution was trained");
        }
    }

    /** 8 random 28x28x1 images with labels 0-3 of 10 classes. */
    private static ImageDataset tinyDataset() {
        SplittableRandom r = new SplittableRandom(8);
        byte[] pixels = new byte[8 * 28 * 28];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) r.nextInt(256);
        }
        int[] labels = {0, 1, 2, 3, 0, 1, 2, 3};
        List<String> classes = new ArrayList<>();
        for (int c = 0; c < 10; c++) {
            classes.add("class " + c);
        }
        return new ImageDataset("tiny", 28, 28, 1, pixels, labels, classes);
    }

    @Test
    void foreignModelGetsUnitScalingAndFoveaExportKeepsItsOwn() throws Exception {
        assertEquals(InputScaling.Kind.UNIT, OnnxImport.read(OnnxImportPyTorchTest.resource("gap_cnn.onnx"))
                .inputScaling().kind());
        Path file = dir.resolve("centered.onnx");
        OnnxExport.write(VariantModels.create("centered-scaling", 1), file);
        assertEquals(InputScaling.Kind.CENTERED, OnnxImport.read(file).inputScaling().kind());
    }

    private static List<String> types(Model model) {
        return model.layers().stream().map(Layer::typeName).toList();
    }

    private static TensorProto positive(String name, SplittableRandom r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = 0.5f + (float) r.nextDouble();
        }
        return TensorProto.ofFloats(name, v, n);
    }
}

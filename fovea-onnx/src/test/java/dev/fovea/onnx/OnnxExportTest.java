package dev.fovea.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.FoveaException;
import dev.fovea.data.InputScaling;
import dev.fovea.model.BuiltinModels;
import dev.fovea.model.GraphModel;
import dev.fovea.model.Model;
import dev.fovea.model.Sequential;
import dev.fovea.nn.Activation;
import dev.fovea.nn.ActivationFunction;
import dev.fovea.nn.BatchNormalization;
import dev.fovea.nn.Conv2D;
import dev.fovea.nn.Dense;
import dev.fovea.nn.Flatten;
import dev.fovea.nn.ForwardContext;
import dev.fovea.nn.Layer;
import dev.fovea.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OnnxExportTest {
    /**
     * The input shape each built-in model is exported at: its own where that is small or where the
     * issue asks for it (AlexNet at 227x227x3 with 1000 classes), a smaller one that its layers
     * allow otherwise, to keep the tests fast.
     */
    private static final Map<String, int[]> BUILTIN_SHAPES = Map.of(
            "keras-fashion", new int[] {28, 28, 1},
            "lenet5", new int[] {28, 28, 1},
            "tf-mnist", new int[] {28, 28, 1},
            "scratch-mnist", new int[] {28, 28, 1},
            "cifar-lenet", new int[] {32, 32, 3},
            "alexnet", new int[] {227, 227, 3},
            "binary-150", new int[] {64, 64, 3},
            "pets-4conv", new int[] {64, 64, 3},
            "resnet", new int[] {28, 28, 1});

    @TempDir
    Path dir;

    static Stream<String> builtinNames() {
        return BuiltinModels.names().stream();
    }

    static Stream<String> variantNames() {
        return VariantModels.all().keySet().stream();
    }

    @Test
    void everyBuiltinModelHasAnExportShape() {
        assertEquals(new TreeSet<>(BuiltinModels.names()), new TreeSet<>(BUILTIN_SHAPES.keySet()));
    }

    @ParameterizedTest
    @MethodSource("builtinNames")
    void builtinModelRunsInOnnxRuntimeAsInFovea(String name) {
        assertOnnxRuntimeMatches(trained(BuiltinModels.create(name, BUILTIN_SHAPES.get(name))), name);
    }

    /** The ResNet is for 28x28 and 32x32 images: on CIFAR-10's too. */
    @Test
    void resnetOnColourImagesRunsInOnnxRuntimeAsInFovea() {
        assertOnnxRuntimeMatches(trained(BuiltinModels.create("resnet", new int[] {32, 32, 3}, 10)), "resnet-32x32x3");
    }

    /**
     * A built-in model with weights as after training: random biases and normalisation parameters
     * (Fovea initialises them to zeros and the identity, where a mistake would not show), the input
     * scaling's statistics where it needs them, and in a graph model (the deep ResNet) moving
     * statistics measured on random images.
     */
    private static Model trained(Model model) {
        model.initialize(model.layers().size());
        VariantModels.randomBatchNormalization(VariantModels.randomBiases(model, 3), 4);
        if (model.inputScaling().needsStatistics()) {
            int[] shape = model.inputShape();
            model.inputScaling(model.inputScaling().kind() == InputScaling.Kind.STANDARDIZE
                    ? InputScaling.standardize(channelValues(shape[2], 90, 60, 5), channelValues(shape[2], 40, 30, 6))
                    : InputScaling.meanImage(meanImage(shape, 5)));
        }
        if (model instanceof GraphModel graph) {
            VariantModels.calibrateBatchNormalization(graph, Outputs.randomPixels(9, 4, model.inputShape()), 4);
        }
        return model;
    }

    private static float[] channelValues(int channels, float low, float range, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[channels];
        for (int i = 0; i < channels; i++) {
            values[i] = low + range * (float) random.nextDouble();
        }
        return values;
    }

    @ParameterizedTest
    @MethodSource("variantNames")
    void variantRunsInOnnxRuntimeAsInFovea(String name) {
        assertOnnxRuntimeMatches(VariantModels.create(name, 11), name);
    }

    @Test
    void graphWithConcatenationsSumsAndSharedLayersRunsInOnnxRuntimeAsInFovea() {
        GraphModel model = VariantModels.randomBiases(VariantModels.concatenationsSumsAndSharedLayers(), 8);
        assertOnnxRuntimeMatches(model, "graph-concatenate-shared");
    }

    @Test
    void sharedLayerHasItsWeightsOnceAndANodePerApplication() {
        GraphModel model = VariantModels.concatenationsSumsAndSharedLayers();
        GraphProto graph = OnnxExport.toProto(model).graph();
        Conv2D shared = (Conv2D) model.layers().stream().filter(l -> l.name().equals("shared_conv")).findFirst()
                .orElseThrow();
        List<NodeProto> readers = graph.nodes().stream().filter(n -> n.inputs().contains("shared_conv/kernel")).toList();
        assertEquals(List.of("shared_conv", "shared_conv_1"), readers.stream().map(NodeProto::name).toList());
        assertEquals(1, graph.initializers().stream().filter(t -> t.name().startsWith("shared_conv/kernel")).count());
        assertEquals(shared.parameterCount(), graph.initializers().stream()
                .filter(t -> t.name().startsWith("shared_conv/")).mapToLong(t -> t.floats().length).sum());
        assertEquals(List.of("Sum"), graph.nodes().stream().map(NodeProto::opType)
                .filter(op -> op.equals("Sum") || op.equals("Add")).toList(), "a sum of three inputs is one Sum");
    }

    /** Convolutions, additions and the classifier of a residual network all stay NCHW: one Transpose, at the start. */
    @Test
    void resnetIsTransposedOnceAndAddsItsShortcutsInNchw() {
        Model model = BuiltinModels.create("resnet", 28, 28, 1);
        model.initialize(1);
        model.inputScaling(InputScaling.standardize(new float[] {72f}, new float[] {90f}));
        GraphProto graph = OnnxExport.toProto(model).graph();
        Map<String, Long> ops = graph.nodes().stream()
                .collect(Collectors.groupingBy(NodeProto::opType, Collectors.counting()));
        assertEquals(1L, ops.get("Transpose"));
        assertEquals(9L, ops.get("Add"), "one per residual block");
        assertEquals(21L, ops.get("Conv"), "19 convolutions and 2 projection shortcuts");
        assertEquals(21L, ops.get("BatchNormalization"));
    }

    /** Exports, runs a batch of two random images in ONNX Runtime, and compares with predictPixels. */
    private void assertOnnxRuntimeMatches(Model model, String name) {
        Path file = dir.resolve(name + ".onnx");
        OnnxExport.write(model, file);
        int[] in = model.inputShape();
        float[] pixels = Outputs.randomPixels(name.length(), 2, in);
        OnnxRuntimeRunner.Output onnx = OnnxRuntimeRunner.run(file, pixels, Outputs.batchDims(2, in));
        float[] fovea = Outputs.predictEach(model, pixels, 2);
        assertArrayEquals(Outputs.batchDims(2, model.outputShape()), onnx.dims(), name + ": output dims");
        Outputs.assertMatch(name, fovea, onnx.values());
        int half = fovea.length / 2;
        assertFalse(Arrays.equals(Arrays.copyOf(fovea, half),
                Arrays.copyOfRange(fovea, half, fovea.length)), name + ": the two images give different outputs");
    }

    private static float[] meanImage(int[] shape, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] mean = new float[shape[0] * shape[1] * shape[2]];
        for (int i = 0; i < mean.length; i++) {
            mean[i] = 90 + 60 * (float) random.nextDouble();
        }
        return mean;
    }

    @Test
    void graphStartsWithTheScalingThenTransposesForConvolutionsAndBackBeforeFlatten() {
        Sequential model = new Sequential(6, 6, 1).add(new Conv2D(2, 3, ActivationFunction.RELU),
                new Flatten(), new Dense(2, ActivationFunction.SOFTMAX));
        model.initialize(1);
        GraphProto graph = OnnxExport.toProto(model).graph();
        List<String> ops = new ArrayList<>();
        for (NodeProto node : graph.nodes()) {
            ops.add(node.opType());
        }
        assertEquals(List.of("Mul", "Transpose", "Conv", "Relu", "Transpose", "Flatten", "Gemm", "Softmax"), ops);
        NodeProto conv = graph.nodes().get(2);
        TensorProto kernel = initializer(graph, conv.inputs().get(1));
        assertArrayEquals(new long[] {2, 1, 3, 3}, kernel.dims(), "conv weights are [F, C, KH, KW]");
        assertEquals("[N, 6, 6, 1]", graph.inputs().get(0).dims().toString(), "NHWC input, symbolic batch");
        assertEquals("[N, 2]", graph.outputs().get(0).dims().toString());
    }

    @Test
    void batchNormalizationIsAnInferenceNodeOverTheChannelsOfNchwImagesAndOverVectors() {
        Sequential model = new Sequential(6, 6, 2).add(new BatchNormalization(0.9, 1e-4, true, true),
                new Conv2D(2, 3, ActivationFunction.RELU), new Flatten(), new Dense(3), new BatchNormalization(),
                new Activation(ActivationFunction.SOFTMAX));
        model.initialize(1);
        GraphProto graph = OnnxExport.toProto(model).graph();
        List<String> ops = new ArrayList<>();
        for (NodeProto node : graph.nodes()) {
            ops.add(node.opType());
        }
        assertEquals(List.of("Mul", "Transpose", "BatchNormalization", "Conv", "Relu", "Transpose", "Flatten", "Gemm",
                "BatchNormalization", "Softmax"), ops);
        NodeProto first = graph.nodes().get(2);
        assertEquals(1e-4f, first.floatAttribute("epsilon", 0f));
        assertEquals(0.9f, first.floatAttribute("momentum", 0f));
        assertEquals(5, first.inputs().size(), "input, scale, bias, mean, variance");
        assertArrayEquals(new long[] {2}, initializer(graph, first.inputs().get(3)).dims(), "one mean per channel");
        assertEquals(1e-3f, graph.nodes().get(8).floatAttribute("epsilon", 0f), "Keras's default epsilon, not ONNX's");
    }

    @Test
    void batchNormalizationWithoutScaleOrCenterRunsInOnnxRuntimeAsInFovea() {
        Sequential model = new Sequential(7, 5, 3).add(new BatchNormalization(0.99, 1e-3, false, false),
                new Conv2D(4, 3, ActivationFunction.TANH), new BatchNormalization(0.99, 1e-2, true, false),
                new Flatten(), new Dense(3, ActivationFunction.LINEAR), new BatchNormalization(0.99, 1e-3, false, true));
        model.initialize(2);
        assertOnnxRuntimeMatches(VariantModels.randomBatchNormalization(model, 2), "batch-normalization-partial");
    }

    private static TensorProto initializer(GraphProto graph, String name) {
        return graph.initializers().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void modelWithoutScalingStatisticsIsRefused() {
        Sequential model = BuiltinModels.create("pets-4conv", 48, 48, 3);
        model.initialize(1);
        FoveaException e = assertThrows(FoveaException.class, () -> OnnxExport.write(model, dir.resolve("m.onnx")));
        assertTrue(e.getMessage().contains("mean_image input scaling has no statistics"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("m.onnx")));
    }

    @Test
    void unknownLayerIsRefusedByName() {
        Sequential model = new Sequential(4, 4, 1).add(new Flatten(), new Doubler());
        FoveaException e = assertThrows(FoveaException.class, () -> OnnxExport.write(model, dir.resolve("m.onnx")));
        assertTrue(e.getMessage().contains("doubler (Doubler)"), e.getMessage());
    }

    @Test
    void writeReplacesAFileAtomicallyAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("m.onnx");
        Files.writeString(file, "old content");
        Sequential model = VariantModels.create("dense-only", 1);
        OnnxExport.write(model, file);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
        assertEquals(model.summary(), OnnxImport.read(file).summary());
    }

    @Test
    void sameModelGivesTheSameBytes() throws IOException {
        OnnxExport.write(VariantModels.create("explicit-and-valid-padding", 4), dir.resolve("a.onnx"));
        OnnxExport.write(VariantModels.create("explicit-and-valid-padding", 4), dir.resolve("b.onnx"));
        assertArrayEquals(Files.readAllBytes(dir.resolve("a.onnx")), Files.readAllBytes(dir.resolve("b.onnx")));
    }

    /** A layer the export does not know. */
    private static final class Doubler extends Layer {
        @Override public String typeName() { return "Doubler"; }
        @Override public String baseName() { return "doubler"; }
        @Override protected int[] outputShape(int[] in) { return in; }
        @Override public Tensor forward(Tensor x, ForwardContext context) { return x; }
        @Override public Map<String, Object> config() { return Map.of(); }
    }
}

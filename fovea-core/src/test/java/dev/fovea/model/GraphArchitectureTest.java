package dev.fovea.model;

import static dev.fovea.nn.ActivationFunction.LINEAR;
import static dev.fovea.nn.ActivationFunction.RELU;
import static dev.fovea.nn.ActivationFunction.SOFTMAX;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.FoveaException;
import dev.fovea.data.InputScaling;
import dev.fovea.io.SafeTensors;
import dev.fovea.io.SafeTensorsFile;
import dev.fovea.io.TensorData;
import dev.fovea.kernel.Padding;
import dev.fovea.nn.Activation;
import dev.fovea.nn.Add;
import dev.fovea.nn.Concatenate;
import dev.fovea.nn.Conv2D;
import dev.fovea.nn.Dense;
import dev.fovea.nn.Dropout;
import dev.fovea.nn.Flatten;
import dev.fovea.nn.GlobalAveragePooling2D;
import dev.fovea.nn.Layer;
import dev.fovea.nn.Node;
import dev.fovea.tensor.Tensor;
import dev.fovea.testing.RandomData;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphArchitectureTest {
    @TempDir
    Path dir;

    /** Dense relu, dense, their sum, softmax: the smallest graph with a shortcut. */
    private static GraphModel tinyResidual() {
        Node in = Node.input(4);
        Node a = new Dense(3, RELU).apply(in);
        Node b = new Dense(3).apply(a);
        return GraphModel.of(in, new Dense(2, SOFTMAX).apply(new Add().apply(b, a)));
    }

    @Test
    void theArchitectureListsEveryLayersInboundNodes() {
        Path file = dir.resolve("tiny.safetensors");
        tinyResidual().initialize(1).save(file);
        String dense = "\"config\":{\"units\":%d,\"activation\":\"%s\",\"use_bias\":true,"
                + "\"kernel_initializer\":\"glorot_uniform\"}";
        String expected = "{\"class\":\"Functional\",\"input_shape\":[4],\"input_name\":\"input_1\",\"layers\":["
                + "{\"type\":\"Dense\",\"name\":\"dense\",\"trainable\":true," + dense.formatted(3, "relu")
                + ",\"inbound_nodes\":[[[\"input_1\",0,0]]]},"
                + "{\"type\":\"Dense\",\"name\":\"dense_1\",\"trainable\":true," + dense.formatted(3, "linear")
                + ",\"inbound_nodes\":[[[\"dense\",0,0]]]},"
                + "{\"type\":\"Add\",\"name\":\"add\",\"trainable\":true,\"config\":{},"
                + "\"inbound_nodes\":[[[\"dense_1\",0,0],[\"dense\",0,0]]]},"
                + "{\"type\":\"Dense\",\"name\":\"dense_2\",\"trainable\":true," + dense.formatted(2, "softmax")
                + ",\"inbound_nodes\":[[[\"add\",0,0]]]}],"
                + "\"output\":[\"dense_2\",0,0]}";
        assertEquals(expected, SafeTensors.read(file).metadata().get("architecture"));
    }

    /** A residual block, a concatenation, a shared layer, dropout, a frozen layer, mean-image scaling. */
    private static GraphModel everyFeatureModel() {
        Node in = Node.input("pixels", 6, 6, 2);
        Node stem = new Conv2D(3, 3, 1, Padding.SAME, RELU).apply(in);
        Node block = ResidualBlock.basic(stem, 4, 2);
        Conv2D shared = new Conv2D(4, 3, 1, Padding.SAME, RELU);
        Node twice = shared.apply(shared.apply(block));
        Node joined = new Concatenate().apply(block, twice, new Dropout(0.2f).apply(twice));
        GraphModel model = GraphModel.of(in, new Dense(3, SOFTMAX).apply(new GlobalAveragePooling2D().apply(joined)));
        model.layers().get(1).trainable(false);
        model.initialize(5);
        model.classNames(List.of("a", "b", "c"));
        model.inputScaling(InputScaling.meanImage(RandomData.uniform(new SplittableRandom(3), 72, 0, 255)));
        return model;
    }

    @Test
    void aGraphModelLoadsWithItsTopologyWeightsAndSettings() {
        GraphModel model = everyFeatureModel();
        Path file = dir.resolve("graph.safetensors");
        model.save(file);
        Model loaded = Model.load(file);
        assertInstanceOf(GraphModel.class, loaded);
        assertEquals(model.summary(), loaded.summary());
        assertEquals(model.layers().stream().map(Layer::trainable).toList(),
                loaded.layers().stream().map(Layer::trainable).toList());
        assertEquals(model.classNames(), loaded.classNames());
        assertArrayEquals(model.inputScaling().meanImage(), loaded.inputScaling().meanImage());
        Tensor images = Tensor.of(RandomData.uniform(new SplittableRandom(8), 3 * 72, -1, 1), 3, 6, 6, 2);
        assertArrayEquals(model.predict(images).data(), loaded.predict(images).data());
        float[] pixels = RandomData.uniform(new SplittableRandom(9), 72, 0, 255);
        assertArrayEquals(model.predictPixels(pixels), loaded.predictPixels(pixels));
    }

    @Test
    void aDeepGraphLoads() {
        Node in = Node.input(2);
        Node x = in;
        for (int i = 0; i < 10_000; i++) {
            x = new Activation(LINEAR).apply(x);
        }
        Path file = dir.resolve("deep.safetensors");
        GraphModel.of(in, new Dense(2).apply(x)).initialize(1).save(file);
        assertEquals(10_001, Model.load(file).layers().size());
    }

    @Test
    void aReferenceToNothingIsNamed() {
        assertInvalid(architecture -> architecture.replace("[[[\"dense\",0,0]]]", "[[[\"densest\",0,0]]]"),
                "node densest[0][0] names no layer of the model");
        assertInvalid(architecture -> architecture.replace("[[[\"dense\",0,0]]]", "[[[\"dense\",3,0]]]"),
                "node dense[3][0]: layer dense has 1 node(s)");
        assertInvalid(architecture -> architecture.replace("[[[\"dense\",0,0]]]", "[[[\"dense\",0,1]]]"),
                "tensor index 1");
        assertInvalid(architecture -> architecture.replace("[[[\"dense\",0,0]]]", "[[[\"dense\",-1,0]]]"),
                "layer dense_1: 'inbound_nodes': a node is [name, node index >= 0, tensor index]");
    }

    @Test
    void aCycleIsRefused() {
        assertInvalid(architecture -> architecture.replace("[[[\"input_1\",0,0]]]", "[[[\"add\",0,0]]]"),
                "depends on itself");
    }

    @Test
    void everyListedNodeMustLeadToTheOutput() {
        assertInvalid(architecture -> architecture.replace("\"output\":[\"dense_2\",0,0]", "\"output\":[\"add\",0,0]"),
                "1 of the nodes listed in 'inbound_nodes' do not lead to the output add[0][0]");
    }

    @Test
    void missingOrDuplicatedFieldsAreNamed() {
        assertInvalid(architecture -> architecture.replace(",\"inbound_nodes\":[[[\"add\",0,0]]]", ""),
                "layer dense_2: 'inbound_nodes' must be a non-empty list of nodes");
        assertInvalid(architecture -> architecture.replace("\"input_name\":\"input_1\"", "\"input_name\":7"),
                "'input_name' must be a non-empty string");
        assertInvalid(architecture -> architecture.replace("\"name\":\"dense_1\"", "\"name\":\"dense\""),
                "the name 'dense' is taken twice");
        assertInvalid(architecture -> architecture.replace("\"class\":\"Functional\"", "\"class\":\"Graph\""),
                "'class' is Graph, expected \"Sequential\" or \"Functional\"");
    }

    @Test
    void shapesThatNoLongerFitNameTheLayers() {
        Node in = Node.input(4, 4, 2);
        Node conv = new Conv2D(2, 3, 1, Padding.SAME, RELU).apply(in);
        GraphModel model = GraphModel.of(in, new Dense(2).apply(new Flatten().apply(new Add().apply(conv, in))));
        Path file = dir.resolve("conv.safetensors");
        model.initialize(2).save(file);
        // VALID padding keeps the kernel's shape but shrinks the conv's output, so the sum no longer fits.
        FoveaException e = assertThrows(FoveaException.class, () -> Model.load(rewrite(file,
                architecture -> architecture.replace("\"padding\":\"same\"", "\"padding\":\"valid\""))));
        assertTrue(e.getMessage().contains("metadata field 'architecture' is invalid: layer add (Add) applied to "
                + "conv2d (2, 2, 2) and input_1 (4, 4, 2): Add needs inputs of one shape"), e.getMessage());
        FoveaException kernel = assertThrows(FoveaException.class, () -> Model.load(rewrite(file,
                architecture -> architecture.replace("\"filters\":2", "\"filters\":3"))));
        assertTrue(kernel.getMessage().contains("tensor 'conv2d/kernel' has shape (3, 3, 2, 2), the architecture needs "
                + "(3, 3, 2, 3)"), kernel.getMessage());
    }

    /** Saves {@link #tinyResidual()}, changes its architecture, and checks loading names the fault. */
    private void assertInvalid(UnaryOperator<String> change, String fragment) {
        Path file = dir.resolve("tiny.safetensors");
        tinyResidual().initialize(1).save(file);
        Path changed = rewrite(file, change);
        FoveaException e = assertThrows(FoveaException.class, () -> Model.load(changed));
        assertTrue(e.getMessage().startsWith(changed + ": metadata field 'architecture' is invalid: "), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    private Path rewrite(Path file, UnaryOperator<String> architecture) {
        SafeTensorsFile content = SafeTensors.read(file);
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        for (String name : content.names()) {
            tensors.put(name, content.tensor(name));
        }
        Map<String, String> metadata = new LinkedHashMap<>(content.metadata());
        String changed = architecture.apply(metadata.get("architecture"));
        assertTrue(!changed.equals(metadata.get("architecture")), "the change must change something");
        metadata.put("architecture", changed);
        Path out = dir.resolve("changed.safetensors");
        SafeTensors.write(out, tensors, metadata);
        return out;
    }
}

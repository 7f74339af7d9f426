package dev.fovea.viz.tensorboard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fovea.io.Json;
import dev.fovea.kernel.Padding;
import dev.fovea.model.GraphModel;
import dev.fovea.model.Sequential;
import dev.fovea.nn.ActivationFunction;
import dev.fovea.nn.Add;
import dev.fovea.nn.Concatenate;
import dev.fovea.nn.Conv2D;
import dev.fovea.nn.Dense;
import dev.fovea.nn.Flatten;
import dev.fovea.nn.Layer;
import dev.fovea.nn.MaxPooling2D;
import dev.fovea.nn.Node;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NetworkGraphTest {
    @Test
    void anInputNodeThenOneNodePerLayerEachFedByThePrevious() {
        Sequential model = new Sequential(16, 16, 1).add(new Conv2D(8, 3, ActivationFunction.RELU),
                new MaxPooling2D(2), new Flatten(), new Dense(3, ActivationFunction.SOFTMAX));
        List<GraphNode> nodes = NetworkGraph.nodes(model);
        assertEquals(List.of("input", "conv2d", "max_pooling2d", "flatten", "dense"),
                nodes.stream().map(GraphNode::name).toList());
        assertEquals(List.of("Placeholder", "Conv2D", "MaxPooling2D", "Flatten", "Dense"),
                nodes.stream().map(GraphNode::op).toList());
        assertEquals(List.of(List.of(), List.of("input"), List.of("conv2d"), List.of("max_pooling2d"), List.of("flatten")),
                nodes.stream().map(GraphNode::inputs).toList());
        assertArrayEquals(new int[] {16, 16, 1}, nodes.get(0).outputShape());
        assertArrayEquals(new int[] {14, 14, 8}, nodes.get(1).outputShape());
        assertArrayEquals(new int[] {392}, nodes.get(3).outputShape());
        assertEquals(Map.of(), nodes.get(0).attributes());
        GraphNode conv = nodes.get(1);
        assertEquals("80", conv.attributes().get("parameters")); // 3*3*1*8 + 8
        assertEquals("true", conv.attributes().get("trainable"));
        assertEquals(8L, Json.parseObject(conv.attributes().get("config")).get("filters"));
        assertEquals("1179", nodes.get(4).attributes().get("parameters")); // 392*3 + 3
    }

    @Test
    void theInputNodeAvoidsALayersName() {
        Sequential model = new Sequential(4).add(new Dense(2, ActivationFunction.RELU).name("input"),
                new Dense(1, ActivationFunction.SIGMOID).trainable(false));
        List<GraphNode> nodes = NetworkGraph.nodes(model);
        assertEquals(List.of("input_1", "input", "dense"), nodes.stream().map(GraphNode::name).toList());
        assertEquals(List.of("input_1"), nodes.get(1).inputs());
        assertEquals("false", nodes.get(2).attributes().get("trainable"));
    }

    @Test
    void aGraphModelsNodesKeepItsEdges() {
        Node in = Node.input(8, 8, 1);
        Node conv = new Conv2D(2, 3, 1, Padding.SAME, ActivationFunction.RELU).apply(in);
        Layer shared = new Conv2D(2, 3, 1, Padding.SAME, ActivationFunction.RELU).name("conv2d_2");
        Node twice = shared.apply(shared.apply(conv));
        Node sum = new Add().apply(twice, conv);
        GraphModel model = GraphModel.of(in, new Dense(2).apply(new Flatten().apply(new Concatenate().apply(sum, in))));
        List<GraphNode> nodes = NetworkGraph.nodes(model);
        assertEquals(List.of("input_1", "conv2d", "conv2d_2", "conv2d_2_1", "add", "concatenate", "flatten", "dense"),
                nodes.stream().map(GraphNode::name).toList());
        assertEquals(List.of(List.of(), List.of("input_1"), List.of("conv2d"), List.of("conv2d_2"),
                        List.of("conv2d_2_1", "conv2d"), List.of("add", "input_1"), List.of("concatenate"),
                        List.of("flatten")),
                nodes.stream().map(GraphNode::inputs).toList());
        assertEquals("Placeholder", nodes.get(0).op());
        assertEquals("Conv2D", nodes.get(3).op());
        assertEquals("38", nodes.get(3).attributes().get("parameters")); // 3*3*2*2 + 2, the shared layer's own
        assertArrayEquals(new int[] {8, 8, 3}, nodes.get(5).outputShape());
    }

    @Test
    void aSharedLayersFurtherNodesSkipTakenNames() {
        Node in = Node.input(3);
        Dense shared = new Dense(3);
        Node twice = shared.apply(shared.apply(in));
        GraphModel model = GraphModel.of(in, new Add().apply(new Dense(3).name("dense_1").apply(twice), twice));
        assertEquals(List.of("input_1", "dense", "dense_2", "dense_1", "add"),
                NetworkGraph.nodes(model).stream().map(GraphNode::name).toList());
    }
}

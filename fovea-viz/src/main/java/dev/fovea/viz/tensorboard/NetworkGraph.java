package dev.fovea.viz.tensorboard;

import dev.fovea.io.Json;
import dev.fovea.model.GraphModel;
import dev.fovea.nn.Layer;
import dev.fovea.nn.Network;
import dev.fovea.nn.Node;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A network as graph nodes: an input placeholder, then one node per layer application, fed by the
 * nodes it reads (for a {@link GraphModel}) or by the layer before (for any other network).
 */
public final class NetworkGraph {
    /** The op of the input node, as TensorFlow names a graph's fed input. */
    public static final String INPUT_OP = "Placeholder";

    private NetworkGraph() {}

    /**
     * The input node, then each layer with its type as op, and as attributes its parameter count,
     * whether it is trainable, and its settings as JSON. A graph model's input keeps its name and
     * its layers' edges; a shared layer's further applications are "name_1", "name_2", ... (or the
     * next free name). Other networks are chained in order, from an input named "input" (or
     * "input_1", ... if a layer has that name).
     */
    public static List<GraphNode> nodes(Network network) {
        return network instanceof GraphModel graph ? graphNodes(graph) : chainNodes(network);
    }

    private static List<GraphNode> chainNodes(Network network) {
        Set<String> layerNames = new HashSet<>();
        for (Layer layer : network.layers()) {
            layerNames.add(layer.name());
        }
        String input = "input";
        for (int i = 1; layerNames.contains(input); i++) {
            input = "input_" + i;
        }
        List<GraphNode> nodes = new ArrayList<>();
        nodes.add(new GraphNode(input, INPUT_OP, List.of(), network.inputShape(), Map.of()));
        String previous = input;
        for (Layer layer : network.layers()) {
            nodes.add(layerNode(layer.name(), layer, List.of(previous), layer.outputShape()));
            previous = layer.name();
        }
        return nodes;
    }

    private static List<GraphNode> graphNodes(GraphModel model) {
        Set<String> taken = new HashSet<>();
        taken.add(model.input().name());
        model.layers().forEach(l -> taken.add(l.name()));
        Map<Node, String> names = new IdentityHashMap<>();
        names.put(model.input(), model.input().name());
        List<GraphNode> nodes = new ArrayList<>();
        nodes.add(new GraphNode(model.input().name(), INPUT_OP, List.of(), model.inputShape(), Map.of()));
        for (Node node : model.nodes()) {
            String name = node.name();
            int k = model.nodeIndex(node);
            if (k > 0) { // a shared layer applied again: a graph node of its own
                do {
                    name = node.name() + "_" + k++;
                } while (!taken.add(name));
            }
            names.put(node, name);
            nodes.add(layerNode(name, node.layer(), node.inputs().stream().map(names::get).toList(), node.shape()));
        }
        return nodes;
    }

    private static GraphNode layerNode(String name, Layer layer, List<String> inputs, int[] outputShape) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("parameters", Long.toString(layer.parameterCount()));
        attributes.put("trainable", Boolean.toString(layer.trainable()));
        attributes.put("config", Json.write(layer.config()));
        return new GraphNode(name, layer.typeName(), inputs, outputShape, attributes);
    }
}

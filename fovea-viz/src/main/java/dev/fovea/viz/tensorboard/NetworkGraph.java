package dev.fovea.viz.tensorboard;

import dev.fovea.io.Json;
import dev.fovea.nn.Layer;
import dev.fovea.nn.Network;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A network as graph nodes: an input placeholder, then one node per layer fed by the one before. */
public final class NetworkGraph {
    /** The op of the input node, as TensorFlow names a graph's fed input. */
    public static final String INPUT_OP = "Placeholder";

    private NetworkGraph() {}

    /**
     * The input node ("input", or "input_1", ... if a layer has that name), then each layer with its
     * type as op, and as attributes its parameter count, whether it is trainable, and its settings as
     * JSON. Layers are chained in order, which is what every {@link Network} is today.
     */
    public static List<GraphNode> nodes(Network network) {
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
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("parameters", Long.toString(layer.parameterCount()));
            attributes.put("trainable", Boolean.toString(layer.trainable()));
            attributes.put("config", Json.write(layer.config()));
            nodes.add(new GraphNode(layer.name(), layer.typeName(), List.of(previous), layer.outputShape(), attributes));
            previous = layer.name();
        }
        return nodes;
    }
}

package dev.fovea.model;

import dev.fovea.nn.Layer;
import dev.fovea.nn.Node;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints a model as Keras 2 does: layer (type), output shape with None for the batch, parameter
 * count, totals. A graph model's table starts with its input (InputLayer) and has a fourth column,
 * "Connected to": the nodes each layer reads, as layer[node index][tensor index], one per line.
 */
final class ModelSummary {
    private static final int[] COLUMNS = {36, 26, 10};
    /** Keras 2's width of a functional model's table; "Connected to" takes what the other columns leave. */
    private static final int GRAPH_WIDTH = 98;

    private ModelSummary() {}

    static String of(Model model) {
        GraphModel graph = model instanceof GraphModel g ? g : null;
        int width = graph != null ? GRAPH_WIDTH : COLUMNS[0] + COLUMNS[1] + COLUMNS[2];
        StringBuilder sb = new StringBuilder();
        sb.append("Model: \"").append(model.modelName()).append("\"\n");
        sb.append("_".repeat(width)).append('\n');
        row(sb, "Layer (type)", "Output Shape", "Param #", graph != null ? List.of("Connected to") : List.of());
        sb.append("=".repeat(width)).append('\n');
        Map<Layer, List<String>> connections = graph != null ? connections(graph) : Map.of();
        if (graph != null) {
            Node input = graph.input();
            row(sb, input.name() + " (InputLayer)", batchShape(input.shape()), "0", List.of());
            sb.append('\n');
        }
        long total = 0;
        long trainable = 0;
        for (int i = 0; i < model.layers().size(); i++) {
            Layer layer = model.layers().get(i);
            long params = layer.parameterCount();
            total += params;
            trainable += layer.trainableParameterCount();
            row(sb, layer.name() + " (" + layer.typeName() + ")", batchShape(layer.outputShape()), count(params),
                    connections.getOrDefault(layer, List.of()));
            sb.append(i == model.layers().size() - 1 ? "" : "\n");
        }
        sb.append("=".repeat(width)).append('\n');
        sb.append("Total params: ").append(count(total)).append('\n');
        sb.append("Trainable params: ").append(count(trainable)).append('\n');
        sb.append("Non-trainable params: ").append(count(total - trainable)).append('\n');
        sb.append("_".repeat(width)).append('\n');
        return sb.toString();
    }

    /** What every application of each layer reads, e.g. "conv2d[0][0]", in running order. */
    private static Map<Layer, List<String>> connections(GraphModel model) {
        Map<Layer, List<String>> out = new IdentityHashMap<>();
        for (Node node : model.nodes()) {
            List<String> reads = out.computeIfAbsent(node.layer(), l -> new ArrayList<>());
            for (Node source : node.inputs()) {
                reads.add(source.name() + "[" + model.nodeIndex(source) + "][0]");
            }
        }
        return out;
    }

    /** A row, with further connections on lines of their own under the first. */
    private static void row(StringBuilder sb, String layer, String shape, String params, List<String> connections) {
        sb.append(' ').append(pad(layer, COLUMNS[0] - 1)).append(pad(shape, COLUMNS[1]));
        if (connections.isEmpty()) {
            sb.append(params.strip()).append('\n');
            return;
        }
        sb.append(pad(params, COLUMNS[2])).append(connections.get(0)).append('\n');
        for (String more : connections.subList(1, connections.size())) {
            sb.append(" ".repeat(COLUMNS[0] + COLUMNS[1] + COLUMNS[2])).append(more).append('\n');
        }
    }

    /** Pads to a column width, keeping at least one space after text that fills it. */
    private static String pad(String text, int width) {
        return text.length() >= width ? text + " " : text + " ".repeat(width - text.length());
    }

    private static String batchShape(int[] shape) {
        StringBuilder sb = new StringBuilder("(None");
        for (int d : shape) {
            sb.append(", ").append(d);
        }
        return sb.append(')').toString();
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}

package dev.fovea.model;

import dev.fovea.io.SizeLimits;
import dev.fovea.nn.Layer;
import dev.fovea.nn.Node;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A graph model's architecture in a model file, after Keras's functional config:
 * <pre>{@code
 * {"class": "Functional", "input_shape": [28, 28, 1], "input_name": "input_1",
 *  "layers": [
 *    {"type": "Conv2D", "name": "conv2d", "trainable": true, "config": {...},
 *     "inbound_nodes": [[["input_1", 0, 0]]]},
 *    {"type": "Add", "name": "add", "trainable": true, "config": {},
 *     "inbound_nodes": [[["conv2d_1", 0, 0], ["conv2d", 0, 0]]]},
 *    ...],
 *  "output": ["dense", 0, 0]}
 * }</pre>
 * Layers are listed in the order of their first application; "inbound_nodes" has one entry per
 * application of the layer (more than one for a shared layer), each the list of the nodes it reads
 * as [layer or input name, node index, tensor index]. The tensor index is always 0: every layer has
 * one output.
 */
final class GraphArchitecture {
    static final String CLASS = "Functional";

    private GraphArchitecture() {}

    static Map<String, Object> describe(GraphModel model) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("class", CLASS);
        a.put("input_shape", ModelFile.toList(model.inputShape()));
        a.put("input_name", model.input().name());
        Map<Layer, List<Object>> inbound = new LinkedHashMap<>();
        for (Node node : model.nodes()) {
            List<Object> reads = new ArrayList<>();
            for (Node source : node.inputs()) {
                reads.add(reference(model, source));
            }
            inbound.computeIfAbsent(node.layer(), l -> new ArrayList<>()).add(reads);
        }
        List<Object> layers = new ArrayList<>();
        for (Layer layer : model.layers()) {
            Map<String, Object> l = ModelFile.describe(layer);
            l.put("inbound_nodes", inbound.get(layer));
            layers.add(l);
        }
        a.put("layers", layers);
        a.put("output", reference(model, model.output()));
        return a;
    }

    private static List<Object> reference(GraphModel model, Node node) {
        return List.of(node.name(), (long) model.nodeIndex(node), 0L);
    }

    /** A node named in the file: a layer's (or the input's) name and which application of it. */
    private record Ref(String name, int index) {
        @Override
        public String toString() {
            return name + "[" + index + "][0]";
        }
    }

    /** A layer of the file with the nodes each of its applications reads. */
    private record Entry(Layer layer, List<List<Ref>> nodes) {}

    /**
     * The model of an architecture whose "class" is "Functional", with the weights of
     * {@code weights}: its nodes are rebuilt from the output back, each layer's weights checked
     * against the file's tensors when it is built, before they are allocated.
     */
    static GraphModel rebuild(Map<String, Object> architecture, int[] inputShape, List<?> layerList,
                              StoredWeights weights) {
        if (!(architecture.get("input_name") instanceof String inputName) || inputName.isEmpty()) {
            throw new IllegalArgumentException("'input_name' must be a non-empty string");
        }
        Map<String, Entry> entries = new HashMap<>();
        int nodeCount = 0;
        for (int i = 0; i < layerList.size(); i++) {
            Layer layer = ModelFile.layer(layerList.get(i), i);
            if (layer.name().equals(inputName) || entries.containsKey(layer.name())) {
                throw new IllegalArgumentException("layer " + i + ": the name '" + layer.name() + "' is taken twice");
            }
            List<List<Ref>> nodes = inboundNodes(((Map<?, ?>) layerList.get(i)).get("inbound_nodes"), layer.name());
            entries.put(layer.name(), new Entry(layer, nodes));
            nodeCount += nodes.size();
        }
        Ref output = ref(architecture.get("output"), "'output'");
        Map<Ref, Node> built = new HashMap<>();
        Node input = Node.input(inputName, inputShape);
        built.put(new Ref(inputName, 0), input);
        Node out = resolve(output, entries, built, weights);
        if (built.size() - 1 != nodeCount) {
            throw new IllegalArgumentException((nodeCount - built.size() + 1)
                    + " of the nodes listed in 'inbound_nodes' do not lead to the output " + output);
        }
        GraphModel model = GraphModel.of(input, out);
        for (Layer layer : model.layers()) {
            weights.copyInto(layer);
        }
        return model;
    }

    /**
     * The node {@code target}, made after every node it needs: a depth-first walk on an explicit
     * stack (a deep graph cannot overflow the call stack) that refuses cycles.
     */
    private static Node resolve(Ref target, Map<String, Entry> entries, Map<Ref, Node> built, StoredWeights weights) {
        Deque<Ref> path = new ArrayDeque<>();
        Deque<int[]> nextRead = new ArrayDeque<>();
        Set<Ref> onPath = new HashSet<>();
        path.push(target);
        nextRead.push(new int[1]);
        onPath.add(target);
        while (!path.isEmpty()) {
            Ref ref = path.peek();
            int[] next = nextRead.peek();
            List<Ref> reads = nodeOf(ref, entries);
            while (next[0] < reads.size() && built.containsKey(reads.get(next[0]))) {
                next[0]++;
            }
            if (next[0] < reads.size()) {
                Ref missing = reads.get(next[0]);
                if (!onPath.add(missing)) {
                    throw new IllegalArgumentException("node " + missing + " depends on itself");
                }
                path.push(missing);
                nextRead.push(new int[1]);
                continue;
            }
            Layer layer = entries.get(ref.name()).layer();
            List<Node> inputs = reads.stream().map(built::get).toList();
            boolean first = layer.outputShape() == null;
            Node node = layer.apply(inputs.toArray(Node[]::new));
            SizeLimits.requireLayerOutput(layer.name(), node.shape());
            built.put(ref, node);
            if (first) {
                // Building allocates no weights: they are checked here, before copyInto allocates them.
                weights.require(layer.name(), layer.parameterShapesFor(inputs.stream().map(Node::shape).toList()));
            }
            path.pop();
            nextRead.pop();
            onPath.remove(ref);
        }
        return built.get(target);
    }

    /** What node {@code ref} reads; throws when the file has no such node. */
    private static List<Ref> nodeOf(Ref ref, Map<String, Entry> entries) {
        Entry entry = entries.get(ref.name());
        if (entry == null) {
            throw new IllegalArgumentException("node " + ref + " names no layer of the model");
        }
        if (ref.index() >= entry.nodes().size()) {
            throw new IllegalArgumentException("node " + ref + ": layer " + ref.name() + " has "
                    + entry.nodes().size() + " node(s)");
        }
        return entry.nodes().get(ref.index());
    }

    private static List<List<Ref>> inboundNodes(Object value, String layer) {
        String field = "layer " + layer + ": 'inbound_nodes'";
        if (!(value instanceof List<?> nodes) || nodes.isEmpty()) {
            throw new IllegalArgumentException(field + " must be a non-empty list of nodes");
        }
        List<List<Ref>> out = new ArrayList<>();
        for (Object node : nodes) {
            if (!(node instanceof List<?> reads) || reads.isEmpty()) {
                throw new IllegalArgumentException(field + ": each node must be a non-empty list of [name, node, tensor]");
            }
            List<Ref> refs = new ArrayList<>();
            for (Object r : reads) {
                refs.add(ref(r, field));
            }
            out.add(refs);
        }
        return out;
    }

    private static Ref ref(Object value, String field) {
        if (!(value instanceof List<?> l) || l.size() != 3 || !(l.get(0) instanceof String name)
                || !(l.get(1) instanceof Long index) || index < 0 || index > Integer.MAX_VALUE
                || !(l.get(2) instanceof Long tensor)) {
            throw new IllegalArgumentException(field + ": a node is [name, node index >= 0, tensor index], got " + value);
        }
        if (tensor != 0) {
            throw new IllegalArgumentException(field + ": tensor index " + tensor + " in " + value
                    + ", but every layer has one output (index 0)");
        }
        return new Ref(name, (int) (long) index);
    }
}

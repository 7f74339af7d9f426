package dev.fovea.model;

import dev.fovea.nn.ActivatedLayer;
import dev.fovea.nn.ActivationFunction;
import dev.fovea.nn.ForwardContext;
import dev.fovea.nn.Layer;
import dev.fovea.nn.Node;
import dev.fovea.tensor.InferenceArrays;
import dev.fovea.tensor.Tensor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A network whose layers form a graph from one input to one output, built as with Keras's
 * functional API: layers may read several nodes ({@link dev.fovea.nn.Add},
 * {@link dev.fovea.nn.Concatenate}), and a node may feed several layers (a residual shortcut).
 * <pre>{@code
 * Node in = Node.input(28, 28, 1);
 * Node x = new Conv2D(16, 3, 1, Padding.SAME, RELU).apply(in);
 * Node y = new Conv2D(16, 3, 1, Padding.SAME, LINEAR).apply(x);
 * Node block = new Activation(RELU).apply(new Add().apply(y, x));
 * Node out = new Dense(10, SOFTMAX).apply(new GlobalAveragePooling2D().apply(block));
 * GraphModel model = GraphModel.of(in, out);
 * }</pre>
 * The model holds the nodes the output needs, and runs them in the order a depth-first walk back
 * from the output finishes them (each node after the nodes it reads, a layer's inputs in their
 * order). A layer applied at several places runs at each and shares its weights: their gradients
 * add up. Trains, saves and loads like a {@link Sequential} model.
 */
public final class GraphModel extends Model {
    private final Node input;
    /** Every node the output needs but the input, in running order: the output last. */
    private final List<Node> nodes;
    private final List<Layer> layers;
    /** For node i, the positions of its inputs among the values: 0 the input, j + 1 node j. */
    private final int[][] sources;
    /** For each value position, the last node that reads it. */
    private final int[] lastReader;
    private final Map<Node, Integer> nodeIndex = new IdentityHashMap<>();

    private GraphModel(Node input, List<Node> nodes) {
        this.input = input;
        this.nodes = List.copyOf(nodes);
        Map<Node, Integer> position = new IdentityHashMap<>();
        position.put(input, 0);
        sources = new int[nodes.size()][];
        lastReader = new int[nodes.size() + 1];
        Map<Layer, Integer> applications = new IdentityHashMap<>();
        Set<Layer> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Layer> inOrder = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            Node node = nodes.get(i);
            position.put(node, i + 1);
            sources[i] = node.inputs().stream().mapToInt(position::get).toArray();
            for (int source : sources[i]) {
                lastReader[source] = i;
            }
            Layer layer = node.layer();
            nodeIndex.put(node, applications.merge(layer, 1, Integer::sum) - 1);
            if (distinct.add(layer)) {
                inOrder.add(layer);
            }
        }
        this.layers = List.copyOf(inOrder);
    }

    /**
     * The model from {@code input} to {@code output}: every layer {@code output} is computed from.
     * Throws if {@code input} is not a graph's input or {@code output} is not computed from it.
     */
    public static GraphModel of(Node input, Node output) {
        if (!input.isInput()) {
            throw new IllegalArgumentException("a graph model starts at an input node (Node.input), got " + input);
        }
        if (output == input) {
            throw new IllegalArgumentException("the output is the input: the model has no layer");
        }
        return new GraphModel(input, runningOrder(input, output));
    }

    /**
     * The nodes {@code output} needs but the input, each after the nodes it reads: a depth-first
     * walk back from the output, iterative so that a deep graph cannot overflow the call stack.
     */
    private static List<Node> runningOrder(Node input, Node output) {
        List<Node> order = new ArrayList<>();
        Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Node> path = new ArrayDeque<>();
        Deque<int[]> nextInput = new ArrayDeque<>();
        path.push(output);
        nextInput.push(new int[1]);
        seen.add(output);
        while (!path.isEmpty()) {
            Node node = path.peek();
            int[] next = nextInput.peek();
            if (next[0] < node.inputs().size()) {
                Node source = node.inputs().get(next[0]++);
                if (source.isInput() && source != input) {
                    throw new IllegalArgumentException("the output " + output + " is computed from another input than "
                            + input + " (each Node.input starts a graph of its own)");
                }
                if (source != input && seen.add(source)) {
                    path.push(source);
                    nextInput.push(new int[1]);
                }
            } else {
                path.pop();
                nextInput.pop();
                order.add(node);
            }
        }
        return order;
    }

    /** The graph's input node. */
    public Node input() {
        return input;
    }

    /** The output node: the last of {@link #nodes()}. */
    public Node output() {
        return nodes.get(nodes.size() - 1);
    }

    /** The layers' nodes in the order they run, the output last; the input is not among them. */
    public List<Node> nodes() {
        return nodes;
    }

    /**
     * Keras's node index of a node of this model: which application of its layer it is, counted in
     * running order from 0 (always 0 but for shared layers, and for the input).
     */
    public int nodeIndex(Node node) {
        if (node == input) {
            return 0;
        }
        Integer index = nodeIndex.get(node);
        if (index == null) {
            throw new IllegalArgumentException(node + " is not a node of this model");
        }
        return index;
    }

    /** Each layer once, in the order of its first application. */
    @Override
    public List<Layer> layers() {
        return layers;
    }

    @Override
    public int[] inputShape() {
        return input.shape();
    }

    @Override
    public int[] outputShape() {
        return output().shape();
    }

    @Override
    public Tensor forward(Tensor x, ForwardContext context) {
        return run(x, context, ActivationFunction.LINEAR);
    }

    @Override
    public Tensor forwardBefore(ActivationFunction activation, Tensor x, ForwardContext context) {
        return run(x, context, activation);
    }

    /** Runs every node; the output's layer stops before {@code leaveOut} when that is its activation. */
    private Tensor run(Tensor x, ForwardContext context, ActivationFunction leaveOut) {
        Tensor[] values = new Tensor[nodes.size() + 1];
        values[0] = x;
        int last = nodes.size() - 1;
        for (int i = 0; i <= last; i++) {
            List<Tensor> in = new ArrayList<>(sources[i].length);
            for (int source : sources[i]) {
                in.add(values[source]);
            }
            Layer layer = nodes.get(i).layer();
            values[i + 1] = i == last && endsIn(layer, leaveOut)
                    ? ((ActivatedLayer) layer).preActivation(in.get(0), context)
                    : layer.forward(in, context);
            for (int source : sources[i]) {
                if (lastReader[source] == i) {
                    // In inference, what no later layer reads can be freed, and its array reused by the next
                    // batch (InferenceArrays) unless the input or a value still to be read shares it.
                    Tensor spent = values[source];
                    values[source] = null;
                    if (spent != null && !inUse(spent.data(), x, values)) {
                        InferenceArrays.release(spent);
                    }
                }
            }
        }
        return values[last + 1];
    }

    /** Whether {@code array} is the input's or that of a value not yet freed. */
    private static boolean inUse(float[] array, Tensor input, Tensor[] values) {
        if (input.data() == array) {
            return true;
        }
        for (Tensor value : values) {
            if (value != null && value.data() == array) {
                return true;
            }
        }
        return false;
    }

    private static boolean endsIn(Layer layer, ActivationFunction activation) {
        return !activation.isLinear() && layer instanceof ActivatedLayer a && a.activation().equals(activation);
    }

    /** "model", as Keras names a functional model. */
    @Override
    public String modelName() {
        return "model";
    }

    /** The layers of this model that feed {@code layerName}'s output, and that layer: what freezing "up to" it covers. */
    List<Layer> layersFeeding(String layerName) {
        Set<Layer> feeding = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Node> todo = new ArrayDeque<>();
        Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Node node : nodes) {
            if (node.layer().name().equals(layerName)) {
                todo.push(node);
            }
        }
        if (todo.isEmpty()) {
            throw new IllegalArgumentException("no layer named '" + layerName + "'; the layers are "
                    + layers.stream().map(Layer::name).toList());
        }
        while (!todo.isEmpty()) {
            Node node = todo.pop();
            if (node != input && seen.add(node)) {
                feeding.add(node.layer());
                node.inputs().forEach(todo::push);
            }
        }
        return layers.stream().filter(feeding::contains).toList();
    }
}

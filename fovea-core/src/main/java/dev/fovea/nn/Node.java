package dev.fovea.nn;

import dev.fovea.tensor.Shapes;
import java.util.ArrayList;
import java.util.List;

/**
 * A symbolic batch in a graph under construction, as Keras's functional API has: the graph's
 * input, or the output of a layer applied to other nodes. It holds shapes, not values; a
 * {@link dev.fovea.model.GraphModel} runs the graph between an input and an output node.
 * <pre>{@code
 * Node in = Node.input(28, 28, 1);
 * Node x = new Conv2D(16, 3, 1, Padding.SAME, RELU).apply(in);
 * Node y = new Conv2D(16, 3, 1, Padding.SAME, LINEAR).apply(x);
 * Node sum = new Activation(RELU).apply(new Add().apply(x, y));
 * }</pre>
 * Shapes are checked as each layer is applied, so a mistake is reported at the layer that makes it.
 */
public final class Node {
    /** Keras's name for a graph's input. */
    public static final String DEFAULT_INPUT_NAME = "input_1";

    private final GraphScope scope;
    private final Layer layer;
    private final String inputName;
    private final List<Node> inputs;
    private final int[] shape;

    private Node(GraphScope scope, Layer layer, String inputName, List<Node> inputs, int[] shape) {
        this.scope = scope;
        this.layer = layer;
        this.inputName = inputName;
        this.inputs = List.copyOf(inputs);
        this.shape = shape.clone();
    }

    /** The input of a new graph, named "input_1", for examples of the per-example {@code shape}, e.g. (28, 28, 1). */
    public static Node input(int... shape) {
        return input(DEFAULT_INPUT_NAME, shape);
    }

    /** The input of a new graph under a name of its own, for examples of the per-example {@code shape}. */
    public static Node input(String name, int... shape) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("an input needs a name");
        }
        if (shape.length == 0) {
            throw new IllegalArgumentException("an input needs a shape, e.g. (28, 28, 1)");
        }
        for (int d : shape) {
            if (d < 1) {
                throw new IllegalArgumentException("an input's dimensions must be >= 1, got " + Shapes.toString(shape));
            }
        }
        return new Node(new GraphScope(name), null, name, List.of(), shape);
    }

    /** The output of {@code layer} applied to {@code inputs}; see {@link Layer#apply}. */
    static Node output(Layer layer, List<Node> inputs) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException(layer.typeName() + " applied to no input");
        }
        GraphScope scope = inputs.get(0).scope;
        List<int[]> shapes = new ArrayList<>();
        for (Node input : inputs) {
            if (input.scope != scope) {
                throw new IllegalArgumentException(layer.typeName() + " applied to nodes of different graphs: "
                        + describe(inputs) + " (a graph model has one input)");
            }
            shapes.add(input.shape);
        }
        return new Node(scope, layer, null, inputs, scope.connect(layer, shapes, describe(inputs)));
    }

    /** Whether this is a graph's input rather than a layer's output. */
    public boolean isInput() {
        return layer == null;
    }

    /** The layer whose output this is; the input has none. */
    public Layer layer() {
        if (layer == null) {
            throw new IllegalStateException("the input " + inputName + " is made by no layer");
        }
        return layer;
    }

    /** The input's name, or the name of the layer whose output this is. */
    public String name() {
        return layer == null ? inputName : layer.name();
    }

    /** The nodes the layer reads, in order; none for the input. */
    public List<Node> inputs() {
        return inputs;
    }

    /** The per-example shape, e.g. (26, 26, 64). */
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public String toString() {
        return name() + " " + Shapes.toString(shape);
    }

    private static String describe(List<Node> nodes) {
        return String.join(" and ", nodes.stream().map(Node::toString).toList());
    }
}

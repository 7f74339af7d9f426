package dev.fovea.onnx;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds a chain graph for export: each node applies an operator to the current value (and to
 * constants), and its output becomes the current value. Names are made unique by a numeric suffix.
 */
final class GraphBuilder {
    static final String INPUT = "input";
    static final String OUTPUT = "output";

    private final List<NodeProto> nodes = new ArrayList<>();
    private final List<TensorProto> initializers = new ArrayList<>();
    private final Set<String> names = new HashSet<>(List.of(INPUT, OUTPUT));
    private String current = INPUT;

    /** Adds a float initializer and returns its name. */
    String constant(String name, float[] values, long... dims) {
        String unique = unique(name);
        initializers.add(TensorProto.ofFloats(unique, values, dims));
        return unique;
    }

    /** Adds a scalar float initializer and returns its name. */
    String scalar(String name, float value) {
        return constant(name, new float[] {value});
    }

    /** Appends {@code opType} applied to the current value and then {@code constants}; its output becomes current. */
    void apply(String name, String opType, List<String> constants, AttributeProto... attributes) {
        String unique = unique(name);
        List<String> inputs = new ArrayList<>();
        inputs.add(current);
        inputs.addAll(constants);
        nodes.add(new NodeProto(unique, opType, "", inputs, List.of(unique), List.of(attributes)));
        current = unique;
    }

    /** The graph, its last node's output renamed to {@link #OUTPUT}. */
    GraphProto build(String name, ValueInfoProto input, List<ValueInfoProto.Dim> outputDims) {
        if (nodes.isEmpty()) {
            throw new IllegalStateException("an exported graph has at least its input scaling");
        }
        List<NodeProto> all = new ArrayList<>(nodes);
        NodeProto last = all.remove(all.size() - 1);
        all.add(new NodeProto(last.name(), last.opType(), last.domain(), last.inputs(), List.of(OUTPUT), last.attributes()));
        return new GraphProto(name, all, initializers, List.of(input), List.of(ValueInfoProto.floats(OUTPUT, outputDims)));
    }

    private String unique(String name) {
        String candidate = name;
        for (int i = 1; !names.add(candidate); i++) {
            candidate = name + "_" + i;
        }
        return candidate;
    }
}

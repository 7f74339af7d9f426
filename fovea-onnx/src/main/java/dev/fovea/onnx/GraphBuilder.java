package dev.fovea.onnx;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds a graph for export: each node applies an operator to values (the graph input, earlier
 * nodes' outputs, constants) and has one output named after it. Names are made unique by a numeric
 * suffix.
 */
final class GraphBuilder {
    static final String INPUT = "input";
    static final String OUTPUT = "output";

    private final List<NodeProto> nodes = new ArrayList<>();
    private final List<TensorProto> initializers = new ArrayList<>();
    private final Set<String> names = new HashSet<>(List.of(INPUT, OUTPUT));

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

    /** Appends {@code opType} applied to {@code inputs} (values and constants) and returns its output's name. */
    String apply(String name, String opType, List<String> inputs, AttributeProto... attributes) {
        String unique = unique(name);
        nodes.add(new NodeProto(unique, opType, "", inputs, List.of(unique), List.of(attributes)));
        return unique;
    }

    /** Appends {@code opType} applied to {@code value} and then {@code constants}, and returns its output's name. */
    String apply(String name, String opType, String value, List<String> constants, AttributeProto... attributes) {
        List<String> inputs = new ArrayList<>();
        inputs.add(value);
        inputs.addAll(constants);
        return apply(name, opType, inputs, attributes);
    }

    /**
     * The graph whose output is the value {@code output}, renamed {@link #OUTPUT}: the last node's
     * output is renamed, any other value (one a layer that passes values through left) copied by an Identity.
     */
    GraphProto build(String name, ValueInfoProto input, String output, List<ValueInfoProto.Dim> outputDims) {
        List<NodeProto> all = new ArrayList<>(nodes);
        NodeProto last = all.isEmpty() ? null : all.get(all.size() - 1);
        if (last != null && last.outputs().equals(List.of(output))) {
            all.set(all.size() - 1, new NodeProto(last.name(), last.opType(), last.domain(), last.inputs(),
                    List.of(OUTPUT), last.attributes()));
        } else {
            all.add(new NodeProto(unique(OUTPUT + "/identity"), "Identity", "", List.of(output), List.of(OUTPUT),
                    List.of()));
        }
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

package dev.fovea.onnx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A graph seen as Fovea sees a network: one input, then the nodes computed from it in order, each
 * taking one earlier value (plus constants), or several for the nodes that merge values (Add, Sum,
 * Concat): a chain, or a graph with branches and residual connections, ending at the one output. Beside the chain there
 * may be constants (initializers, Constant nodes) and side nodes that compute small integer
 * tensors from them and from the chain's shapes (PyTorch's {@code x.view(x.size(0), -1)} becomes
 * Shape, Gather, Unsqueeze, Concat feeding a Reshape); {@link ConstantValues} evaluates those.
 */
final class GraphChain {
    private static final Set<String> MERGES = Set.of("Add", "Sum", "Concat");
    final ValueInfoProto input;
    /** The nodes computed from the input, in the graph's (topological) order. */
    final List<NodeProto> nodes;
    final String output;
    final Map<String, TensorProto> constants;
    final Map<String, NodeProto> sideNodes;

    private GraphChain(ValueInfoProto input, List<NodeProto> nodes, String output, Map<String, TensorProto> constants,
                       Map<String, NodeProto> sideNodes) {
        this.input = input;
        this.nodes = List.copyOf(nodes);
        this.output = output;
        this.constants = constants;
        this.sideNodes = sideNodes;
    }

    static GraphChain of(GraphProto graph) {
        Map<String, TensorProto> constants = new HashMap<>();
        for (TensorProto t : graph.initializers()) {
            constants.put(t.name(), t);
        }
        List<ValueInfoProto> inputs = new ArrayList<>();
        for (ValueInfoProto v : graph.inputs()) {
            if (!constants.containsKey(v.name())) {
                inputs.add(v);
            }
        }
        if (inputs.size() != 1) {
            throw new InvalidOnnx("the graph has " + inputs.size() + " inputs besides its initializers "
                    + names(inputs) + "; Fovea imports models with one image input");
        }
        if (graph.outputs().size() != 1) {
            throw new InvalidOnnx("the graph has " + graph.outputs().size() + " outputs " + names(graph.outputs())
                    + "; Fovea imports models with one output");
        }
        Map<String, NodeProto> sideNodes = new HashMap<>();
        Set<String> chainValues = new HashSet<>();
        List<NodeProto> chain = new ArrayList<>();
        chainValues.add(inputs.get(0).name());
        for (NodeProto node : graph.nodes()) {
            if (node.outputs().isEmpty()) {
                throw new InvalidOnnx(node.describe() + " has no output");
            }
            if (node.opType().equals("Constant")) {
                constants.put(node.outputs().get(0), constantValue(node));
                continue;
            }
            List<String> fromChain = new ArrayList<>();
            for (String in : node.inputs()) {
                if (chainValues.contains(in)) {
                    fromChain.add(in);
                } else if (!in.isEmpty() && !constants.containsKey(in) && !sideNodes.containsKey(in)) {
                    throw new InvalidOnnx(node.describe() + ": input '" + in + "' is not the output of an earlier "
                            + "node, an initializer or the graph input (or it is an extra output, such as a mask "
                            + "or indices, that Fovea does not compute)");
                }
            }
            // Shape only reads the chain value's dimensions, so it starts a side computation.
            if (fromChain.isEmpty() || node.opType().equals("Shape")) {
                for (String out : node.outputs()) {
                    sideNodes.put(out, node);
                }
                continue;
            }
            if (fromChain.size() > 1 && !MERGES.contains(node.opType())) {
                throw new InvalidOnnx(node.describe() + " takes several values computed from the input " + fromChain
                        + "; Fovea's layers take one, but for the merges Add, Sum and Concat");
            }
            chain.add(node);
            chainValues.add(node.outputs().get(0));
        }
        String output = graph.outputs().get(0).name();
        if (!chainValues.contains(output)) {
            throw new InvalidOnnx("the graph output '" + output + "' is not computed from the input by the graph's "
                    + "nodes");
        }
        return new GraphChain(inputs.get(0), chain, output, constants, sideNodes);
    }

    /** The tensor a Constant node holds (value, value_float(s) or value_int(s)). */
    private static TensorProto constantValue(NodeProto node) {
        String name = node.outputs().get(0);
        for (AttributeProto a : node.attributes()) {
            switch (a.name()) {
                case "value":
                    if (a.t() == null) {
                        throw new InvalidOnnx(node.describe() + ": attribute 'value' holds no tensor");
                    }
                    TensorProto t = a.t();
                    return new TensorProto(name, t.dims(), t.dataType(), t.floatData(), t.intData(), t.rawData(),
                            t.external());
                case "value_float":
                    return TensorProto.ofFloats(name, new float[] {a.f()});
                case "value_floats":
                    return TensorProto.ofFloats(name, a.floats(), a.floats().length);
                case "value_int":
                    return TensorProto.ofLongs(name, new long[] {a.i()});
                case "value_ints":
                    return TensorProto.ofLongs(name, a.ints(), a.ints().length);
                default:
                    break;
            }
        }
        throw new InvalidOnnx(node.describe() + ": Fovea reads Constant nodes holding a tensor, float(s) or int(s)");
    }

    private static List<String> names(List<ValueInfoProto> values) {
        List<String> names = new ArrayList<>();
        for (ValueInfoProto v : values) {
            names.add(v.name());
        }
        return names;
    }
}

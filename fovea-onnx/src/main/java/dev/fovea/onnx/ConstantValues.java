package dev.fovea.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The values of a graph's constant inputs: initializers, Constant nodes, and the small integer
 * tensors that side nodes (Shape, Gather, Unsqueeze, Squeeze, Concat, Cast, Identity) compute from
 * them and from the chain's shapes. The batch size is not known before a model runs, so a Shape
 * gives {@link #BATCH} for it, which a Reshape then reads as "keep the batch dimension".
 */
final class ConstantValues {
    /** Stands for the batch size in computed shape tensors. */
    static final long BATCH = Long.MIN_VALUE;

    private final Map<String, TensorProto> values;
    private final Map<String, NodeProto> sideNodes;
    private final Function<String, long[]> chainDims;
    private final int opset;

    /**
     * @param chainDims the ONNX dims of a chain value by name (batch as {@link #BATCH}), or null if not
     *     known yet
     */
    ConstantValues(GraphChain chain, Function<String, long[]> chainDims, int opset) {
        this.values = new HashMap<>(chain.constants);
        this.sideNodes = chain.sideNodes;
        this.chainDims = chainDims;
        this.opset = opset;
    }

    /** The constant named {@code name}, or null if it is not one. */
    TensorProto find(String name) {
        TensorProto value = values.get(name);
        if (value == null && sideNodes.containsKey(name)) {
            value = evaluate(sideNodes.get(name), name);
            values.put(name, value);
        }
        return value;
    }

    /**
     * The constant input {@code index} of {@code node}, its dims checked; throws naming the node if it
     * is missing or not constant.
     */
    TensorProto input(NodeProto node, int index, String what) {
        String name = node.input(index);
        TensorProto value = name.isEmpty() ? null : find(name);
        if (value == null) {
            throw new InvalidOnnx(node.describe() + ": its " + what + " (input " + index + ") must be a constant"
                    + (name.isEmpty() ? ", and it is missing" : "; '" + name + "' is not one"));
        }
        value.elementCount();
        return value;
    }

    private TensorProto evaluate(NodeProto node, String output) {
        if (!node.domain().isEmpty() && !node.domain().equals("ai.onnx")) {
            throw unsupported(node);
        }
        switch (node.opType()) {
            case "Shape":
                return shape(node, output);
            case "Identity":
                return renamed(input(node, 0, "data"), output);
            case "Cast":
                long to = node.intAttribute("to", 0);
                if (to != TensorProto.INT64 && to != TensorProto.INT32) {
                    throw new InvalidOnnx(node.describe() + ": Fovea computes Cast to integer types only, not to " + to);
                }
                TensorProto data = input(node, 0, "data");
                return TensorProto.ofLongs(output, data.longs(), data.dims());
            case "Gather":
                return gather(node, output);
            case "Unsqueeze":
            case "Squeeze":
                return reshaped(node, output);
            case "Concat":
                return concat(node, output);
            default:
                throw unsupported(node);
        }
    }

    private TensorProto shape(NodeProto node, String output) {
        long[] dims = chainDims.apply(node.input(0));
        if (dims == null) {
            throw new InvalidOnnx(node.describe() + ": the shape of '" + node.input(0) + "' is not known here");
        }
        int rank = dims.length;
        int start = clampAxis(node.intAttribute("start", 0), rank);
        int end = clampAxis(node.intAttribute("end", rank), rank);
        long[] part = Arrays.copyOfRange(dims, start, Math.max(start, end));
        return TensorProto.ofLongs(output, part, part.length);
    }

    private TensorProto gather(NodeProto node, String output) {
        TensorProto data = input(node, 0, "data");
        TensorProto indices = input(node, 1, "indices");
        if (data.dims().length != 1 || node.intAttribute("axis", 0) != 0) {
            throw new InvalidOnnx(node.describe() + ": Fovea computes Gather on one-dimensional integer tensors only");
        }
        long[] from = data.longs();
        long[] at = indices.longs();
        long[] picked = new long[at.length];
        for (int i = 0; i < at.length; i++) {
            long k = at[i] < 0 ? at[i] + from.length : at[i];
            if (k < 0 || k >= from.length) {
                throw new InvalidOnnx(node.describe() + ": index " + at[i] + " is outside a tensor of " + from.length);
            }
            picked[i] = from[(int) k];
        }
        return TensorProto.ofLongs(output, picked, indices.dims());
    }

    /** Unsqueeze and Squeeze change only dims, which is all they do to these small tensors. */
    private TensorProto reshaped(NodeProto node, String output) {
        TensorProto data = input(node, 0, "data");
        long[] axes = opset >= 13 && !node.input(1).isEmpty() ? input(node, 1, "axes").longs() : node.intsAttribute("axes");
        List<Long> dims = new ArrayList<>();
        for (long d : data.dims()) {
            dims.add(d);
        }
        if (node.opType().equals("Unsqueeze")) {
            if (axes == null) {
                throw new InvalidOnnx(node.describe() + ": needs axes");
            }
            for (int a : sortedAxes(node, axes, dims.size() + axes.length)) {
                dims.add(a, 1L);
            }
        } else if (axes == null) {
            dims.removeIf(d -> d == 1);
        } else {
            int[] sorted = sortedAxes(node, axes, dims.size());
            for (int i = sorted.length - 1; i >= 0; i--) {
                if (dims.get(sorted[i]) != 1) {
                    throw new InvalidOnnx(node.describe() + ": axis " + sorted[i] + " does not have size 1");
                }
                dims.remove(sorted[i]);
            }
        }
        long[] out = dims.stream().mapToLong(Long::longValue).toArray();
        return TensorProto.ofLongs(output, data.longs(), out);
    }

    /** Axes made non-negative for {@code rank} dims, checked and in increasing order. */
    private static int[] sortedAxes(NodeProto node, long[] axes, int rank) {
        int[] sorted = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            long a = axes[i] < 0 ? axes[i] + rank : axes[i];
            if (a < 0 || a >= rank) {
                throw new InvalidOnnx(node.describe() + ": axis " + axes[i] + " is out of range for rank " + rank);
            }
            sorted[i] = (int) a;
        }
        Arrays.sort(sorted);
        return sorted;
    }

    private TensorProto concat(NodeProto node, String output) {
        List<Long> all = new ArrayList<>();
        for (int i = 0; i < node.inputs().size(); i++) {
            TensorProto part = input(node, i, "part");
            if (part.dims().length != 1) {
                throw new InvalidOnnx(node.describe() + ": Fovea computes Concat of one-dimensional integer tensors only");
            }
            for (long v : part.longs()) {
                all.add(v);
            }
        }
        long[] joined = all.stream().mapToLong(Long::longValue).toArray();
        return TensorProto.ofLongs(output, joined, joined.length);
    }

    private static TensorProto renamed(TensorProto t, String name) {
        return new TensorProto(name, t.dims(), t.dataType(), t.floatData(), t.intData(), t.rawData(), t.external());
    }

    private static int clampAxis(long axis, int rank) {
        long a = axis < 0 ? axis + rank : axis;
        return (int) Math.max(0, Math.min(rank, a));
    }

    private static InvalidOnnx unsupported(NodeProto node) {
        return new InvalidOnnx(node.describe() + ": unsupported operator '" + node.opType() + "'"
                + (node.domain().isEmpty() ? "" : " of domain '" + node.domain() + "'")
                + " for computing a constant (Fovea computes Shape, Gather, Unsqueeze, Squeeze, Concat, Cast)");
    }
}

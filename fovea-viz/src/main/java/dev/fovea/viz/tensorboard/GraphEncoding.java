package dev.fovea.viz.tensorboard;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * TensorFlow's {@code GraphDef} (graph.proto: node = 1) of {@code NodeDef}s (node_def.proto: name = 1,
 * op = 2, input = 3, attr = 5 as a map of entries with key = 1 and value = 2) whose attributes are
 * {@code AttrValue}s (attr_value.proto: s = 2 for strings, list = 1 with shape = 7 for shapes).
 */
final class GraphEncoding {
    /**
     * The attribute TensorFlow uses for a node's output shapes; TensorBoard's graph view labels
     * edges with it.
     */
    static final String OUTPUT_SHAPES = "_output_shapes";

    private GraphEncoding() {}

    static byte[] graphDef(List<GraphNode> nodes) {
        return ProtoMessage.encode(out -> {
            for (GraphNode node : nodes) {
                out.writeByteArray(1, nodeDef(node));
            }
        });
    }

    private static byte[] nodeDef(GraphNode node) {
        return ProtoMessage.encode(out -> {
            out.writeString(1, node.name());
            out.writeString(2, node.op());
            for (String input : node.inputs()) {
                out.writeString(3, input);
            }
            out.writeByteArray(5, attrEntry(OUTPUT_SHAPES, outputShapes(node.outputShape())));
            for (Map.Entry<String, String> attribute : node.attributes().entrySet()) {
                byte[] utf8 = attribute.getValue().getBytes(StandardCharsets.UTF_8);
                out.writeByteArray(5, attrEntry(attribute.getKey(), ProtoMessage.encode(v -> v.writeByteArray(2, utf8))));
            }
        });
    }

    private static byte[] attrEntry(String key, byte[] attrValue) {
        return ProtoMessage.encode(out -> {
            out.writeString(1, key);
            out.writeByteArray(2, attrValue);
        });
    }

    /** A list of one shape: the batch dimension (unknown, -1) then the per-example shape. */
    private static byte[] outputShapes(int[] perExample) {
        long[] dims = new long[perExample.length + 1];
        dims[0] = -1;
        for (int i = 0; i < perExample.length; i++) {
            dims[i + 1] = perExample[i];
        }
        byte[] list = ProtoMessage.encode(out -> out.writeByteArray(7, TensorEncoding.shape(dims)));
        return ProtoMessage.encode(out -> out.writeByteArray(1, list));
    }
}

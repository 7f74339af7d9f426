package dev.fovea.onnx;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Hand-made ONNX graphs for import tests: operators and patterns Fovea's own export does not write. */
final class TestGraphs {
    private TestGraphs() {}

    /** A node whose one output is named after it. */
    static NodeProto node(String name, String opType, List<String> inputs, AttributeProto... attributes) {
        return new NodeProto(name, opType, "", inputs, List.of(name), List.of(attributes));
    }

    /** A float graph input or output; a negative dim is the symbolic batch "N". */
    static ValueInfoProto value(String name, long... dims) {
        List<ValueInfoProto.Dim> list = new ArrayList<>();
        for (long d : dims) {
            list.add(d < 0 ? ValueInfoProto.Dim.symbol("N") : ValueInfoProto.Dim.of(d));
        }
        return ValueInfoProto.floats(name, list);
    }

    /** A model of one chain: {@code output} names the last node (and the graph output). */
    static ModelProto model(int opset, ValueInfoProto input, ValueInfoProto output, List<NodeProto> nodes,
                            List<TensorProto> initializers) {
        GraphProto graph = new GraphProto("test", nodes, initializers, List.of(input), List.of(output));
        return new ModelProto(opset >= 15 ? 8 : 7, Map.of("", (long) opset), "test", "", graph, Map.of());
    }

    static Path write(ModelProto model, Path file) {
        try (OutputStream out = Files.newOutputStream(file)) {
            model.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** A float initializer of random values in [-scale, scale). */
    static TensorProto random(String name, SplittableRandom random, double scale, long... dims) {
        long count = 1;
        for (long d : dims) {
            count *= d;
        }
        float[] values = new float[(int) count];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) ((random.nextDouble() * 2 - 1) * scale);
        }
        return TensorProto.ofFloats(name, values, dims);
    }
}

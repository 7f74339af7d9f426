package dev.fovea.onnx;

import dev.fovea.FoveaException;
import dev.fovea.data.InputScaling;
import dev.fovea.io.AtomicFiles;
import dev.fovea.io.Json;
import dev.fovea.model.GraphModel;
import dev.fovea.model.Model;
import dev.fovea.model.Sequential;
import dev.fovea.nn.Layer;
import dev.fovea.nn.Node;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a Fovea model as an ONNX file (opset {@value #OPSET}) that ONNX Runtime and other tools
 * run with the same results as {@link Model#predictPixels}.
 *
 * <p>The graph takes what Fovea takes: float pixel values 0-255, laid out [N, H, W, C] with a
 * symbolic batch size "N". It starts with the model's input scaling (Mul, Sub and Div by constants:
 * the per-pixel mean image, or per-channel means and deviations), transposes images to NCHW for
 * ONNX's Conv (weights [F, C, KH, KW], padding explicit and exactly Fovea's, SAME included) and
 * pooling, and back to NHWC before Flatten, so the Dense kernels [IN, OUT] serve unchanged as Gemm
 * weights. BatchNormalization becomes an inference-mode BatchNormalization node with the moving
 * statistics and the layer's epsilon. Dropout is left out. The output is the last layer's: softmax
 * probabilities, a sigmoid's value, or NHWC images for a network that ends in a convolution.
 *
 * <p>The metadata records the producer "Fovea", the input scaling and the class names, which
 * {@link OnnxImport} reads back.
 */
public final class OnnxExport {
    /** The ONNX operator set the exported graphs use. */
    public static final int OPSET = 13;
    /** The IR version that goes with opset 13. */
    static final long IR_VERSION = 7;
    static final String PRODUCER = "Fovea";
    static final String INPUT_SCALING_KEY = "fovea.input_scaling";
    static final String CLASS_NAMES_KEY = "fovea.class_names";

    private OnnxExport() {}

    /**
     * Writes {@code model} to {@code file} atomically (a temporary file renamed into place).
     *
     * @throws FoveaException if the model cannot be expressed in ONNX (a layer it does not know, an
     *     input scaling without its statistics) or the file cannot be written
     */
    public static void write(Model model, Path file) {
        ModelProto proto = toProto(model);
        long size = proto.serializedSize();
        if (size > Integer.MAX_VALUE) {
            throw new FoveaException("cannot export to " + file + ": the model needs " + size
                    + " bytes, more than one ONNX file holds (2 GB)");
        }
        AtomicFiles.write(file, proto::writeTo);
    }

    /** The ONNX model of a Fovea model, its tensors sharing the model's weight arrays. */
    static ModelProto toProto(Model model) {
        InputScaling scaling = model.inputScaling();
        if (scaling.needsStatistics()) {
            throw new FoveaException("cannot export to ONNX: the " + scaling + " input scaling has no statistics yet "
                    + "(fit the model first, or give them with InputScaling.meanImage or InputScaling.standardize)");
        }
        int[] in = model.inputShape();
        GraphBuilder g = new GraphBuilder();
        LayerExport layers = new LayerExport(g);
        LayerExport.Value scaled = new LayerExport.Value(InputScalingGraph.append(scaling, in, g), false);
        LayerExport.Value out;
        if (model instanceof Sequential chain) {
            out = layers.finish(chain(chain, scaled, layers));
        } else if (model instanceof GraphModel graph) {
            out = layers.finish(graph(graph, scaled, layers));
        } else {
            throw new FoveaException("cannot export a " + model.modelName() + " model to ONNX: the export writes "
                    + "Sequential and graph models");
        }
        GraphProto graph = g.build(model.modelName(),
                ValueInfoProto.floats(GraphBuilder.INPUT, batchOf(in)), out.name(), batchOf(model.outputShape()));
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(INPUT_SCALING_KEY, scaling.toString());
        metadata.put(CLASS_NAMES_KEY, Json.write(model.classNames()));
        return new ModelProto(IR_VERSION, Map.of("", (long) OPSET), PRODUCER, "", graph, metadata);
    }

    /** A Sequential's layers, each applied to the previous one's output. */
    private static LayerExport.Value chain(Sequential model, LayerExport.Value input, LayerExport layers) {
        LayerExport.Value x = input;
        for (Layer layer : model.layers()) {
            x = layers.add(layer, List.of(x));
        }
        return x;
    }

    /** A graph model's nodes in running order, each its layer applied to its input nodes' values. */
    private static LayerExport.Value graph(GraphModel model, LayerExport.Value input, LayerExport layers) {
        Map<Node, LayerExport.Value> values = new IdentityHashMap<>();
        values.put(model.input(), input);
        for (Node node : model.nodes()) {
            List<LayerExport.Value> inputs = new ArrayList<>();
            for (Node source : node.inputs()) {
                inputs.add(values.get(source));
            }
            values.put(node, layers.add(node.layer(), inputs));
        }
        return values.get(model.output());
    }

    /** A symbolic batch dimension "N" followed by a per-example shape. */
    private static List<ValueInfoProto.Dim> batchOf(int[] shape) {
        List<ValueInfoProto.Dim> dims = new ArrayList<>();
        dims.add(ValueInfoProto.Dim.symbol("N"));
        for (int d : shape) {
            dims.add(ValueInfoProto.Dim.of(d));
        }
        return dims;
    }
}

package dev.fovea.onnx;

import dev.fovea.FoveaException;
import dev.fovea.nn.Activation;
import dev.fovea.nn.Add;
import dev.fovea.nn.ActivationFunction;
import dev.fovea.nn.AveragePooling2D;
import dev.fovea.nn.BatchNormalization;
import dev.fovea.nn.Concatenate;
import dev.fovea.nn.Conv2D;
import dev.fovea.nn.Dense;
import dev.fovea.nn.Dropout;
import dev.fovea.nn.Flatten;
import dev.fovea.nn.GlobalAveragePooling2D;
import dev.fovea.nn.Layer;
import dev.fovea.nn.MaxPooling2D;
import dev.fovea.nn.MergeLayer;
import dev.fovea.nn.Pooling2D;
import dev.fovea.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Appends Fovea layers to an exported graph, each applied to values of the graph: a Sequential's
 * layers one after another, a graph model's at each of its nodes. Each value keeps its own layout:
 * images stay NHWC until a Conv, pooling or BatchNormalization needs NCHW, and stay NCHW from there
 * (through activations and Add, so a residual network is transposed once) until a Flatten, which
 * needs NHWC so that the features come out in Fovea's order and the Dense kernels [IN, OUT] serve
 * unchanged as Gemm weights. A value is transposed at most once each way, however many layers read
 * it. Add becomes ONNX's Add (Sum for more than two inputs) and Concatenate a Concat over the channel
 * axis of the layout its inputs share (NCHW if any of them is). BatchNormalization becomes ONNX's
 * BatchNormalization in inference mode (its moving statistics as mean and variance), on NCHW images
 * or on vectors, whose axis 1 is Fovea's channel axis either way. Dropout passes values through at
 * inference, so it is left out. A layer applied at several nodes (shared weights) has its weights
 * written once and a node per application.
 */
final class LayerExport {
    /** A value of the graph: its name, and whether it is an image laid out NCHW (else NHWC, or not an image). */
    record Value(String name, boolean nchw) {}

    private final GraphBuilder g;
    /** Each layer's weight initializers, written at its first application. */
    private final Map<Layer, List<String>> weights = new IdentityHashMap<>();
    /** For a value already transposed (to NCHW, or back to NHWC), the transposed value's name. */
    private final Map<String, String> transposed = new HashMap<>();

    LayerExport(GraphBuilder g) {
        this.g = g;
    }

    /** Appends {@code layer} applied to {@code inputs} (one, or several for a merge layer) and returns its output. */
    Value add(Layer layer, List<Value> inputs) {
        String name = layer.name();
        int[] in = layer.inputShape();
        int outRank = layer.outputShape().length;
        Value x = inputs.get(0);
        if (layer instanceof MergeLayer merge) {
            return merge(merge, inputs, in.length);
        } else if (layer instanceof Conv2D conv) {
            String out = g.apply(name, "Conv", toNchw(x, name).name(), convWeights(conv, in),
                    AttributeProto.ofInts("kernel_shape", conv.kernelSize(), conv.kernelSize()),
                    AttributeProto.ofInts("strides", conv.stride(), conv.stride()),
                    AttributeProto.ofInts("pads", Layouts.onnxPads(conv.padding(), in[0], in[1], conv.kernelSize(),
                            conv.stride())));
            return activation(name, conv.activation(), new Value(out, true), outRank);
        } else if (layer instanceof MaxPooling2D pool) {
            return pool(pool, "MaxPool", toNchw(x, name), in);
        } else if (layer instanceof AveragePooling2D pool) {
            // Fovea averages only the cells inside the image, as count_include_pad 0 does.
            return pool(pool, "AveragePool", toNchw(x, name), in, AttributeProto.ofInt("count_include_pad", 0));
        } else if (layer instanceof GlobalAveragePooling2D) {
            String pooled = g.apply(name, "GlobalAveragePool", toNchw(x, name).name(), List.of());
            return new Value(g.apply(name + "/flatten", "Flatten", pooled, List.of(), AttributeProto.ofInt("axis", 1)),
                    false);
        } else if (layer instanceof Flatten) {
            Value nhwc = toNhwc(x, name);
            return in.length == 1 ? nhwc
                    : new Value(g.apply(name, "Flatten", nhwc.name(), List.of(), AttributeProto.ofInt("axis", 1)), false);
        } else if (layer instanceof Dense dense) {
            Value out = new Value(g.apply(name, "Gemm", x.name(), denseWeights(dense)), false);
            return activation(name, dense.activation(), out, 1);
        } else if (layer instanceof Activation activation) {
            return activation(name, activation.activation(), x, outRank);
        } else if (layer instanceof BatchNormalization norm) {
            return batchNormalization(norm, x, in);
        } else if (layer instanceof Dropout) {
            return x;
        }
        throw new FoveaException("cannot export layer " + name + " (" + layer.typeName() + ") to ONNX: the export "
                + "knows Conv2D, MaxPooling2D, AveragePooling2D, GlobalAveragePooling2D, Flatten, Dense, Dropout, "
                + "BatchNormalization, Activation, Add and Concatenate");
    }

    /** {@code value} with images back in NHWC, Fovea's layout for outputs too. */
    Value finish(Value value) {
        return toNhwc(value, "output");
    }

    /**
     * Add or Concatenate of values of per-example rank {@code rank}; images in NCHW if any input is,
     * so that a residual sum of convolutions' outputs needs no Transpose.
     */
    private Value merge(MergeLayer layer, List<Value> inputs, int rank) {
        String name = layer.name();
        boolean nchw = rank == 3 && inputs.stream().anyMatch(Value::nchw);
        List<String> names = new ArrayList<>();
        for (Value v : inputs) {
            names.add((nchw ? toNchw(v, name) : toNhwc(v, name)).name());
        }
        if (layer instanceof Add) {
            return new Value(g.apply(name, names.size() == 2 ? "Add" : "Sum", names), nchw);
        }
        if (layer instanceof Concatenate) {
            // Fovea joins the last axis: the channels, which NCHW has at axis 1.
            return new Value(g.apply(name, "Concat", names, AttributeProto.ofInt("axis", nchw ? 1 : rank)), nchw);
        }
        throw new FoveaException("cannot export layer " + name + " (" + layer.typeName() + ") to ONNX: the export "
                + "knows the merge layers Add and Concatenate");
    }

    /** The Conv's weights [F, C, KH, KW] and bias, written at the layer's first application. */
    private List<String> convWeights(Conv2D conv, int[] in) {
        return weights.computeIfAbsent(conv, l -> {
            String name = conv.name();
            int size = conv.kernelSize();
            int channels = in[2];
            int filters = conv.filters();
            List<String> names = new ArrayList<>();
            names.add(g.constant(name + "/kernel",
                    Layouts.kernelToOnnx(conv.parameters().get("kernel").data(), size, size, channels, filters),
                    filters, channels, size, size));
            Tensor bias = conv.parameters().get("bias");
            if (bias != null) {
                names.add(g.constant(name + "/bias", bias.data(), filters));
            }
            return names;
        });
    }

    private Value pool(Pooling2D pool, String opType, Value x, int[] in, AttributeProto... extra) {
        int size = pool.poolSize();
        int stride = pool.stride();
        List<AttributeProto> attributes = new ArrayList<>(List.of(AttributeProto.ofInts("kernel_shape", size, size),
                AttributeProto.ofInts("strides", stride, stride),
                AttributeProto.ofInts("pads", Layouts.onnxPads(pool.padding(), in[0], in[1], size, stride))));
        attributes.addAll(List.of(extra));
        return new Value(g.apply(pool.name(), opType, x.name(), List.of(), attributes.toArray(AttributeProto[]::new)),
                true);
    }

    /** Fovea's kernel [IN, OUT] as Gemm's B (transB 0) and the bias as C, written at the layer's first application. */
    private List<String> denseWeights(Dense dense) {
        return weights.computeIfAbsent(dense, l -> {
            String name = dense.name();
            Tensor kernel = dense.parameters().get("kernel");
            List<String> names = new ArrayList<>();
            names.add(g.constant(name + "/kernel", kernel.data(), kernel.dim(0), kernel.dim(1)));
            Tensor bias = dense.parameters().get("bias");
            if (bias != null) {
                names.add(g.constant(name + "/bias", bias.data(), bias.dim(0)));
            }
            return names;
        });
    }

    /**
     * ONNX's BatchNormalization normalises axis 1: an image's channels once it is NCHW, a vector's
     * features as they are. Without scale or center, gamma is ones and beta zeros. The momentum
     * attribute follows the same convention as Fovea's (the weight of the old moving statistics).
     */
    private Value batchNormalization(BatchNormalization norm, Value x, int[] in) {
        String name = norm.name();
        if (in.length == 3) {
            x = toNchw(x, name);
        } else if (in.length != 1) {
            throw new FoveaException("cannot export layer " + name + " (BatchNormalization) to ONNX: its input "
                    + "has " + in.length + " axes per example; the export normalises images and vectors");
        }
        List<String> inputs = new ArrayList<>();
        inputs.add(x.name());
        inputs.addAll(weights.computeIfAbsent(norm, l -> batchNormalizationWeights(norm, in[in.length - 1])));
        return new Value(g.apply(name, "BatchNormalization", inputs,
                AttributeProto.ofFloat("epsilon", (float) norm.epsilon()),
                AttributeProto.ofFloat("momentum", (float) norm.momentum())), x.nchw());
    }

    private List<String> batchNormalizationWeights(BatchNormalization norm, int channels) {
        String name = norm.name();
        Tensor gamma = norm.parameters().get("gamma");
        Tensor beta = norm.parameters().get("beta");
        float[] ones = new float[channels];
        Arrays.fill(ones, 1f);
        return List.of(
                g.constant(name + "/gamma", gamma == null ? ones : gamma.data(), channels),
                g.constant(name + "/beta", beta == null ? new float[channels] : beta.data(), channels),
                g.constant(name + "/moving_mean", norm.parameters().get("moving_mean").data(), channels),
                g.constant(name + "/moving_variance", norm.parameters().get("moving_variance").data(), channels));
    }

    /** The activation's node; Softmax over the channels or classes, wherever the layout has put them. */
    private Value activation(String layer, ActivationFunction f, Value x, int exampleRank) {
        if (f.isLinear()) {
            return x;
        }
        String in = x.name();
        String out;
        if (f.equals(ActivationFunction.RELU)) {
            out = g.apply(layer + "/relu", "Relu", in, List.of());
        } else if (f.equals(ActivationFunction.SIGMOID)) {
            out = g.apply(layer + "/sigmoid", "Sigmoid", in, List.of());
        } else if (f.equals(ActivationFunction.TANH)) {
            out = g.apply(layer + "/tanh", "Tanh", in, List.of());
        } else if (f.equals(ActivationFunction.SOFTMAX)) {
            out = g.apply(layer + "/softmax", "Softmax", in, List.of(),
                    AttributeProto.ofInt("axis", x.nchw() ? 1 : exampleRank));
        } else {
            out = g.apply(layer + "/leaky_relu", "LeakyRelu", in, List.of(),
                    AttributeProto.ofFloat("alpha", leakyAlpha(f)));
        }
        return new Value(out, x.nchw());
    }

    /** The slope of a leaky relu, read from its name "leaky_relu(ALPHA)", which ActivationFunction.parse reads back. */
    private static float leakyAlpha(ActivationFunction f) {
        String text = f.toString();
        String prefix = "leaky_relu(";
        if (text.startsWith(prefix) && text.endsWith(")")) {
            float alpha = Float.parseFloat(text.substring(prefix.length(), text.length() - 1));
            if (ActivationFunction.leakyRelu(alpha).equals(f)) {
                return alpha;
            }
        }
        throw new FoveaException("cannot export activation " + f + " to ONNX");
    }

    /** An image value laid out NCHW: {@code x} itself, or its Transpose (one per value, however many layers read it). */
    private Value toNchw(Value x, String layer) {
        return x.nchw() ? x : new Value(transpose(x, layer + "/to_nchw", Layouts.TO_NCHW), true);
    }

    /** {@code x} laid out NHWC (or a vector): itself, or its Transpose back from NCHW. */
    private Value toNhwc(Value x, String layer) {
        return x.nchw() ? new Value(transpose(x, layer + "/to_nhwc", Layouts.TO_NHWC), false) : x;
    }

    private String transpose(Value x, String name, long[] perm) {
        return transposed.computeIfAbsent(x.name(),
                value -> g.apply(name, "Transpose", value, List.of(), AttributeProto.ofInts("perm", perm)));
    }
}

package dev.fovea.onnx;

import dev.fovea.FoveaException;
import dev.fovea.nn.Activation;
import dev.fovea.nn.ActivationFunction;
import dev.fovea.nn.AveragePooling2D;
import dev.fovea.nn.BatchNormalization;
import dev.fovea.nn.Conv2D;
import dev.fovea.nn.Dense;
import dev.fovea.nn.Dropout;
import dev.fovea.nn.Flatten;
import dev.fovea.nn.GlobalAveragePooling2D;
import dev.fovea.nn.Layer;
import dev.fovea.nn.MaxPooling2D;
import dev.fovea.nn.Pooling2D;
import dev.fovea.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Appends Fovea layers to an exported graph. Images stay NHWC until a Conv or pooling needs
 * NCHW; they go back to NHWC before a Flatten, so the features come out in Fovea's order and the
 * Dense kernels [IN, OUT] serve unchanged as Gemm weights. BatchNormalization becomes ONNX's
 * BatchNormalization in inference mode (its moving statistics as mean and variance), on NCHW
 * images or on vectors, whose axis 1 is Fovea's channel axis either way. Dropout passes values
 * through at inference, so it is left out.
 */
final class LayerExport {
    private final GraphBuilder g;
    /** Whether the current value is an image laid out NCHW (else NHWC, or not an image). */
    private boolean nchw;

    LayerExport(GraphBuilder g) {
        this.g = g;
    }

    void add(Layer layer) {
        String name = layer.name();
        int[] in = layer.inputShape();
        if (layer instanceof Conv2D conv) {
            toNchw(name);
            conv(conv, in);
            activation(name, conv.activation(), layer.outputShape().length);
        } else if (layer instanceof MaxPooling2D pool) {
            toNchw(name);
            pool(pool, "MaxPool", in);
        } else if (layer instanceof AveragePooling2D pool) {
            // Fovea averages only the cells inside the image, as count_include_pad 0 does.
            toNchw(name);
            pool(pool, "AveragePool", in, AttributeProto.ofInt("count_include_pad", 0));
        } else if (layer instanceof GlobalAveragePooling2D) {
            toNchw(name);
            g.apply(name, "GlobalAveragePool", List.of());
            g.apply(name + "/flatten", "Flatten", List.of(), AttributeProto.ofInt("axis", 1));
            nchw = false;
        } else if (layer instanceof Flatten) {
            toNhwc(name);
            if (in.length > 1) {
                g.apply(name, "Flatten", List.of(), AttributeProto.ofInt("axis", 1));
            }
        } else if (layer instanceof Dense dense) {
            dense(dense);
            activation(name, dense.activation(), 1);
        } else if (layer instanceof Activation activation) {
            activation(name, activation.activation(), layer.outputShape().length);
        } else if (layer instanceof BatchNormalization norm) {
            batchNormalization(norm, in);
        } else if (!(layer instanceof Dropout)) {
            throw new FoveaException("cannot export layer " + name + " (" + layer.typeName() + ") to ONNX: the export "
                    + "knows Conv2D, MaxPooling2D, AveragePooling2D, GlobalAveragePooling2D, Flatten, Dense, Dropout, "
                    + "BatchNormalization and Activation");
        }
    }

    /** Ends the graph with images back in NHWC, Fovea's layout for outputs too. */
    void finish() {
        toNhwc("output");
    }

    private void conv(Conv2D conv, int[] in) {
        String name = conv.name();
        int size = conv.kernelSize();
        int stride = conv.stride();
        int channels = in[2];
        int filters = conv.filters();
        Tensor kernel = conv.parameters().get("kernel");
        List<String> weights = new ArrayList<>();
        weights.add(g.constant(name + "/kernel", Layouts.kernelToOnnx(kernel.data(), size, size, channels, filters),
                filters, channels, size, size));
        Tensor bias = conv.parameters().get("bias");
        if (bias != null) {
            weights.add(g.constant(name + "/bias", bias.data(), filters));
        }
        g.apply(name, "Conv", weights, AttributeProto.ofInts("kernel_shape", size, size),
                AttributeProto.ofInts("strides", stride, stride),
                AttributeProto.ofInts("pads", Layouts.onnxPads(conv.padding(), in[0], in[1], size, stride)));
    }

    private void pool(Pooling2D pool, String opType, int[] in, AttributeProto... extra) {
        int size = pool.poolSize();
        int stride = pool.stride();
        List<AttributeProto> attributes = new ArrayList<>(List.of(AttributeProto.ofInts("kernel_shape", size, size),
                AttributeProto.ofInts("strides", stride, stride),
                AttributeProto.ofInts("pads", Layouts.onnxPads(pool.padding(), in[0], in[1], size, stride))));
        attributes.addAll(List.of(extra));
        g.apply(pool.name(), opType, List.of(), attributes.toArray(AttributeProto[]::new));
    }

    /** Gemm with Fovea's kernel [IN, OUT] as B (transB 0) and the bias as C. */
    private void dense(Dense dense) {
        String name = dense.name();
        Tensor kernel = dense.parameters().get("kernel");
        List<String> weights = new ArrayList<>();
        weights.add(g.constant(name + "/kernel", kernel.data(), kernel.dim(0), kernel.dim(1)));
        Tensor bias = dense.parameters().get("bias");
        if (bias != null) {
            weights.add(g.constant(name + "/bias", bias.data(), bias.dim(0)));
        }
        g.apply(name, "Gemm", weights);
    }

    /**
     * ONNX's BatchNormalization normalises axis 1: an image's channels once it is NCHW, a vector's
     * features as they are. Without scale or center, gamma is ones and beta zeros. The momentum
     * attribute follows the same convention as Fovea's (the weight of the old moving statistics).
     */
    private void batchNormalization(BatchNormalization norm, int[] in) {
        String name = norm.name();
        if (in.length == 3) {
            toNchw(name);
        } else if (in.length != 1) {
            throw new FoveaException("cannot export layer " + name + " (BatchNormalization) to ONNX: its input "
                    + "has " + in.length + " axes per example; the export normalises images and vectors");
        }
        int channels = in[in.length - 1];
        Tensor gamma = norm.parameters().get("gamma");
        Tensor beta = norm.parameters().get("beta");
        float[] ones = new float[channels];
        Arrays.fill(ones, 1f);
        List<String> inputs = List.of(
                g.constant(name + "/gamma", gamma == null ? ones : gamma.data(), channels),
                g.constant(name + "/beta", beta == null ? new float[channels] : beta.data(), channels),
                g.constant(name + "/moving_mean", norm.parameters().get("moving_mean").data(), channels),
                g.constant(name + "/moving_variance", norm.parameters().get("moving_variance").data(), channels));
        g.apply(name, "BatchNormalization", inputs, AttributeProto.ofFloat("epsilon", (float) norm.epsilon()),
                AttributeProto.ofFloat("momentum", (float) norm.momentum()));
    }

    /** The activation's node; Softmax over the channels or classes, wherever the layout has put them. */
    private void activation(String layer, ActivationFunction f, int exampleRank) {
        if (f.isLinear()) {
            return;
        }
        if (f.equals(ActivationFunction.RELU)) {
            g.apply(layer + "/relu", "Relu", List.of());
        } else if (f.equals(ActivationFunction.SIGMOID)) {
            g.apply(layer + "/sigmoid", "Sigmoid", List.of());
        } else if (f.equals(ActivationFunction.TANH)) {
            g.apply(layer + "/tanh", "Tanh", List.of());
        } else if (f.equals(ActivationFunction.SOFTMAX)) {
            g.apply(layer + "/softmax", "Softmax", List.of(), AttributeProto.ofInt("axis", nchw ? 1 : exampleRank));
        } else {
            g.apply(layer + "/leaky_relu", "LeakyRelu", List.of(), AttributeProto.ofFloat("alpha", leakyAlpha(f)));
        }
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

    private void toNchw(String layer) {
        if (!nchw) {
            g.apply(layer + "/to_nchw", "Transpose", List.of(), AttributeProto.ofInts("perm", Layouts.TO_NCHW));
            nchw = true;
        }
    }

    private void toNhwc(String layer) {
        if (nchw) {
            g.apply(layer + "/to_nhwc", "Transpose", List.of(), AttributeProto.ofInts("perm", Layouts.TO_NHWC));
            nchw = false;
        }
    }
}

package dev.fovea.onnx;

import dev.fovea.kernel.Padding;
import dev.fovea.nn.Activation;
import dev.fovea.nn.ActivationFunction;
import dev.fovea.nn.AveragePooling2D;
import dev.fovea.nn.BatchNormalization;
import dev.fovea.nn.Conv2D;
import dev.fovea.nn.Dense;
import dev.fovea.nn.Dropout;
import dev.fovea.nn.Flatten;
import dev.fovea.nn.GlobalAveragePooling2D;
import dev.fovea.nn.Initializer;
import dev.fovea.nn.Layer;
import dev.fovea.nn.MaxPooling2D;
import dev.fovea.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A Fovea layer being assembled from ONNX nodes, with its weights already in Fovea's layouts. A
 * convolution or dense layer stays open to what ONNX writes as separate nodes: an Add that is its
 * bias, a BatchNormalization folded into its weights (in graphs from elsewhere), and the activation
 * after it.
 */
final class LayerDraft {
    private final Supplier<Layer> plain;
    private final boolean weighted;
    private final int outputs;
    private final int size;
    private final int stride;
    private final Padding padding;
    private float[] kernel;
    private float[] bias;
    /** The weights of a layer of another kind (BatchNormalization's), by parameter name. */
    private final Map<String, float[]> named = new LinkedHashMap<>();
    private ActivationFunction activation = ActivationFunction.LINEAR;
    /** The name of the initializer holding the weights, by which nodes that share them are found; null if none. */
    private String weightsName;

    private LayerDraft(Supplier<Layer> plain, int outputs, int size, int stride, Padding padding, float[] kernel,
                       float[] bias) {
        this.plain = plain;
        this.weighted = plain == null;
        this.outputs = outputs;
        this.size = size;
        this.stride = stride;
        this.padding = padding;
        this.kernel = kernel;
        this.bias = bias;
    }

    /** Conv2D from a kernel [KH, KW, C, F] and a bias [F] or null. */
    static LayerDraft conv(int filters, int size, int stride, Padding padding, float[] kernel, float[] bias) {
        return new LayerDraft(null, filters, size, stride, padding, kernel, bias);
    }

    /** Dense from a kernel [IN, OUT] and a bias [OUT] or null. */
    static LayerDraft dense(int units, float[] kernel, float[] bias) {
        return new LayerDraft(null, units, 0, 0, null, kernel, bias);
    }

    /** A layer without weights (pooling, flatten, dropout, a lone activation). */
    static LayerDraft of(Supplier<Layer> layer) {
        return new LayerDraft(layer, 0, 0, 0, null, null, null);
    }

    static LayerDraft maxPool(int size, int stride, Padding padding) {
        return of(() -> new MaxPooling2D(size, stride, padding));
    }

    static LayerDraft averagePool(int size, int stride, Padding padding) {
        return of(() -> new AveragePooling2D(size, stride, padding));
    }

    static LayerDraft globalAveragePool() {
        return of(GlobalAveragePooling2D::new);
    }

    static LayerDraft flatten() {
        return of(Flatten::new);
    }

    static LayerDraft dropout(float rate) {
        return of(() -> new Dropout(rate));
    }

    static LayerDraft activationLayer(ActivationFunction function) {
        return of(() -> new Activation(function));
    }

    /** BatchNormalization with gamma and beta, and its moving statistics, each [C]. */
    static LayerDraft batchNormalization(double momentum, double epsilon, float[] gamma, float[] beta, float[] mean,
                                         float[] variance) {
        LayerDraft draft = of(() -> new BatchNormalization(momentum, epsilon, true, true));
        draft.named.put("gamma", gamma);
        draft.named.put("beta", beta);
        draft.named.put("moving_mean", mean);
        draft.named.put("moving_variance", variance);
        return draft;
    }

    /** Names the initializer of the weights, which another node may share; returns this draft. */
    LayerDraft weightsName(String name) {
        this.weightsName = name;
        return this;
    }

    String weightsName() {
        return weightsName;
    }

    /** Whether {@code other} makes the same layer with the same weights (so one layer can serve both nodes). */
    boolean sameLayer(LayerDraft other) {
        return layer().config().equals(other.layer().config()) && Arrays.equals(kernel, other.kernel)
                && Arrays.equals(bias, other.bias) && named.keySet().equals(other.named.keySet())
                && named.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), other.named.get(e.getKey())));
    }

    /** Whether an activation node right after this layer can become its activation. */
    boolean takesActivation() {
        return weighted && activation.isLinear();
    }

    /** Whether an Add right after this layer can become its bias. */
    boolean takesBias() {
        return weighted && activation.isLinear() && bias == null;
    }

    int outputs() {
        return outputs;
    }

    void activation(ActivationFunction function) {
        this.activation = function;
    }

    void bias(float[] values) {
        this.bias = values;
    }

    /**
     * Folds y = scale * x + shift per output channel into the weights: the kernel's values of
     * output o are multiplied by scale[o], and the bias becomes bias * scale + shift.
     */
    void fold(double[] scale, double[] shift) {
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] = (float) (kernel[i] * scale[i % outputs]);
        }
        float[] folded = new float[outputs];
        for (int o = 0; o < outputs; o++) {
            folded[o] = (float) ((bias == null ? 0 : bias[o]) * scale[o] + shift[o]);
        }
        bias = folded;
    }

    /** The Fovea layer, not yet built; {@link #copyWeights} fills it once a model has built it. */
    Layer layer() {
        if (!weighted) {
            return plain.get();
        }
        if (size > 0) {
            return new Conv2D(outputs, size, stride, padding, activation, bias != null, Initializer.GLOROT_UNIFORM);
        }
        return new Dense(outputs, activation, bias != null, Initializer.GLOROT_UNIFORM);
    }

    void copyWeights(Layer built) {
        Map<String, Tensor> parameters = built.parameters();
        if (kernel != null) {
            copy(kernel, parameters.get("kernel").data(), built);
        }
        if (bias != null) {
            copy(bias, parameters.get("bias").data(), built);
        }
        named.forEach((name, values) -> copy(values, parameters.get(name).data(), built));
    }

    private static void copy(float[] from, float[] to, Layer layer) {
        if (from.length != to.length) {
            throw new IllegalStateException(layer.name() + ": " + from.length + " weights for " + to.length);
        }
        System.arraycopy(from, 0, to, 0, from.length);
    }
}

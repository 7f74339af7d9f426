package dev.fovea.model;

import dev.fovea.nn.ActivatedLayer;
import dev.fovea.nn.ActivationFunction;
import dev.fovea.nn.ForwardContext;
import dev.fovea.nn.Layer;
import dev.fovea.nn.LayerNames;
import dev.fovea.tensor.InferenceArrays;
import dev.fovea.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A plain stack of layers, each feeding the next, with a declared per-example input shape:
 * <pre>{@code
 * Sequential model = new Sequential(28, 28, 1)
 *         .add(new Conv2D(64, 3, ActivationFunction.RELU))
 *         .add(new MaxPooling2D(2))
 *         .add(new Flatten())
 *         .add(new Dense(10, ActivationFunction.SOFTMAX));
 * }</pre>
 * Each layer is built when added, so a shape mistake is reported at the layer that causes it.
 */
public final class Sequential extends Model {
    private final int[] inputShape;
    private int[] outputShape;
    private final List<Layer> layers = new ArrayList<>();
    private final LayerNames names = new LayerNames();

    public Sequential(int... inputShape) {
        if (inputShape.length == 0) {
            throw new IllegalArgumentException("Sequential needs an input shape, e.g. (28, 28, 1)");
        }
        this.inputShape = inputShape.clone();
        this.outputShape = inputShape.clone();
    }

    /** Appends layers; unnamed layers get Keras's names (conv2d, conv2d_1, ...). */
    public Sequential add(Layer... newLayers) {
        for (Layer layer : newLayers) {
            String name = names.claim(layer);
            layer.name(name);
            try {
                outputShape = layer.build(outputShape);
            } catch (IllegalArgumentException | ArithmeticException e) {
                // ArithmeticException: a size past what one array can hold.
                throw new IllegalArgumentException("layer " + name + " (" + layer.typeName() + "): " + e.getMessage(), e);
            }
            layers.add(layer);
        }
        return this;
    }

    @Override
    public List<Layer> layers() {
        return Collections.unmodifiableList(layers);
    }

    @Override
    public int[] inputShape() {
        return inputShape.clone();
    }

    @Override
    public int[] outputShape() {
        return outputShape.clone();
    }

    @Override
    public Tensor forward(Tensor x, ForwardContext context) {
        Tensor input = x;
        for (Layer layer : layers) {
            Tensor next = layer.forward(x, context);
            releaseConsumed(input, x, next);
            x = next;
        }
        return x;
    }

    @Override
    public Tensor forwardBefore(ActivationFunction activation, Tensor x, ForwardContext context) {
        Tensor input = x;
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            boolean last = i == layers.size() - 1;
            Tensor next = last && !activation.isLinear() && layer instanceof ActivatedLayer a
                    && a.activation().equals(activation) ? a.preActivation(x, context) : layer.forward(x, context);
            releaseConsumed(input, x, next);
            x = next;
        }
        return x;
    }

    /**
     * Once {@code next} is made from {@code x}, x's array is released for reuse by the next inference
     * batch ({@link InferenceArrays}; nothing happens outside its scope or in training), unless x
     * shares the caller's input's array (it is the input or a reshape of it) or next shares x's (a
     * reshape, or a layer that passes its input on).
     */
    private static void releaseConsumed(Tensor input, Tensor x, Tensor next) {
        if (x.data() != input.data() && next.data() != x.data()) {
            InferenceArrays.release(x);
        }
    }

    @Override
    public String modelName() {
        return "sequential";
    }
}

package dev.fovea.model;

import dev.fovea.nn.ActivatedLayer;
import dev.fovea.nn.ActivationFunction;
import dev.fovea.nn.Conv2D;
import dev.fovea.nn.ForwardContext;
import dev.fovea.nn.Layer;
import dev.fovea.nn.LayerNames;
import dev.fovea.nn.MaxPooling2D;
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
        return run(x, context, ActivationFunction.LINEAR);
    }

    @Override
    public Tensor forwardBefore(ActivationFunction activation, Tensor x, ForwardContext context) {
        return run(x, context, activation);
    }

    /**
     * Runs the layers in order; the last stops before {@code leaveOut} when that is its activation.
     * A Conv2D with a ReLU followed by a MaxPooling2D runs as one op that never keeps the
     * convolution's output (at batch 128, model A's first one is 22 MB): same values and gradients.
     */
    private Tensor run(Tensor x, ForwardContext context, ActivationFunction leaveOut) {
        Tensor input = x;
        int last = layers.size() - 1;
        for (int i = 0; i <= last; i++) {
            Layer layer = layers.get(i);
            Tensor next;
            if (i < last && layer instanceof Conv2D conv && conv.poolsInOnePass()
                    && layers.get(i + 1) instanceof MaxPooling2D pool) {
                next = conv.forwardThenMaxPool(x, pool);
                i++;
            } else if (i == last && !leaveOut.isLinear() && layer instanceof ActivatedLayer a
                    && a.activation().equals(leaveOut)) {
                next = a.preActivation(x, context);
            } else {
                next = layer.forward(x, context);
            }
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

package dev.fovea.viz;

import dev.fovea.model.Model;
import dev.fovea.model.Sequential;
import dev.fovea.nn.ForwardContext;
import dev.fovea.nn.Layer;
import dev.fovea.tensor.NoGrad;
import dev.fovea.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a {@link Sequential} model one layer at a time, as its {@code forward} does, keeping what
 * each layer gives: pictures of the inside of a network need every intermediate result.
 */
public final class LayerOutputs {
    private LayerOutputs() {}

    /** Each layer's output for a batch, in order, in inference mode (no dropout), recording no gradients. */
    public static List<Tensor> of(Model model, Tensor images) {
        try (NoGrad scope = NoGrad.enter()) {
            return upTo(model, images, layers(model).size() - 1);
        }
    }

    /**
     * The outputs of layers 0 .. {@code last} for a batch, in inference mode; gradients are
     * recorded when {@code images} or the weights need them and no {@link NoGrad} scope is active.
     */
    public static List<Tensor> upTo(Model model, Tensor images, int last) {
        List<Layer> layers = layers(model);
        List<Tensor> outputs = new ArrayList<>();
        Tensor x = images;
        for (int i = 0; i <= last; i++) {
            x = layers.get(i).forward(x, ForwardContext.INFERENCE);
            outputs.add(x);
        }
        return outputs;
    }

    /** The model's layers, which must run one after another (a {@link Sequential} model). */
    public static List<Layer> layers(Model model) {
        if (!(model instanceof Sequential)) {
            throw new IllegalArgumentException("pictures of layers need a Sequential model, whose layers run one after"
                    + " another; this is a " + model.getClass().getSimpleName());
        }
        return model.layers();
    }

    /** The position of the layer called {@code name}; an unknown name gets an error listing the known ones. */
    public static int indexOf(Model model, String name) {
        List<Layer> layers = layers(model);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i).name().equals(name)) {
                return i;
            }
            names.add(layers.get(i).name());
        }
        throw new IllegalArgumentException("no layer named '" + name + "': the model has " + String.join(", ", names));
    }
}

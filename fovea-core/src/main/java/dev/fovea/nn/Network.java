package dev.fovea.nn;

import dev.fovea.tensor.Tensor;
import java.util.List;

/** What training and inference need of a model: its layers and a forward pass. */
public interface Network {
    /** The layers in the order they run. */
    List<Layer> layers();

    /** Per-example input shape, e.g. (28, 28, 1). */
    int[] inputShape();

    /** Per-example output shape, e.g. (10,). */
    int[] outputShape();

    /** The model's output for a batch. */
    Tensor forward(Tensor x, ForwardContext context);

    /**
     * The output with a final {@code activation} left out when the model ends in it (so a loss can
     * fuse it); otherwise the same as {@link #forward}.
     */
    Tensor forwardBefore(ActivationFunction activation, Tensor x, ForwardContext context);

    /** Parameters the optimizer updates: those of trainable layers, without their non-trainable state. */
    default List<Tensor> trainableParameters() {
        return layers().stream().flatMap(l -> l.trainableParameters().values().stream()).toList();
    }
}

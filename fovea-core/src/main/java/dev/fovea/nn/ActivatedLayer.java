package dev.fovea.nn;

import dev.fovea.tensor.Tensor;

/**
 * A layer that computes a pre-activation and then applies an activation (Dense, Conv2D, Activation).
 * Models use {@link #preActivation} to hand a final softmax or sigmoid to a loss that fuses it.
 */
public abstract class ActivatedLayer extends Layer {
    private final ActivationFunction activation;

    protected ActivatedLayer(ActivationFunction activation) {
        this.activation = activation;
    }

    public final ActivationFunction activation() {
        return activation;
    }

    /** The output before the activation. */
    public abstract Tensor preActivation(Tensor x, ForwardContext context);

    @Override
    public final Tensor forward(Tensor x, ForwardContext context) {
        return activation.apply(preActivation(x, context));
    }
}

package dev.fovea.nn;

import dev.fovea.tensor.Tensor;
import dev.fovea.tensor.Workspace;

/**
 * A layer that computes a pre-activation and then applies an activation (Dense, Conv2D, Activation).
 * Models use {@link #preActivation} to hand a final softmax or sigmoid to a loss that fuses it.
 */
public abstract class ActivatedLayer extends Layer {
    private final ActivationFunction activation;
    /** The activation's arrays when it runs as an op of its own. */
    private final Workspace activationWorkspace = new Workspace();

    protected ActivatedLayer(ActivationFunction activation) {
        this.activation = activation;
    }

    public final ActivationFunction activation() {
        return activation;
    }

    /** The output before the activation. */
    public abstract Tensor preActivation(Tensor x, ForwardContext context);

    /**
     * The activation of the pre-activation. A layer whose op can fuse its activation (a ReLU into
     * a convolution or a dense map) overrides this to do so, with the same result.
     */
    @Override
    public Tensor forward(Tensor x, ForwardContext context) {
        return activation.apply(preActivation(x, context), activationWorkspace);
    }
}

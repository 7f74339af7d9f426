package dev.fovea.model;

import dev.fovea.kernel.Padding;
import dev.fovea.nn.Activation;
import dev.fovea.nn.ActivationFunction;
import dev.fovea.nn.Add;
import dev.fovea.nn.Conv2D;
import dev.fovea.nn.Initializer;
import dev.fovea.nn.Layer;
import dev.fovea.nn.Node;
import java.util.function.Supplier;

/**
 * The basic residual block of He et al., "Deep Residual Learning for Image Recognition" (2016),
 * for graph models: two 3x3 convolutions whose output is added to the block's input (the
 * shortcut), then a ReLU. The first convolution has the block's stride; when the stride or the
 * channel count changes the shape, the shortcut is a 1x1 convolution with that stride (the
 * paper's projection shortcut), else the input itself.
 * <pre>{@code
 * Node x = new Conv2D(16, 3, 1, Padding.SAME, RELU).apply(Node.input(32, 32, 3));
 * x = ResidualBlock.basic(x, 16, 1);
 * x = ResidualBlock.basic(x, 32, 2);    // 16x16x32, projection shortcut
 * }</pre>
 * Convolutions use SAME padding (an odd size halves to the size rounded up, as TensorFlow's rule
 * gives) and He-normal initialisation, as ReLU networks need.
 */
public final class ResidualBlock {
    private ResidualBlock() {}

    /**
     * A block without normalisation: conv 3x3 (stride) with ReLU, conv 3x3, plus the shortcut, ReLU.
     * The convolutions have biases; the first runs its ReLU fused.
     */
    public static Node basic(Node x, int filters, int stride) {
        return build(x, filters, stride, null);
    }

    /**
     * A block with a normalisation layer after every convolution, before its activation or the
     * sum: conv 3x3 (stride), norm, ReLU, conv 3x3, norm, plus the shortcut (normalised when it is
     * a projection), ReLU. The convolutions have no bias, which the normalisation's own shift makes
     * redundant. {@code normalization} makes a new layer for each place, e.g.
     * {@code BatchNormalization::new}.
     */
    public static Node basic(Node x, int filters, int stride, Supplier<? extends Layer> normalization) {
        if (normalization == null) {
            throw new IllegalArgumentException("normalization is null; use basic(x, filters, stride) for a block without");
        }
        return build(x, filters, stride, normalization);
    }

    /** The block, normalised when {@code normalization} is not null. */
    private static Node build(Node x, int filters, int stride, Supplier<? extends Layer> normalization) {
        int[] in = x.shape();
        if (in.length != 3) {
            throw new IllegalArgumentException("a residual block needs an image (height, width, channels), got " + x);
        }
        boolean normalized = normalization != null;
        Node main = normalized
                ? new Activation(ActivationFunction.RELU).apply(normalization.get().apply(conv(x, filters, 3, stride, false)))
                : new Conv2D(filters, 3, stride, Padding.SAME, ActivationFunction.RELU, true, Initializer.HE_NORMAL)
                        .apply(x);
        main = conv(main, filters, 3, 1, !normalized);
        if (normalized) {
            main = normalization.get().apply(main);
        }
        Node shortcut = x;
        if (stride != 1 || in[2] != filters) {
            shortcut = conv(x, filters, 1, stride, !normalized);
            if (normalized) {
                shortcut = normalization.get().apply(shortcut);
            }
        }
        return new Activation(ActivationFunction.RELU).apply(new Add().apply(main, shortcut));
    }

    private static Node conv(Node x, int filters, int size, int stride, boolean bias) {
        return new Conv2D(filters, size, stride, Padding.SAME, ActivationFunction.LINEAR, bias, Initializer.HE_NORMAL)
                .apply(x);
    }
}

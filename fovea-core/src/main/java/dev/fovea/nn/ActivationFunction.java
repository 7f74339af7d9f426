package dev.fovea.nn;

import dev.fovea.ops.ActivationOps;
import dev.fovea.tensor.Tensor;
import dev.fovea.tensor.Workspace;
import java.util.Locale;

/**
 * An activation applied by a layer: linear (none), relu, leaky_relu(alpha), sigmoid, tanh or
 * softmax (over the last axis). {@link #toString()} gives the name {@link #parse} reads back.
 */
public final class ActivationFunction {
    public static final ActivationFunction LINEAR = new ActivationFunction("linear", 0f);
    public static final ActivationFunction RELU = new ActivationFunction("relu", 0f);
    public static final ActivationFunction SIGMOID = new ActivationFunction("sigmoid", 0f);
    public static final ActivationFunction TANH = new ActivationFunction("tanh", 0f);
    public static final ActivationFunction SOFTMAX = new ActivationFunction("softmax", 0f);
    /** Keras's default negative slope for LeakyReLU. */
    public static final float DEFAULT_LEAKY_ALPHA = 0.3f;

    private final String name;
    private final float alpha;

    private ActivationFunction(String name, float alpha) {
        this.name = name;
        this.alpha = alpha;
    }

    public static ActivationFunction leakyRelu(float alpha) {
        return new ActivationFunction("leaky_relu", alpha);
    }

    /** Reads "relu", "leaky_relu", "leaky_relu(0.1)", "sigmoid", "tanh", "softmax", "linear". */
    public static ActivationFunction parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "linear": case "none": return LINEAR;
            case "relu": return RELU;
            case "sigmoid": return SIGMOID;
            case "tanh": return TANH;
            case "softmax": return SOFTMAX;
            case "leaky_relu": return leakyRelu(DEFAULT_LEAKY_ALPHA);
            default:
                if (t.startsWith("leaky_relu(") && t.endsWith(")")) {
                    try {
                        return leakyRelu(Float.parseFloat(t.substring("leaky_relu(".length(), t.length() - 1)));
                    } catch (NumberFormatException e) {
                        // reported below
                    }
                }
                throw new IllegalArgumentException("unknown activation '" + text
                        + "': expected linear, relu, leaky_relu, leaky_relu(ALPHA), sigmoid, tanh or softmax");
        }
    }

    public Tensor apply(Tensor x) {
        return apply(x, new Workspace());
    }

    /** {@link #apply(Tensor)} with the output's arrays reused through {@code workspace}. */
    public Tensor apply(Tensor x, Workspace workspace) {
        switch (name) {
            case "linear": return x;
            case "relu": return ActivationOps.relu(x, workspace);
            case "leaky_relu": return ActivationOps.leakyRelu(x, alpha, workspace);
            case "sigmoid": return ActivationOps.sigmoid(x, workspace);
            case "tanh": return ActivationOps.tanh(x, workspace);
            case "softmax": return ActivationOps.softmax(x, workspace);
            default: throw new AssertionError(name);
        }
    }

    public boolean isLinear() {
        return name.equals("linear");
    }

    @Override
    public String toString() {
        return name.equals("leaky_relu") ? "leaky_relu(" + alpha + ")" : name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ActivationFunction a && a.name.equals(name) && a.alpha == alpha;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Float.hashCode(alpha);
    }
}

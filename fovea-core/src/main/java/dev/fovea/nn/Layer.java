package dev.fovea.nn;

import dev.fovea.tensor.Shapes;
import dev.fovea.tensor.Tensor;
import dev.fovea.tensor.Workspace;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A step of a network: a differentiable map from a batch to a batch, with named parameters.
 *
 * <p>Shapes given to and returned by {@link #build} are per example, without the batch
 * dimension, as Keras prints them: (26, 26, 64) for a conv layer's output. A layer is built once,
 * when it is added to a model; {@link #initialize} then fills its parameters.
 *
 * <p>In training a layer reuses its arrays from step to step through its {@link Workspace}: the
 * output of a forward that records a graph, and its gradient, stay valid until the layer's next
 * such forward after {@link Tensor#backward()}; then they are overwritten (and reading the old
 * output tensor throws). Inference (under {@link dev.fovea.tensor.NoGrad}) always returns new arrays.
 */
public abstract class Layer {
    private String name;
    private boolean trainable = true;
    private int[] inputShape;
    private int[] outputShape;
    private final Map<String, Tensor> parameters = new LinkedHashMap<>();
    private Map<String, int[]> plannedShapes;
    private final Workspace workspace = new Workspace();

    /** The class name shown in summaries and stored in model files, e.g. "Conv2D". */
    public abstract String typeName();

    /** Keras's base for automatic names, e.g. "conv2d" (then conv2d_1, conv2d_2, ...). */
    public abstract String baseName();

    /** The per-example output shape for a per-example input shape; throws if the input does not fit. */
    protected abstract int[] outputShape(int[] inputShape);

    /** The shapes of the parameters this layer has for a valid input shape, by name; none by default. */
    protected Map<String, int[]> parameterShapes(int[] inputShape) {
        return Map.of();
    }

    /**
     * The parameter shapes building for {@code inputShape} would allocate, without allocating:
     * lets a model file be checked against its architecture before memory is committed.
     */
    public final Map<String, int[]> parameterShapesFor(int[] inputShape) {
        outputShape(inputShape.clone());
        return parameterShapes(inputShape.clone());
    }

    /** Fills the parameters for training from scratch; nothing by default. */
    public void initialize(SplittableRandom random) {}

    /** The arrays this layer's op reuses from one training step to the next. */
    protected final Workspace workspace() {
        return workspace;
    }

    /** Applies the layer to a batch whose first dimension is the batch size. */
    public abstract Tensor forward(Tensor x, ForwardContext context);

    /** The layer's settings (not its weights) as JSON-compatible values, enough to rebuild it. */
    public abstract Map<String, Object> config();

    /** Builds the layer for a per-example input shape and returns its output shape. */
    public final int[] build(int[] inputShape) {
        if (this.inputShape != null) {
            throw new IllegalStateException("layer " + name + " is already built; a layer belongs to one model");
        }
        int[] out = outputShape(inputShape.clone());
        // Fails now, not at the first forward pass, when one example's output cannot be one array.
        if (Shapes.size(out) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("its output of shape " + Shapes.toString(out)
                    + " has more values per example than one array holds (2^31 - 1)");
        }
        plannedShapes = Collections.unmodifiableMap(new LinkedHashMap<>(parameterShapes(inputShape.clone())));
        plannedShapes.forEach((parameterName, shape) -> {
            // Fails now, not at first use, when one array cannot hold the parameter.
            if (Shapes.size(shape) > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("its " + parameterName + " of shape " + Shapes.toString(shape)
                        + " has more values than one array holds (2^31 - 1)");
            }
        });
        this.inputShape = inputShape.clone();
        this.outputShape = out;
        return out.clone();
    }

    /**
     * Parameters by name ("kernel", "bias"), in the layer's order. They are allocated (as zeros) on
     * first use, so building a model only to print its summary commits no memory to weights.
     */
    public final synchronized Map<String, Tensor> parameters() {
        if (parameters.isEmpty() && plannedShapes != null) {
            plannedShapes.forEach((parameterName, shape) -> parameters.put(parameterName,
                    Tensor.parameter(new float[(int) Shapes.size(shape)], shape).requiresGrad(trainable)));
        }
        return Collections.unmodifiableMap(parameters);
    }

    public final long parameterCount() {
        long n = 0;
        if (plannedShapes != null) {
            for (int[] shape : plannedShapes.values()) {
                n += Shapes.size(shape);
            }
        }
        return n;
    }

    public final String name() { return name; }

    /**
     * Sets the name, before the layer joins a model (model files key weights by layer name, so
     * it must not change after); models name unnamed layers as Keras does.
     */
    public final Layer name(String newName) {
        if (inputShape != null) {
            throw new IllegalStateException("layer " + name + " is already in a model; its name is fixed");
        }
        this.name = newName;
        return this;
    }

    public final boolean trainable() { return trainable; }

    /**
     * A frozen layer (false) keeps its weights through training: its parameters need no gradient,
     * so backward computes none for them.
     */
    public final Layer trainable(boolean value) {
        this.trainable = value;
        for (Tensor p : parameters.values()) {
            p.requiresGrad(value);
        }
        return this;
    }

    public final int[] inputShape() { return inputShape == null ? null : inputShape.clone(); }
    public final int[] outputShape() { return outputShape == null ? null : outputShape.clone(); }

    protected static IllegalArgumentException shapeError(String layer, String expected, int[] got) {
        return new IllegalArgumentException(layer + " expects " + expected + " input, got "
                + Shapes.toString(got));
    }
}

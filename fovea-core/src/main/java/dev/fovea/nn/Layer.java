package dev.fovea.nn;

import dev.fovea.tensor.Shapes;
import dev.fovea.tensor.Tensor;
import dev.fovea.tensor.Workspace;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A step of a network: a differentiable map from a batch to a batch, with named parameters.
 *
 * <p>Shapes given to and returned by {@link #build} are per example, without the batch
 * dimension, as Keras prints them: (26, 26, 64) for a conv layer's output. A layer is built once,
 * when it is added to a model; {@link #initialize} then fills its parameters.
 *
 * <p>A layer takes one input, except a {@link MergeLayer} (Add, Concatenate), which takes several.
 * In a {@link dev.fovea.model.Sequential} model each layer feeds the next; in a graph model
 * ({@link dev.fovea.model.GraphModel}) {@link #apply} connects a layer to the {@link Node}s it reads.
 *
 * <p>In training a layer reuses its arrays from step to step through its {@link Workspace}: the
 * output of a forward that records a graph, and its gradient, stay valid until the layer's next
 * such forward after {@link Tensor#backward()}; then they are overwritten (and reading the old
 * output tensor throws). Inference (under {@link dev.fovea.tensor.NoGrad}) always returns new arrays.
 */
public abstract class Layer {
    private String name;
    private boolean trainable = true;
    private List<int[]> inputShapes;
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

    /**
     * The per-example output shape for the shapes of all inputs; throws if they do not fit. A layer
     * takes exactly one input; {@link MergeLayer} overrides this for several.
     */
    protected int[] outputShape(List<int[]> shapes) {
        if (shapes.size() != 1) {
            throw new IllegalArgumentException(typeName() + " takes one input, got " + shapes.size());
        }
        return outputShape(shapes.get(0));
    }

    /** The shapes of the parameters this layer has for a valid input shape, by name; none by default. */
    protected Map<String, int[]> parameterShapes(int[] inputShape) {
        return Map.of();
    }

    /**
     * The names of the parameters that no optimizer updates, even while the layer is trainable:
     * state the layer keeps itself, such as BatchNormalization's moving statistics (Keras's
     * non-trainable weights). They are saved, loaded and copied with the other parameters, but
     * need no gradient. None by default.
     */
    protected Set<String> nonTrainableParameterNames() {
        return Set.of();
    }

    /**
     * The parameter shapes building for {@code inputShape} would allocate, without allocating:
     * lets a model file be checked against its architecture before memory is committed.
     */
    public final Map<String, int[]> parameterShapesFor(int[] inputShape) {
        return parameterShapesFor(List.of(inputShape));
    }

    /** {@link #parameterShapesFor(int[])} for the shapes of all inputs (one, or several for a merge layer). */
    public final Map<String, int[]> parameterShapesFor(List<int[]> shapes) {
        outputShape(copies(shapes));
        return parameterShapes(shapes.get(0).clone());
    }

    /** Fills the parameters for training from scratch; nothing by default. */
    public void initialize(SplittableRandom random) {}

    /** The arrays this layer's op reuses from one training step to the next. */
    protected final Workspace workspace() {
        return workspace;
    }

    /** Applies the layer to a batch whose first dimension is the batch size. */
    public abstract Tensor forward(Tensor x, ForwardContext context);

    /**
     * Applies the layer to its inputs, batches of one size: exactly one, except for a
     * {@link MergeLayer}. Graph models call this.
     */
    public Tensor forward(List<Tensor> inputs, ForwardContext context) {
        if (inputs.size() != 1) {
            throw new IllegalArgumentException(typeName() + " " + name + " takes one input, got " + inputs.size());
        }
        return forward(inputs.get(0), context);
    }

    /**
     * Connects this layer, in a graph under construction, to the nodes it reads (one, or several for
     * a merge layer), and returns the node of its output. The layer is named (Keras's names, unique
     * in the graph) and built on its first application; applying it again shares its weights
     * (their gradients add up) and needs inputs of the same shapes. Shape errors name the layers
     * and shapes involved.
     */
    public final Node apply(Node... inputs) {
        return Node.output(this, List.of(inputs));
    }

    /** The layer's settings (not its weights) as JSON-compatible values, enough to rebuild it. */
    public abstract Map<String, Object> config();

    /** Builds the layer for a per-example input shape and returns its output shape. */
    public final int[] build(int[] inputShape) {
        return build(List.of(inputShape));
    }

    /** Builds the layer for the per-example shapes of its inputs and returns its output shape. */
    public final int[] build(List<int[]> shapes) {
        if (this.inputShapes != null) {
            throw new IllegalStateException("layer " + name + " is already built; a layer belongs to one model");
        }
        int[] out = outputShape(copies(shapes));
        // Fails now, not at the first forward pass, when one example's output cannot be one array.
        if (Shapes.size(out) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("its output of shape " + Shapes.toString(out)
                    + " has more values per example than one array holds (2^31 - 1)");
        }
        plannedShapes = Collections.unmodifiableMap(new LinkedHashMap<>(parameterShapes(shapes.get(0).clone())));
        plannedShapes.forEach((parameterName, shape) -> {
            // Fails now, not at first use, when one array cannot hold the parameter.
            if (Shapes.size(shape) > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("its " + parameterName + " of shape " + Shapes.toString(shape)
                        + " has more values than one array holds (2^31 - 1)");
            }
        });
        this.inputShapes = copies(shapes);
        this.outputShape = out;
        return out.clone();
    }

    private static List<int[]> copies(List<int[]> shapes) {
        List<int[]> out = new ArrayList<>(shapes.size());
        for (int[] shape : shapes) {
            out.add(shape.clone());
        }
        return out;
    }

    /**
     * Parameters by name ("kernel", "bias"), in the layer's order. They are allocated (as zeros) on
     * first use, so building a model only to print its summary commits no memory to weights.
     */
    public final synchronized Map<String, Tensor> parameters() {
        if (parameters.isEmpty() && plannedShapes != null) {
            plannedShapes.forEach((parameterName, shape) -> parameters.put(parameterName,
                    Tensor.parameter(new float[(int) Shapes.size(shape)], shape)
                            .requiresGrad(trainable && !nonTrainableParameterNames().contains(parameterName))));
        }
        return Collections.unmodifiableMap(parameters);
    }

    /**
     * The parameters an optimizer updates, by name: none while the layer is frozen, else all but
     * its {@linkplain #nonTrainableParameterNames() non-trainable} ones.
     */
    public final Map<String, Tensor> trainableParameters() {
        Map<String, Tensor> trainableOnes = new LinkedHashMap<>();
        if (trainable) {
            parameters().forEach((parameterName, p) -> {
                if (!nonTrainableParameterNames().contains(parameterName)) {
                    trainableOnes.put(parameterName, p);
                }
            });
        }
        return Collections.unmodifiableMap(trainableOnes);
    }

    public final long parameterCount() {
        return count(false);
    }

    /** The number of values in {@link #trainableParameters()}, counted without allocating them. */
    public final long trainableParameterCount() {
        return trainable ? count(true) : 0;
    }

    private long count(boolean onlyTrainable) {
        long n = 0;
        if (plannedShapes != null) {
            for (Map.Entry<String, int[]> p : plannedShapes.entrySet()) {
                if (!onlyTrainable || !nonTrainableParameterNames().contains(p.getKey())) {
                    n += Shapes.size(p.getValue());
                }
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
        if (inputShapes != null) {
            throw new IllegalStateException("layer " + name + " is already in a model; its name is fixed");
        }
        this.name = newName;
        return this;
    }

    public final boolean trainable() { return trainable; }

    /**
     * A frozen layer (false) keeps its weights through training: its parameters need no gradient,
     * so backward computes none for them. (A frozen BatchNormalization also keeps its moving
     * statistics: it normalises as in inference.)
     */
    public final Layer trainable(boolean value) {
        this.trainable = value;
        parameters.forEach((parameterName, p) ->
                p.requiresGrad(value && !nonTrainableParameterNames().contains(parameterName)));
        return this;
    }

    /** The per-example input shape once built (a merge layer's first input), else null. */
    public final int[] inputShape() { return inputShapes == null ? null : inputShapes.get(0).clone(); }

    /** The per-example shapes of all inputs once built (one, or several for a merge layer), else null. */
    public final List<int[]> inputShapes() { return inputShapes == null ? null : copies(inputShapes); }

    public final int[] outputShape() { return outputShape == null ? null : outputShape.clone(); }

    protected static IllegalArgumentException shapeError(String layer, String expected, int[] got) {
        return new IllegalArgumentException(layer + " expects " + expected + " input, got "
                + Shapes.toString(got));
    }
}

package dev.fovea.nn;

import dev.fovea.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * A layer that merges two or more inputs into one output (Add, Concatenate), in a graph model.
 * Merge layers have no parameters; given a single input they refuse it.
 */
public abstract class MergeLayer extends Layer {
    /** The output shape for the inputs' per-example shapes, at least two of them. */
    protected abstract int[] mergedShape(List<int[]> shapes);

    /** Merges a batch of each input, at least two. */
    protected abstract Tensor merge(List<Tensor> inputs);

    @Override
    protected final int[] outputShape(List<int[]> shapes) {
        if (shapes.size() < 2) {
            throw new IllegalArgumentException(typeName() + " merges two or more inputs, got " + shapes.size());
        }
        return mergedShape(shapes);
    }

    @Override
    protected final int[] outputShape(int[] inputShape) {
        return outputShape(List.of(inputShape));
    }

    @Override
    protected final Map<String, int[]> parameterShapes(int[] inputShape) {
        return Map.of();
    }

    @Override
    public final Tensor forward(List<Tensor> inputs, ForwardContext context) {
        if (inputs.size() < 2) {
            throw new IllegalArgumentException(typeName() + " " + name() + " merges two or more inputs, got "
                    + inputs.size());
        }
        return merge(inputs);
    }

    @Override
    public final Tensor forward(Tensor x, ForwardContext context) {
        return forward(List.of(x), context);
    }
}

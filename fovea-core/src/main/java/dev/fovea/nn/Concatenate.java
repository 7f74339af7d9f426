package dev.fovea.nn;

import dev.fovea.ops.MergeOps;
import dev.fovea.tensor.Shapes;
import dev.fovea.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Two or more inputs joined along their last axis: the channels of images (NHWC), which must agree
 * in height and width; or the features of vectors.
 */
public final class Concatenate extends MergeLayer {
    @Override public String typeName() { return "Concatenate"; }
    @Override public String baseName() { return "concatenate"; }

    @Override
    protected int[] mergedShape(List<int[]> shapes) {
        int[] first = shapes.get(0);
        int last = first.length - 1;
        long total = 0;
        for (int[] shape : shapes) {
            if (shape.length != first.length || !Arrays.equals(Arrays.copyOf(shape, last), Arrays.copyOf(first, last))) {
                throw new IllegalArgumentException("Concatenate needs inputs that differ only in their last axis, got "
                        + String.join(" and ", shapes.stream().map(Shapes::toString).toList()));
            }
            total += shape[last];
        }
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Concatenate would have " + total + " values on its last axis, more than "
                    + "one array holds");
        }
        int[] out = first.clone();
        out[last] = (int) total;
        return out;
    }

    @Override
    protected Tensor merge(List<Tensor> inputs) {
        return MergeOps.concatenate(inputs, workspace());
    }

    @Override
    public Map<String, Object> config() {
        return Map.of();
    }
}

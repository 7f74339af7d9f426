package dev.fovea.nn;

import dev.fovea.ops.MergeOps;
import dev.fovea.tensor.Shapes;
import dev.fovea.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The element-wise sum of two or more inputs of one shape: how a residual block adds its shortcut. */
public final class Add extends MergeLayer {
    @Override public String typeName() { return "Add"; }
    @Override public String baseName() { return "add"; }

    @Override
    protected int[] mergedShape(List<int[]> shapes) {
        for (int[] shape : shapes) {
            if (!Arrays.equals(shape, shapes.get(0))) {
                throw new IllegalArgumentException("Add needs inputs of one shape, got "
                        + String.join(" and ", shapes.stream().map(Shapes::toString).toList()));
            }
        }
        return shapes.get(0);
    }

    @Override
    protected Tensor merge(List<Tensor> inputs) {
        return MergeOps.add(inputs, workspace());
    }

    @Override
    public Map<String, Object> config() {
        return Map.of();
    }
}

package dev.fovea.nn;

import dev.fovea.tensor.Tensor;
import java.util.Map;

/** Lays each example out as one vector, in (height, width, channel) order. */
public final class Flatten extends Layer {
    @Override public String typeName() { return "Flatten"; }
    @Override public String baseName() { return "flatten"; }

    @Override
    protected int[] outputShape(int[] in) {
        return new int[] {Math.toIntExact(dev.fovea.tensor.Shapes.size(in))};
    }

    @Override
    public Tensor forward(Tensor x, ForwardContext context) {
        return x.reshape(new int[] {x.dim(0), -1}, workspace());
    }

    @Override
    public Map<String, Object> config() {
        return Map.of();
    }
}

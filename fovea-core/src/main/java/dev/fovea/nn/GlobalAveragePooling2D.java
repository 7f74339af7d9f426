package dev.fovea.nn;

import dev.fovea.ops.PoolOps;
import dev.fovea.tensor.Tensor;
import java.util.Map;

/** The mean of each channel over the whole image: (H, W, C) to (C). */
public final class GlobalAveragePooling2D extends Layer {
    @Override public String typeName() { return "GlobalAveragePooling2D"; }
    @Override public String baseName() { return "global_average_pooling2d"; }

    @Override
    protected int[] outputShape(int[] in) {
        if (in.length != 3) {
            throw shapeError(typeName(), "an image (height, width, channels)", in);
        }
        return new int[] {in[2]};
    }

    @Override
    public Tensor forward(Tensor x, ForwardContext context) {
        return PoolOps.globalAvgPool2d(x, workspace());
    }

    @Override
    public Map<String, Object> config() {
        return Map.of();
    }
}

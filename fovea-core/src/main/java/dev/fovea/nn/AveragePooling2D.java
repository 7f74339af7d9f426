package dev.fovea.nn;

import dev.fovea.kernel.Padding;
import dev.fovea.ops.PoolOps;
import dev.fovea.tensor.Tensor;

/** Averages each window, per channel (over in-bounds cells only when padded). */
public final class AveragePooling2D extends Pooling2D {
    public AveragePooling2D(int poolSize, int stride, Padding padding) {
        super(poolSize, stride, padding);
    }

    /** Non-overlapping windows: stride = pool size, VALID. */
    public AveragePooling2D(int poolSize) {
        this(poolSize, poolSize, Padding.VALID);
    }

    @Override public String typeName() { return "AveragePooling2D"; }
    @Override public String baseName() { return "average_pooling2d"; }

    @Override
    public Tensor forward(Tensor x, ForwardContext context) {
        return PoolOps.avgPool2d(x, poolSize(), stride(), padding(), workspace());
    }
}

package dev.fovea.nn;

import dev.fovea.kernel.Padding;
import dev.fovea.ops.PoolOps;
import dev.fovea.tensor.Tensor;

/** Keeps the largest value of each window, per channel. */
public final class MaxPooling2D extends Pooling2D {
    public MaxPooling2D(int poolSize, int stride, Padding padding) {
        super(poolSize, stride, padding);
    }

    /** Non-overlapping windows: stride = pool size, VALID. */
    public MaxPooling2D(int poolSize) {
        this(poolSize, poolSize, Padding.VALID);
    }

    @Override public String typeName() { return "MaxPooling2D"; }
    @Override public String baseName() { return "max_pooling2d"; }

    @Override
    public Tensor forward(Tensor x, ForwardContext context) {
        return PoolOps.maxPool2d(x, poolSize(), stride(), padding(), workspace());
    }
}

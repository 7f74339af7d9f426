package dev.fovea.nn;

import dev.fovea.kernel.Padding;
import dev.fovea.kernel.Window2d;
import java.util.LinkedHashMap;
import java.util.Map;

/** What max and average pooling share: a square window, a stride (default: the window size) and padding. */
public abstract class Pooling2D extends Layer {
    private final int poolSize;
    private final int stride;
    private final Padding padding;

    protected Pooling2D(int poolSize, int stride, Padding padding) {
        if (poolSize < 1 || stride < 1) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " needs pool size and stride >= 1, got "
                    + poolSize + ", " + stride);
        }
        this.poolSize = poolSize;
        this.stride = stride;
        this.padding = padding;
    }

    public final int poolSize() { return poolSize; }
    public final int stride() { return stride; }
    public final Padding padding() { return padding; }

    @Override
    protected final int[] outputShape(int[] in) {
        if (in.length != 3) {
            throw shapeError(typeName(), "an image (height, width, channels)", in);
        }
        Window2d g = Window2d.of(1, in[0], in[1], in[2], poolSize, poolSize, stride, stride, padding);
        return new int[] {g.outH(), g.outW(), in[2]};
    }

    @Override
    public final Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("pool_size", poolSize);
        c.put("strides", stride);
        c.put("padding", padding.toString());
        return c;
    }
}

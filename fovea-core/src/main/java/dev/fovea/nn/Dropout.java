package dev.fovea.nn;

import dev.fovea.ops.DropoutOps;
import dev.fovea.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * During training, zeroes each value with probability {@code rate} and scales the rest by
 * 1 / (1 - rate) (inverted dropout), so inference needs no rescaling: it passes values through.
 */
public final class Dropout extends Layer {
    private final float rate;

    public Dropout(float rate) {
        if (!(rate >= 0 && rate < 1)) { // also rejects NaN
            throw new IllegalArgumentException("Dropout rate must be in [0, 1), got " + rate);
        }
        this.rate = rate;
    }

    public float rate() { return rate; }

    @Override public String typeName() { return "Dropout"; }
    @Override public String baseName() { return "dropout"; }

    @Override
    protected int[] outputShape(int[] in) {
        return in;
    }

    @Override
    public Tensor forward(Tensor x, ForwardContext context) {
        if (!context.training() || rate == 0) {
            return x;
        }
        return DropoutOps.dropout(x, rate, context.random(), workspace());
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("rate", (double) rate);
        return c;
    }
}

package dev.fovea.nn;

import dev.fovea.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/** Applies an activation function on its own, as a layer. */
public final class Activation extends ActivatedLayer {
    public Activation(ActivationFunction function) {
        super(function);
    }

    @Override public String typeName() { return "Activation"; }
    @Override public String baseName() { return "activation"; }

    @Override
    protected int[] outputShape(int[] in) {
        return in;
    }

    @Override
    public Tensor preActivation(Tensor x, ForwardContext context) {
        return x;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("activation", activation().toString());
        return c;
    }
}

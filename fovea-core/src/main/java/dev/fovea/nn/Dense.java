package dev.fovea.nn;

import dev.fovea.ops.DenseOps;
import dev.fovea.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/** Fully connected layer: every output is a weighted sum of every input. Kernel [IN, UNITS], bias [UNITS]. */
public final class Dense extends ActivatedLayer {
    private final int units;
    private final boolean useBias;
    private final Initializer kernelInitializer;

    public Dense(int units, ActivationFunction activation, boolean useBias, Initializer kernelInitializer) {
        super(activation);
        if (units < 1) {
            throw new IllegalArgumentException("Dense needs units >= 1, got " + units);
        }
        this.units = units;
        this.useBias = useBias;
        this.kernelInitializer = kernelInitializer;
    }

    public Dense(int units, ActivationFunction activation) {
        this(units, activation, true, Initializer.GLOROT_UNIFORM);
    }

    public Dense(int units) {
        this(units, ActivationFunction.LINEAR);
    }

    @Override public String typeName() { return "Dense"; }
    @Override public String baseName() { return "dense"; }

    public int units() { return units; }

    @Override
    protected int[] outputShape(int[] in) {
        if (in.length != 1) {
            throw shapeError("Dense", "a vector (add Flatten before Dense)", in);
        }
        return new int[] {units};
    }

    @Override
    protected Map<String, int[]> parameterShapes(int[] in) {
        Map<String, int[]> shapes = new LinkedHashMap<>();
        shapes.put("kernel", new int[] {in[0], units});
        if (useBias) {
            shapes.put("bias", new int[] {units});
        }
        return shapes;
    }

    @Override
    public void initialize(SplittableRandom random) {
        Tensor kernel = parameters().get("kernel");
        kernelInitializer.fill(kernel.data(), kernel.dim(0), units, random);
        if (useBias) {
            java.util.Arrays.fill(parameters().get("bias").data(), 0f);
        }
    }

    @Override
    public Tensor preActivation(Tensor x, ForwardContext context) {
        return multiply(x, false);
    }

    /** A ReLU runs inside the matrix product: one output array, no pass of its own. */
    @Override
    public Tensor forward(Tensor x, ForwardContext context) {
        return activation().equals(ActivationFunction.RELU) ? multiply(x, true) : super.forward(x, context);
    }

    private Tensor multiply(Tensor x, boolean relu) {
        return DenseOps.dense(x, parameters().get("kernel"), useBias ? parameters().get("bias") : null, relu,
                workspace());
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("units", units);
        c.put("activation", activation().toString());
        c.put("use_bias", useBias);
        c.put("kernel_initializer", kernelInitializer.toString());
        return c;
    }
}

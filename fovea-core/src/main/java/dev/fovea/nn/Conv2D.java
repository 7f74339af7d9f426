package dev.fovea.nn;

import dev.fovea.kernel.Padding;
import dev.fovea.kernel.Window2d;
import dev.fovea.ops.ConvOps;
import dev.fovea.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * 2-D convolution: {@code filters} kernels of size kernel x kernel slide over the image with a
 * stride; every output pixel of a filter uses the same weights (weight sharing). Kernel
 * [KH, KW, C, F], bias [F]; output size per {@link Padding}.
 */
public final class Conv2D extends ActivatedLayer {
    private final int filters;
    private final int kernelSize;
    private final int stride;
    private final Padding padding;
    private final boolean useBias;
    private final Initializer kernelInitializer;

    public Conv2D(int filters, int kernelSize, int stride, Padding padding, ActivationFunction activation,
                  boolean useBias, Initializer kernelInitializer) {
        super(activation);
        if (filters < 1 || kernelSize < 1 || stride < 1) {
            throw new IllegalArgumentException("Conv2D needs filters, kernel size and stride >= 1, got "
                    + filters + ", " + kernelSize + ", " + stride);
        }
        this.filters = filters;
        this.kernelSize = kernelSize;
        this.stride = stride;
        this.padding = padding;
        this.useBias = useBias;
        this.kernelInitializer = kernelInitializer;
    }

    /** Stride 1, VALID padding, bias, Glorot uniform: Keras's defaults. */
    public Conv2D(int filters, int kernelSize, ActivationFunction activation) {
        this(filters, kernelSize, 1, Padding.VALID, activation, true, Initializer.GLOROT_UNIFORM);
    }

    public Conv2D(int filters, int kernelSize, int stride, Padding padding, ActivationFunction activation) {
        this(filters, kernelSize, stride, padding, activation, true, Initializer.GLOROT_UNIFORM);
    }

    @Override public String typeName() { return "Conv2D"; }
    @Override public String baseName() { return "conv2d"; }

    public int filters() { return filters; }
    public int kernelSize() { return kernelSize; }
    public int stride() { return stride; }
    public Padding padding() { return padding; }

    @Override
    protected int[] outputShape(int[] in) {
        if (in.length != 3) {
            throw shapeError("Conv2D", "an image (height, width, channels)", in);
        }
        Window2d g = Window2d.of(1, in[0], in[1], in[2], kernelSize, kernelSize, stride, stride, padding);
        return new int[] {g.outH(), g.outW(), filters};
    }

    @Override
    protected Map<String, int[]> parameterShapes(int[] in) {
        Map<String, int[]> shapes = new LinkedHashMap<>();
        shapes.put("kernel", new int[] {kernelSize, kernelSize, in[2], filters});
        if (useBias) {
            shapes.put("bias", new int[] {filters});
        }
        return shapes;
    }

    @Override
    public void initialize(SplittableRandom random) {
        int area = kernelSize * kernelSize;
        Tensor kernel = parameters().get("kernel");
        kernelInitializer.fill(kernel.data(), area * kernel.dim(2), area * filters, random);
        if (useBias) {
            java.util.Arrays.fill(parameters().get("bias").data(), 0f);
        }
    }

    @Override
    public Tensor preActivation(Tensor x, ForwardContext context) {
        return convolve(x, false);
    }

    /** A ReLU runs inside the convolution: one output array, no pass of its own. */
    @Override
    public Tensor forward(Tensor x, ForwardContext context) {
        return activation().equals(ActivationFunction.RELU) ? convolve(x, true) : super.forward(x, context);
    }

    /**
     * This layer's forward followed by {@code pool}'s, as one op that never keeps this layer's
     * output ({@link ConvOps#conv2dReluMaxPool}): the same values and gradients. Only for a ReLU
     * activation ({@link #poolsInOnePass}).
     */
    public Tensor forwardThenMaxPool(Tensor x, MaxPooling2D pool) {
        if (!poolsInOnePass()) {
            throw new IllegalStateException(name() + " has activation " + activation() + ", not relu");
        }
        return ConvOps.conv2dReluMaxPool(x, parameters().get("kernel"), useBias ? parameters().get("bias") : null,
                stride, stride, padding, pool.poolSize(), pool.stride(), pool.padding(), workspace());
    }

    /** Whether {@link #forwardThenMaxPool} applies: the activation is a ReLU. */
    public boolean poolsInOnePass() {
        return activation().equals(ActivationFunction.RELU);
    }

    private Tensor convolve(Tensor x, boolean relu) {
        return ConvOps.conv2d(x, parameters().get("kernel"), useBias ? parameters().get("bias") : null,
                stride, stride, padding, relu, workspace());
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("filters", filters);
        c.put("kernel_size", kernelSize);
        c.put("strides", stride);
        c.put("padding", padding.toString());
        c.put("activation", activation().toString());
        c.put("use_bias", useBias);
        c.put("kernel_initializer", kernelInitializer.toString());
        return c;
    }
}

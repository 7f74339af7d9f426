package dev.fovea.ops;

import dev.fovea.kernel.Conv2dKernels;
import dev.fovea.kernel.Padding;
import dev.fovea.kernel.PoolKernels;
import dev.fovea.kernel.Window2d;
import dev.fovea.tensor.Tensor;
import dev.fovea.tensor.Workspace;

/** Differentiable 2-D convolution over NHWC images. */
public final class ConvOps {
    private ConvOps() {}

    /**
     * y = conv2d(x, w) + b with x [N, H, W, C], w [KH, KW, C, F], b [F] or null; y [N, OH, OW, F].
     */
    public static Tensor conv2d(Tensor x, Tensor w, Tensor b, int strideH, int strideW, Padding padding) {
        return conv2d(x, w, b, strideH, strideW, padding, false, new Workspace());
    }

    /**
     * {@link #conv2d(Tensor, Tensor, Tensor, int, int, Padding)}, followed by a ReLU fused into it
     * when {@code relu} (one output array and no pass of its own), with its arrays reused through
     * {@code workspace}.
     */
    public static Tensor conv2d(Tensor x, Tensor w, Tensor b, int strideH, int strideW, Padding padding,
                                boolean relu, Workspace workspace) {
        Window2d g = window(x, w, b, strideH, strideW, padding);
        int filters = w.dim(3);
        Tensor[] inputs = b == null ? new Tensor[] {x, w} : new Tensor[] {x, w, b};
        float[] y = workspace.array(0, g.outputSize(filters), inputs);
        Conv2dKernels.forward(g, filters, x.data(), w.data(), b == null ? null : b.data(), relu, y);
        float[] reluOutput = relu ? y : null;
        return workspace.result(y, new int[] {g.batch(), g.outH(), g.outW(), filters},
                dy -> backward(g, x, w, b, dy, reluOutput), inputs);
    }

    /**
     * maxPool2d(relu(conv2d(x, w) + b)) as one op, the same values and gradients bit for bit: the
     * convolution's output is pooled a few images at a time while in cache and never kept (see
     * {@link Conv2dKernels#forwardReluMaxPool}). The backward sends each pooled gradient to its
     * window's winner through the ReLU, then runs the convolution's backward on that. What
     * {@code Sequential} runs for a Conv2D with a ReLU followed by a MaxPooling2D.
     */
    public static Tensor conv2dReluMaxPool(Tensor x, Tensor w, Tensor b, int strideH, int strideW, Padding padding,
                                           int poolSize, int poolStride, Padding poolPadding, Workspace workspace) {
        Window2d g = window(x, w, b, strideH, strideW, padding);
        int filters = w.dim(3);
        Window2d pool = Window2d.of(g.batch(), g.outH(), g.outW(), filters, poolSize, poolSize, poolStride, poolStride,
                poolPadding);
        Tensor[] inputs = b == null ? new Tensor[] {x, w} : new Tensor[] {x, w, b};
        float[] y = workspace.array(0, pool.outputSize(filters), inputs);
        float[] winners = Tensor.records(inputs) ? workspace.array(1, y.length, inputs) : null;
        // The backward needs the convolution's output in one array: fail here, as conv2d would, when it cannot be.
        int convolvedSize = winners == null ? 0 : g.outputSize(filters);
        Conv2dKernels.forwardReluMaxPool(g, filters, x.data(), w.data(), b == null ? null : b.data(), pool, y, winners);
        return workspace.result(y, new int[] {g.batch(), pool.outH(), pool.outW(), filters}, dy -> {
            // The gradient of the convolution's output before its ReLU: the pooled gradients at their winners.
            float[] convolved = workspace.scratch(convolvedSize);
            PoolKernels.maxBackward(pool, winners, dy, y, convolved, true);
            backward(g, x, w, b, convolved, null);
        }, inputs);
    }

    /**
     * The convolution's gradients for the gradient dy of its output (masked where {@code reluOutput}, the
     * output of a fused ReLU, is not positive), added to those of x, w and b that need one.
     */
    private static void backward(Window2d g, Tensor x, Tensor w, Tensor b, float[] dy, float[] reluOutput) {
        int filters = w.dim(3);
        float[] dw = w.requiresGrad() ? w.gradForUpdate() : null;
        float[] dbias = b != null && b.requiresGrad() ? b.gradForUpdate() : null;
        Conv2dKernels.backwardWeights(g, filters, x.data(), dy, reluOutput, dw, dbias);
        if (x.requiresGrad()) {
            Conv2dKernels.backwardInput(g, filters, dy, reluOutput, w.data(), x.gradForUpdate());
        }
    }

    /** The convolution's window, after checking that x, w and b fit together. */
    private static Window2d window(Tensor x, Tensor w, Tensor b, int strideH, int strideW, Padding padding) {
        if (x.rank() != 4 || w.rank() != 4 || x.dim(3) != w.dim(2)) {
            throw new IllegalArgumentException("conv2d needs x [N,H,W,C] and w [KH,KW,C,F] with equal C, got x "
                    + x + " and w " + w);
        }
        int filters = w.dim(3);
        if (b != null && (b.rank() != 1 || b.dim(0) != filters)) {
            throw new IllegalArgumentException("conv2d bias must have shape (" + filters + ",), got " + b);
        }
        return Window2d.of(x.dim(0), x.dim(1), x.dim(2), x.dim(3), w.dim(0), w.dim(1), strideH, strideW, padding);
    }
}

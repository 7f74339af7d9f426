package dev.fovea.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An n-dimensional array of floats over one contiguous row-major {@code float[]}, with
 * define-by-run reverse-mode differentiation.
 *
 * <p>Image tensors are NHWC (batch, height, width, channels) everywhere in Fovea. Why NHWC:
 * convolution runs as im2col + GEMM over the whole batch, and with channels innermost the GEMM's
 * output rows (one per output pixel, one column per filter) are already the next layer's NHWC
 * input, with no per-image transpose; pooling, bias and activations run over contiguous channel
 * runs; and shapes read exactly as Keras prints them.
 *
 * <p>An op that has an input requiring a gradient (and runs outside {@link NoGrad}) records on its
 * output how to send the output's gradient back to its inputs; {@link #backward()} replays those
 * records once, in reverse topological order.
 *
 * <p>Ops called with a layer's {@link Workspace} reuse that layer's arrays from one training step
 * to the next: once a graph has been back-propagated, the layer's next recorded forward overwrites
 * its output and gradient arrays, and the old output tensor then refuses to be read (see
 * {@link Workspace}).
 */
public final class Tensor {
    private final int[] shape;
    private final float[] data;
    private boolean requiresGrad;
    private float[] grad;
    /** The grad array holds a previous pass's values: none has reached this tensor in this pass yet. */
    private boolean gradStale;
    /** {@link #backward()} has replayed this op result: its graph may be recycled by a {@link Workspace}. */
    private boolean backpropagated;
    /**
     * Why this tensor's arrays now belong to another one (a newer result of its {@link Workspace}, or
     * the next batch through {@link InferenceArrays}), so that reading them throws; null while its own.
     */
    private String overwritten;
    private final Tensor[] parents;
    private final Backward backward;

    /** Sends this tensor's gradient to the parents' gradients. */
    @FunctionalInterface
    public interface Backward {
        void run(float[] outputGrad);
    }

    private Tensor(float[] data, int[] shape, boolean requiresGrad, Tensor[] parents, Backward backward) {
        this.shape = shape.clone();
        long size = Shapes.size(this.shape);
        if (size != data.length) {
            throw new IllegalArgumentException("shape " + Shapes.toString(shape) + " needs " + size
                    + " values, got " + data.length);
        }
        this.data = data;
        this.requiresGrad = requiresGrad;
        this.parents = parents;
        this.backward = backward;
    }

    /** A constant: no gradient is computed for it. The array is used as is, not copied. */
    public static Tensor of(float[] data, int... shape) {
        return new Tensor(data, shape, false, null, null);
    }

    /** A leaf whose gradient is accumulated by {@link #backward()}, such as a layer's weights. */
    public static Tensor parameter(float[] data, int... shape) {
        return new Tensor(data, shape, true, null, null);
    }

    public static Tensor zeros(int... shape) {
        return of(new float[Math.toIntExact(Shapes.size(shape))], shape);
    }

    /**
     * The result of an op on {@code inputs}. Records {@code backward} only when recording is on
     * and some input needs a gradient; otherwise the result is a constant.
     */
    public static Tensor result(float[] data, int[] shape, Backward backward, Tensor... inputs) {
        return records(inputs) ? new Tensor(data, shape, true, inputs, backward) : of(data, shape);
    }

    /** Whether an op on {@code inputs} records its backward: recording is on and some input needs a gradient. */
    public static boolean records(Tensor... inputs) {
        if (NoGrad.isActive()) {
            return false;
        }
        for (Tensor t : inputs) {
            if (t.requiresGrad) {
                return true;
            }
        }
        return false;
    }

    public int[] shape() { return shape.clone(); }
    public int dim(int axis) { return shape[axis < 0 ? shape.length + axis : axis]; }
    public int rank() { return shape.length; }
    public int size() { return data.length; }

    /** The values, shared with this tensor (writes are seen by it). */
    public float[] data() {
        requireNotOverwritten();
        return data;
    }

    public boolean requiresGrad() { return requiresGrad; }

    /**
     * Turns gradient tracking of a leaf on or off (a frozen layer's weights are leaves that need
     * none); its gradient is dropped when turned off. Results of ops follow their inputs instead.
     */
    public Tensor requiresGrad(boolean value) {
        if (backward != null) {
            throw new IllegalStateException("only a leaf tensor's gradient tracking can be set, not an op's result");
        }
        requiresGrad = value;
        if (!value) {
            grad = null;
            gradStale = false;
        }
        return this;
    }

    /** The gradient accumulated by {@link #backward()}, or null if none reached this tensor. */
    public float[] grad() {
        requireNotOverwritten();
        return gradStale ? null : grad;
    }

    /** The gradient array, zeros on first use in a pass; ops' backward passes add into it. */
    public float[] gradForUpdate() {
        if (grad == null) {
            grad = new float[data.length];
        } else if (gradStale) {
            Arrays.fill(grad, 0f);
        }
        gradStale = false;
        return grad;
    }

    /**
     * The gradient array for an op whose backward writes every value of it instead of adding (and
     * so spares the pass that zeroes it), or null when it already holds a gradient: another op's in
     * this pass, or, for a leaf (a parameter), earlier passes', which gradients accumulate onto. The
     * op must then add, into {@link #gradForUpdate()}.
     */
    public float[] gradForOverwrite() {
        if (grad != null && !gradStale) {
            return null;
        }
        if (grad == null) {
            grad = new float[data.length];
        }
        gradStale = false;
        return grad;
    }

    public void zeroGrad() {
        if (grad != null && !gradStale) {
            Arrays.fill(grad, 0f);
        }
    }

    /** A constant holding a copy of this tensor's values. */
    public Tensor detachedCopy() {
        return of(data().clone(), shape);
    }

    /** Same values viewed with another shape of equal size; differentiable. */
    public Tensor reshape(int... newShape) {
        return reshape(newShape, new Workspace());
    }

    /** {@link #reshape(int...)}, the view's gradient array reused through {@code workspace}. */
    public Tensor reshape(int[] newShape, Workspace workspace) {
        int[] resolved = Shapes.resolve(newShape, data().length);
        return workspace.result(data, resolved, g -> {
            float[] pg = gradForUpdate();
            for (int i = 0; i < g.length; i++) {
                pg[i] += g[i];
            }
        }, this);
    }

    /** The single value of a one-element tensor. */
    public float item() {
        requireNotOverwritten();
        if (data.length != 1) {
            throw new IllegalStateException("item() needs one value, tensor has shape " + Shapes.toString(shape));
        }
        return data[0];
    }

    /** Back-propagates from this scalar (its gradient seeded with 1) through every recorded op. */
    public void backward() {
        if (data.length != 1) {
            throw new IllegalStateException("backward() starts from a scalar, tensor has shape "
                    + Shapes.toString(shape));
        }
        if (!requiresGrad) {
            throw new IllegalStateException("backward() on a tensor that depends on no parameter");
        }
        List<Tensor> order = topologicalOrder();
        // Intermediate results start from zero on every pass, so calling backward() again on the same
        // graph adds the same gradients to the leaves once more instead of replaying stale sums.
        for (Tensor t : order) {
            t.requireNotOverwritten();
            if (t.backward != null) {
                t.gradStale = t.grad != null;
            }
        }
        gradForUpdate()[0] += 1f;
        for (int i = order.size() - 1; i >= 0; i--) {
            Tensor t = order.get(i);
            if (t.backward != null && !t.gradStale && t.grad != null) {
                t.backward.run(t.grad);
            }
            t.backpropagated = true;
        }
    }

    /** Whether {@link #backward()} has run through this tensor. */
    boolean backpropagated() {
        return backpropagated;
    }

    /**
     * Hands this result's gradient array (when it has one of {@code size} values) to a newer
     * result that takes over its arrays, and marks this one as overwritten.
     */
    float[] surrender(int size) {
        overwritten = "after backward(), the layer that made it reuses its arrays for its next recorded forward";
        float[] g = grad != null && grad.length == size ? grad : null;
        grad = null;
        return g;
    }

    /** Marks this inference output's array as given back to {@link InferenceArrays} for reuse. */
    void markReleased() {
        overwritten = "its array was released for reuse by the next inference batch (InferenceArrays)";
    }

    /** Takes a gradient array over from an older result; its values count as none yet. */
    void adoptGrad(float[] array) {
        grad = array;
        gradStale = array != null;
    }

    private void requireNotOverwritten() {
        if (overwritten != null) {
            throw new IllegalStateException(this + " was overwritten: " + overwritten
                    + "; copy values to keep (detachedCopy())");
        }
    }

    /** Every tensor this one was computed from, inputs before the ops that read them. */
    private List<Tensor> topologicalOrder() {
        List<Tensor> order = new ArrayList<>();
        Set<Tensor> visited = new HashSet<>();
        // Iterative depth-first search: deep graphs must not overflow the call stack.
        ArrayDeque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[] {this, 0});
        visited.add(this);
        while (!stack.isEmpty()) {
            Object[] frame = stack.peek();
            Tensor t = (Tensor) frame[0];
            int next = (Integer) frame[1];
            if (t.parents != null && next < t.parents.length) {
                frame[1] = next + 1;
                Tensor p = t.parents[next];
                if (p.requiresGrad && visited.add(p)) {
                    stack.push(new Object[] {p, 0});
                }
            } else {
                stack.pop();
                order.add(t);
            }
        }
        return order;
    }

    @Override
    public String toString() {
        return "Tensor" + Shapes.toString(shape) + (requiresGrad ? " (requires grad)" : "");
    }
}

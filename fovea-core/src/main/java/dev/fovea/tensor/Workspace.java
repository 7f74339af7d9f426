package dev.fovea.tensor;

import java.util.Arrays;

/**
 * The arrays one op site (a layer, for one of its ops) reuses from one training step to the next,
 * so that a warm training step allocates almost nothing.
 *
 * <p>An op asks its workspace for the arrays of its result ({@link #array}: the output values,
 * slot 0, and anything its backward reads, such as a dropout mask) and makes the result through
 * {@link #result}. The arrays of the previous result are reused only when all of these hold:
 * <ul>
 *   <li>the op records a graph (outside {@link NoGrad}, some input needs a gradient): inference
 *       never reuses a workspace's arrays, so outputs of {@code predict} are never shared and
 *       concurrent inference on one model stays safe (it gets new arrays, or inside an
 *       {@link InferenceArrays} scope arrays its own thread released);</li>
 *   <li>{@link Tensor#backward()} has run through the previous result: its training step is over;</li>
 *   <li>the size is the same.</li>
 * </ul>
 * The previous result then takes over nothing: it is marked overwritten, and reading its values or
 * gradient throws, so a stale read fails loudly instead of returning the new step's numbers. In
 * short: in training, a layer's output and its gradient are valid until that layer's next training
 * forward after back-propagation; copy what you keep ({@link Tensor#detachedCopy()}).
 *
 * <p>{@link #scratch} is for arrays that never leave one backward call (a masked gradient).
 * A workspace belongs to one layer, trained by one thread at a time. A new workspace reuses
 * nothing, which is what ops called without one get.
 */
public final class Workspace {
    private Tensor last;
    private float[][] arrays = new float[1][];
    private float[] scratch;

    /**
     * The array for slot {@code slot} of the next result on {@code inputs}: the previous result's
     * when it may be reused (see above), else a new one of {@code size} zeros, or in inference one
     * from {@link InferenceArrays#take}. The op overwrites every value it reads back.
     */
    public float[] array(int slot, int size, Tensor... inputs) {
        if (!Tensor.records(inputs)) {
            return InferenceArrays.take(size);
        }
        if (slot >= arrays.length) {
            arrays = Arrays.copyOf(arrays, slot + 1);
        }
        float[] a = arrays[slot];
        if (!reusable() || a == null || a.length != size) {
            // The previous result may still be in use: leave its array to it.
            a = new float[size];
            arrays[slot] = a;
        }
        return a;
    }

    /**
     * {@link Tensor#result}, remembered as this site's latest result when it records; it takes
     * over the previous result's gradient array when that may be reused.
     */
    public Tensor result(float[] data, int[] shape, Tensor.Backward backward, Tensor... inputs) {
        Tensor t = Tensor.result(data, shape, backward, inputs);
        if (t.requiresGrad()) {
            if (reusable()) {
                t.adoptGrad(last.surrender(data.length));
            }
            last = t;
        }
        return t;
    }

    /** An array of {@code size} values for use within one backward call; its contents are undefined. */
    public float[] scratch(int size) {
        if (scratch == null || scratch.length != size) {
            scratch = new float[size];
        }
        return scratch;
    }

    private boolean reusable() {
        return last != null && last.backpropagated();
    }
}

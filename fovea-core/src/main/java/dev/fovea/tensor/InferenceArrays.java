package dev.fovea.tensor;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * A scope in which inference reuses the arrays of outputs no one reads any more, from one batch to
 * the next: {@code try (InferenceArrays arrays = InferenceArrays.enter()) { ... }}. Per thread, and
 * nestable (the innermost scope is the active one); outside a scope nothing is reused.
 *
 * <p>Why: an op that records no graph gets a new output array for every call, so that outputs of
 * {@code predict} are never shared. For a batch of 256 images model A's first layer alone makes
 * 44 MB, which is still alive at the young collection that the next arrays cause; the collector
 * promotes it, and the old generation, and the process's resident memory, grow with garbage.
 *
 * <p>How: a model's forward pass {@link #release releases} each intermediate output once the next
 * layer has made its own, and a loop releases the final output once it has read it. Ops that record
 * nothing take their output arrays through {@link #take}, which returns a released array of the
 * same size when there is one. Only arrays this scope handed out are ever reused, and a released
 * tensor is marked so that reading it afterwards throws. Releasing does anything only under
 * {@link NoGrad}. Arrays still released at the end of the scope are left to the garbage collector.
 */
public final class InferenceArrays implements AutoCloseable {
    private static final ThreadLocal<InferenceArrays> CURRENT = new ThreadLocal<>();

    private final InferenceArrays outer;
    /**
     * The arrays this scope handed out and not yet taken back: the only ones release() takes. Weakly
     * held (arrays compare by identity), so those never released are still collected.
     */
    private final Set<float[]> issued = Collections.newSetFromMap(new WeakHashMap<>());
    private final Map<Integer, ArrayDeque<float[]>> released = new HashMap<>();

    private InferenceArrays(InferenceArrays outer) {
        this.outer = outer;
    }

    public static InferenceArrays enter() {
        InferenceArrays scope = new InferenceArrays(CURRENT.get());
        CURRENT.set(scope);
        return scope;
    }

    /**
     * An array of {@code size} floats for the output of an op that records nothing: inside a scope a
     * released one of that size when there is one (its contents undefined: the op overwrites them),
     * else a new one of zeros.
     */
    static float[] take(int size) {
        InferenceArrays scope = CURRENT.get();
        if (scope == null) {
            return new float[size];
        }
        ArrayDeque<float[]> free = scope.released.get(size);
        float[] array = free == null || free.isEmpty() ? new float[size] : free.pop();
        scope.issued.add(array);
        return array;
    }

    /**
     * Gives back the array of {@code t}, whose values no one will read again, for the next
     * {@link #take} of its size, and marks {@code t} (only that tensor: not a reshape sharing its
     * array) so that reading it throws. Nothing happens outside a scope, outside {@link NoGrad}
     * (an op that records, such as a trainable layer after a frozen one, may keep its input for its
     * backward), or for an array this scope did not hand out.
     */
    public static void release(Tensor t) {
        InferenceArrays scope = CURRENT.get();
        if (scope == null || !NoGrad.isActive()) {
            return;
        }
        float[] array = t.data();
        if (scope.issued.remove(array)) {
            t.markReleased();
            scope.released.computeIfAbsent(array.length, size -> new ArrayDeque<>()).push(array);
        }
    }

    @Override
    public void close() {
        if (CURRENT.get() != this) {
            throw new IllegalStateException("InferenceArrays scopes must be closed innermost first, on their thread");
        }
        if (outer == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(outer);
        }
    }
}

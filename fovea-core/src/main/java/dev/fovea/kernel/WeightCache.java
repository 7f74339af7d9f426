package dev.fovea.kernel;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * A scope in which the weights of the layers that run do not change:
 * {@code try (WeightCache cache = WeightCache.enter()) { ... }}. Inside it a dense layer's weights are
 * packed for the GEMM at their first use, and the packed copy serves every later batch of the scope
 * (model C's dense layer packed its 12 MB of weights for every batch: 6 % of its inference). Per
 * thread, and nestable (the innermost scope is the active one); outside a scope nothing is kept, and
 * what a scope kept goes with it.
 *
 * <p>Enter one around many batches of inference with fixed weights: evaluation, a benchmark, a service
 * answering requests. Only inference (under {@code NoGrad}) uses it, and only for a layer's weights
 * (keyed by their array). A change to the weights inside the scope (a load into the same arrays) is not
 * seen by the layers that already packed theirs; a training step does not use the scope.
 */
public final class WeightCache implements AutoCloseable {
    private static final ThreadLocal<WeightCache> CURRENT = new ThreadLocal<>();

    private final WeightCache outer;
    /** Packed weights by the weights' array (identity): one entry per dense layer run in the scope. */
    private final Map<float[], Gemm.PackedB> packed = new IdentityHashMap<>();

    private WeightCache(WeightCache outer) {
        this.outer = outer;
    }

    public static WeightCache enter() {
        WeightCache scope = new WeightCache(CURRENT.get());
        CURRENT.set(scope);
        return scope;
    }

    /**
     * w (k x n, row-major) packed by {@link Gemm#pack} inside a scope: by the innermost scope that packed
     * it, else packed now and kept by the active one; null outside a scope.
     */
    static Gemm.PackedB packed(float[] w, int k, int n) {
        WeightCache active = CURRENT.get();
        for (WeightCache scope = active; scope != null; scope = scope.outer) {
            Gemm.PackedB p = scope.packed.get(w);
            if (p != null && p.k() == k && p.n() == n) {
                return p;
            }
        }
        if (active == null) {
            return null;
        }
        Gemm.PackedB p = Gemm.pack(false, k, n, w, 0, n, new float[Gemm.packedSize(k, n)]);
        active.packed.put(w, p);
        return p;
    }

    @Override
    public void close() {
        if (CURRENT.get() != this) {
            throw new IllegalStateException("WeightCache scopes must be closed innermost first, on their thread");
        }
        if (outer == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(outer);
        }
    }
}

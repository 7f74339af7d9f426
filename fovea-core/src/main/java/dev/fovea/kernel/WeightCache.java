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
 * answering requests. A change to the weights inside the scope (a training step, a load into the same
 * arrays) is not seen by the layers that already packed theirs.
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

    /** w (k x n, row-major) packed by {@link Gemm#pack} inside a scope, once per scope; null outside one. */
    static Gemm.PackedB packed(float[] w, int k, int n) {
        WeightCache scope = CURRENT.get();
        if (scope == null) {
            return null;
        }
        Gemm.PackedB p = scope.packed.get(w);
        if (p == null || p.k() != k || p.n() != n) {
            p = Gemm.pack(false, k, n, w, 0, n, new float[Gemm.packedSize(k, n)]);
            scope.packed.put(w, p);
        }
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

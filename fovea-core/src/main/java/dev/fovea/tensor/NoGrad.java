package dev.fovea.tensor;

/**
 * A scope in which ops record nothing for differentiation, for inference and evaluation:
 * {@code try (NoGrad scope = NoGrad.enter()) { ... }}. Per thread, and nestable.
 */
public final class NoGrad implements AutoCloseable {
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private NoGrad() {}

    public static NoGrad enter() {
        DEPTH.get()[0]++;
        return new NoGrad();
    }

    public static boolean isActive() {
        return DEPTH.get()[0] > 0;
    }

    @Override
    public void close() {
        DEPTH.get()[0]--;
    }
}

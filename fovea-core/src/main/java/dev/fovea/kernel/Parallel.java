package dev.fovea.kernel;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.ArrayList;
import java.util.List;

/**
 * The one thread pool every kernel shares, sized to the machine unless set.
 *
 * <p>Work is split into a fixed number of contiguous ranges that depends only on the problem size
 * and the thread count, never on timing, so results are reproducible for a given thread count.
 * Calls from many threads at once share the pool; {@link #setThreads} may be called while they run.
 */
public final class Parallel {
    private static volatile ForkJoinPool pool = newPool(Runtime.getRuntime().availableProcessors());

    private Parallel() {}

    /** A body that processes the half-open index range [from, to). */
    @FunctionalInterface
    public interface RangeBody {
        void run(int from, int to);
    }

    /** Number of threads kernels use. */
    public static int threads() {
        return pool.getParallelism();
    }

    /** Sets the number of threads kernels use; 1 runs everything on the calling thread. */
    public static synchronized void setThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        if (threads != pool.getParallelism()) {
            // The old pool is not shut down: a call that took it just before would have its tasks
            // rejected or cancelled. Its idle threads end by themselves after a minute.
            pool = newPool(threads);
        }
    }

    /**
     * Runs {@code body} over [0, n) split into at most {@code threads()} ranges of at least
     * {@code minChunk} indices each; runs inline when one range suffices.
     */
    public static void forRange(int n, int minChunk, RangeBody body) {
        int chunks = Math.min(threads(), Math.max(1, n / Math.max(1, minChunk)));
        if (chunks <= 1 || ForkJoinTask.inForkJoinPool()) {
            body.run(0, n);
            return;
        }
        List<ForkJoinTask<?>> tasks = new ArrayList<>(chunks - 1);
        ForkJoinPool p = pool;
        for (int c = 1; c < chunks; c++) {
            int from = (int) ((long) n * c / chunks);
            int to = (int) ((long) n * (c + 1) / chunks);
            tasks.add(p.submit(() -> body.run(from, to)));
        }
        body.run(0, (int) ((long) n / chunks));
        for (ForkJoinTask<?> t : tasks) {
            t.join();
        }
    }

    private static ForkJoinPool newPool(int threads) {
        // Daemon threads (the ForkJoinPool default) so a library user's JVM can exit normally.
        return new ForkJoinPool(threads);
    }
}

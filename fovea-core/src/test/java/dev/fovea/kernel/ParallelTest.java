package dev.fovea.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ParallelTest {
    @Test
    void everyIndexRunsOnceWhileOtherThreadsChangeTheThreadCount() throws Exception {
        int original = Parallel.threads();
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                runs.add(callers.submit(() -> {
                    int calls = 0;
                    while (!done.get() || calls < 50) {
                        int[] hits = new int[1000];
                        Parallel.forRange(hits.length, 1, (from, to) -> {
                            for (int i = from; i < to; i++) {
                                hits[i]++;
                            }
                        });
                        for (int i = 0; i < hits.length; i++) {
                            assertEquals(1, hits[i], "index " + i);
                        }
                        calls++;
                    }
                    return calls;
                }));
            }
            // Each change replaces the pool, possibly between a caller taking it and submitting to it.
            for (int change = 0; change < 100; change++) {
                Parallel.setThreads(2 + change % 3);
            }
            done.set(true);
            for (Future<Integer> run : runs) {
                run.get(); // rethrows a caller's failure, e.g. a rejected task
            }
        } finally {
            callers.shutdownNow();
            Parallel.setThreads(original);
        }
    }
}

package dev.fovea.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.FoveaException;
import dev.fovea.data.augment.Augmentation;
import dev.fovea.testing.HookedImageSource;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BatchPrefetcherTest {
    private static final ImageDataset IMAGES = HookedImageSource.randomImages(50, 8, 8, 3, 2);

    private static List<String> loaderThreadsAlive() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(name -> name.startsWith("fovea-loader")).toList();
    }

    private static DataLoader augmentedLoader(ImageSource source, int batchSize) {
        return DataLoader.shuffled(source, batchSize, InputScaling.unit(), 3, 1)
                .augmented(Augmentation.parse("standard,erase:0.5"), 3, 1);
    }

    @Test
    void handsOutTheLoadersBatchesInOrderWhateverTheNumberOfThreads() {
        DataLoader loader = augmentedLoader(IMAGES, 3); // 17 batches: more than 2 x 3 in flight
        for (int threads : new int[] {0, 1, 3}) {
            try (BatchPrefetcher batches = new BatchPrefetcher(loader, threads)) {
                for (int b = 0; b < loader.batchCount(); b++) {
                    assertTrue(batches.hasNext());
                    Batch batch = batches.next();
                    Batch expected = loader.batch(b);
                    assertArrayEquals(expected.images().data(), batch.images().data(), threads + " threads, batch " + b);
                    assertArrayEquals(expected.labels(), batch.labels());
                }
                assertFalse(batches.hasNext());
                assertThrows(NoSuchElementException.class, batches::next);
            }
        }
        assertEquals(List.of(), loaderThreadsAlive());
    }

    @Test
    void workersAreNamedDaemonThreadsOfTheirOwnAndZeroThreadsReadOnTheCaller() {
        Set<Thread> readers = ConcurrentHashMap.newKeySet();
        HookedImageSource source = new HookedImageSource(IMAGES, index -> readers.add(Thread.currentThread()));
        try (BatchPrefetcher batches = new BatchPrefetcher(augmentedLoader(source, 4), 2)) {
            batches.forEachRemaining(batch -> { });
        }
        assertFalse(readers.isEmpty());
        for (Thread reader : readers) {
            assertTrue(reader.getName().equals("fovea-loader-1") || reader.getName().equals("fovea-loader-2"),
                    reader.getName());
            assertTrue(reader.isDaemon(), reader.getName() + " is a daemon");
            assertFalse(reader instanceof ForkJoinWorkerThread, "not the compute pool");
        }
        readers.clear();
        try (BatchPrefetcher batches = new BatchPrefetcher(augmentedLoader(source, 4), 0)) {
            batches.forEachRemaining(batch -> { });
        }
        assertEquals(Set.of(Thread.currentThread()), readers);
    }

    @Test
    void workersStayAtMostTwiceTheirNumberOfBatchesAhead() throws InterruptedException {
        int batchSize = 2;
        AtomicInteger handedOut = new AtomicInteger();
        AtomicInteger furthestAhead = new AtomicInteger();
        // Batches of an in-order loader: image i belongs to batch i / batchSize.
        HookedImageSource source = new HookedImageSource(IMAGES, index ->
                furthestAhead.accumulateAndGet(index / batchSize - handedOut.get(), Math::max));
        try (BatchPrefetcher batches = new BatchPrefetcher(DataLoader.inOrder(source, batchSize, InputScaling.unit()), 2)) {
            while (batches.hasNext()) {
                Thread.sleep(2); // a slow consumer, so the workers run as far ahead as they may
                batches.next();
                handedOut.incrementAndGet();
            }
        }
        // Batch k may be made once batch k - 4 is handed out; this test counts that a moment later.
        assertTrue(furthestAhead.get() <= 4, "a batch was made " + furthestAhead.get() + " ahead of the consumer");
    }

    @Test
    void aFailedBatchReachesTheConsumerAfterTheBatchesBeforeItAsTheSameException() {
        // Batch 5 of an in-order loader with batches of 4 holds images 20-23.
        FoveaException broken = new FoveaException("images/cat/21.png: not a PNG file (bad signature)");
        HookedImageSource source = new HookedImageSource(IMAGES, index -> {
            if (index == 21) {
                throw broken;
            }
        });
        DataLoader loader = DataLoader.inOrder(source, 4, InputScaling.unit());
        for (int threads : new int[] {0, 1, 3}) {
            try (BatchPrefetcher batches = new BatchPrefetcher(loader, threads)) {
                for (int b = 0; b < 5; b++) {
                    assertArrayEquals(DataLoader.inOrder(IMAGES, 4, InputScaling.unit()).batch(b).images().data(),
                            batches.next().images().data());
                }
                FoveaException e = assertThrows(FoveaException.class, batches::next, threads + " threads");
                assertSame(broken, e);
                assertEquals("images/cat/21.png: not a PNG file (bad signature)", e.getMessage());
                assertEquals(List.of(), loaderThreadsAlive(), "the failure stopped every worker");
            }
        }
    }

    @Test
    void closingEarlyStopsEveryWorker() {
        try (BatchPrefetcher batches = new BatchPrefetcher(augmentedLoader(IMAGES, 2), 3)) {
            batches.next();
            batches.close();
            assertEquals(List.of(), loaderThreadsAlive());
            IllegalStateException e = assertThrows(IllegalStateException.class, batches::next);
            assertTrue(e.getMessage().contains("closed"), e.getMessage());
        }
    }

    @Test
    void measuresTheTimeTheConsumerWaitsForABatch() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        HookedImageSource blocked = new HookedImageSource(IMAGES, index -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread consumer = Thread.currentThread();
        // Releases the workers only once the consumer is parked in next(), so it certainly waited.
        Thread releaser = new Thread(() -> {
            while (consumer.getState() != Thread.State.WAITING) {
                Thread.onSpinWait();
            }
            release.countDown();
        });
        try (BatchPrefetcher batches = new BatchPrefetcher(DataLoader.inOrder(blocked, 10, InputScaling.unit()), 1)) {
            assertEquals(0, batches.waitSeconds());
            releaser.start();
            long start = System.nanoTime();
            batches.next();
            double elapsed = (System.nanoTime() - start) / 1e9;
            double waited = batches.waitSeconds();
            assertTrue(waited > 0 && waited <= elapsed, "waited " + waited + " s of " + elapsed + " s in next()");
            batches.forEachRemaining(batch -> { });
            assertTrue(batches.waitSeconds() >= waited, "the wait adds up");
        }
        releaser.join();
    }

    @Test
    void withoutWorkersTheWaitIsTheTimeSpentMakingTheBatch() {
        HookedImageSource slow = new HookedImageSource(IMAGES, index -> {
            if (index == 0) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        try (BatchPrefetcher batches = new BatchPrefetcher(DataLoader.inOrder(slow, 10, InputScaling.unit()), 0)) {
            batches.next();
            assertTrue(batches.waitSeconds() >= 0.02, "waited " + batches.waitSeconds() + " s");
        }
    }

    @Test
    void rejectsANegativeThreadCountAndDefaultsToOneToFour() {
        assertThrows(IllegalArgumentException.class, () -> new BatchPrefetcher(augmentedLoader(IMAGES, 4), -1));
        int threads = BatchPrefetcher.defaultThreads();
        assertTrue(threads >= 1 && threads <= 4, "default " + threads);
    }
}

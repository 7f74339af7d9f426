package dev.fovea.data.folder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ImageCacheTest {
    private static final int ENTRY = 100 + ImageCache.ENTRY_OVERHEAD;

    @Test
    void theLeastRecentlyUsedImageGoesFirst() {
        ImageCache cache = new ImageCache(2 * ENTRY);
        byte[] one = new byte[100];
        byte[] two = new byte[100];
        cache.put(1, one);
        cache.put(2, two);
        assertEquals(2 * ENTRY, cache.bytes());
        cache.get(1);
        cache.put(3, new byte[100]);
        assertNull(cache.get(2), "2 was used least recently");
        assertArrayEquals(one, cache.get(1));
        assertNotNull(cache.get(3));
        assertEquals(2 * ENTRY, cache.bytes());
    }

    @Test
    void puttingAnImageAgainReplacesIt() {
        ImageCache cache = new ImageCache(10 * ENTRY);
        cache.put(1, new byte[100]);
        byte[] again = new byte[100];
        cache.put(1, again);
        assertEquals(ENTRY, cache.bytes());
        assertTrue(again == cache.get(1));
    }

    @Test
    void anImageLargerThanTheCacheIsNotKept() {
        ImageCache cache = new ImageCache(ENTRY - 1);
        cache.put(1, new byte[100]);
        assertNull(cache.get(1));
        assertEquals(0, cache.bytes());
    }

    @Test
    void aCacheOfZeroBytesKeepsNothing() {
        ImageCache cache = new ImageCache(0);
        cache.put(1, new byte[0]);
        assertNull(cache.get(1));
        assertEquals(0, cache.bytes());
    }

    @Test
    void concurrentUseNeverExceedsTheBoundAndCountsWhatItHolds() throws Exception {
        long capacity = 20 * ENTRY;
        ImageCache cache = new ImageCache(capacity);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong mostSeen = new AtomicLong();
        Thread watcher = new Thread(() -> {
            while (running.get()) {
                mostSeen.accumulateAndGet(cache.bytes(), Math::max);
            }
        });
        watcher.start();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            long seed = t;
            done.add(pool.submit(() -> {
                SplittableRandom random = new SplittableRandom(seed);
                for (int i = 0; i < 20_000; i++) {
                    int id = random.nextInt(100);
                    if (random.nextBoolean()) {
                        cache.put(id, new byte[random.nextInt(50, 400)]);
                    } else {
                        cache.get(id);
                    }
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        running.set(false);
        watcher.join();
        assertTrue(mostSeen.get() <= capacity, mostSeen + " > " + capacity);
        long held = 0;
        for (int id = 0; id < 100; id++) {
            byte[] pixels = cache.get(id);
            held += pixels == null ? 0 : pixels.length + ImageCache.ENTRY_OVERHEAD;
        }
        assertEquals(held, cache.bytes());
        assertTrue(held > capacity / 2, "the cache is used, not left empty: " + held);
    }
}

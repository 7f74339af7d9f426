package dev.fovea.data;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Hands out a {@link DataLoader}'s batches in order while worker threads make the next ones, so the
 * training thread does not spend its time reading, augmenting and scaling images.
 *
 * <p>The workers are daemon threads of their own, named {@code fovea-loader-1}, {@code -2}, ...
 * (not the kernels' compute pool, which the training step keeps busy). They take batch indices in
 * increasing order, at most {@code 2 * threads} batches ahead of the consumer, each with its own
 * reusable buffers. Since a batch depends only on its index (see {@link DataLoader}), the batches
 * are the same whatever the number of threads and their timing. With 0 threads there are no
 * workers: {@link #next} makes each batch on the calling thread.
 *
 * <p>When making a batch fails, the consumer receives every batch before it and then, from
 * {@link #next}, the worker's exception itself (same type, same message); the workers stop. Closing
 * stops the workers and waits for them, which takes at most the batch each is making; the workers
 * also end by themselves once every batch is made. Not for use by several consumer threads.
 */
public final class BatchPrefetcher implements Iterator<Batch>, AutoCloseable {
    private static final String THREAD_NAME = "fovea-loader-";

    private final DataLoader loader;
    private final int count;
    private final int capacity;
    private final List<Thread> workers = new ArrayList<>();
    private final DataLoader.Scratch callerScratch;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Finished batches not yet handed out, at index % capacity. */
    private final Batch[] ready;
    /** The next batch index a worker will take. */
    private int nextToMake;
    /** The next batch index {@link #next} hands out. */
    private int nextToDeliver;
    /** The lowest batch index that failed, and its exception; count and null while none has. */
    private int failedIndex;
    private Throwable failure;
    private boolean closed;

    private long waitNanos;

    /**
     * Starts making {@code loader}'s batches on {@code threads} worker threads, or, with 0, makes
     * each when {@link #next} asks for it.
     */
    public BatchPrefetcher(DataLoader loader, int threads) {
        this(loader, threads, 0);
    }

    /** As {@link #BatchPrefetcher(DataLoader, int)}, starting at batch {@code first} (resuming an epoch). */
    public BatchPrefetcher(DataLoader loader, int threads, int first) {
        if (threads < 0) {
            throw new IllegalArgumentException("loader threads must be >= 0, got " + threads);
        }
        this.loader = loader;
        this.count = loader.batchCount();
        this.capacity = Math.max(1, 2 * threads);
        this.ready = new Batch[capacity];
        this.failedIndex = count;
        if (first < 0 || first > count) {
            throw new IllegalArgumentException("first batch " + first + " is outside 0.." + count);
        }
        this.nextToMake = first;
        this.nextToDeliver = first;
        this.callerScratch = threads == 0 ? loader.newScratch() : null;
        for (int t = 1; t <= Math.min(threads, count); t++) {
            Thread worker = new Thread(this::work, THREAD_NAME + t);
            worker.setDaemon(true);
            workers.add(worker);
        }
        workers.forEach(Thread::start);
    }

    /**
     * Loader threads when none are chosen: half the processors, at least 1 and at most 4. One
     * thread keeps up with in-memory data several times over; decoding image files needs more, but
     * every loader thread busy decoding is a core the training step's kernels do not get, so at
     * most half of them, and 4 when there are many (up to 8 batches in memory at once).
     */
    public static int defaultThreads() {
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() / 2));
    }

    @Override
    public boolean hasNext() {
        return nextToDeliver < count;
    }

    /**
     * The next batch in order, waiting for a worker to finish it if need be.
     *
     * @throws NoSuchElementException after the last batch
     * @throws IllegalStateException  after {@link #close}
     */
    @Override
    public Batch next() {
        if (!hasNext()) {
            throw new NoSuchElementException("all " + count + " batches were handed out");
        }
        long start = System.nanoTime();
        try {
            if (workers.isEmpty()) {
                if (closed) {
                    throw new IllegalStateException("batch prefetcher is closed");
                }
                return loader.batch(nextToDeliver++, callerScratch);
            }
            return takeReady();
        } finally {
            waitNanos += System.nanoTime() - start;
        }
    }

    private Batch takeReady() {
        int index = nextToDeliver;
        lock.lock();
        try {
            while (!closed && ready[index % capacity] == null && index < failedIndex) {
                changed.awaitUninterruptibly();
            }
            if (closed) {
                throw new IllegalStateException("batch prefetcher is closed");
            }
            Batch batch = ready[index % capacity];
            if (batch != null) {
                ready[index % capacity] = null;
                nextToDeliver++;
                changed.signalAll();
                return batch;
            }
        } finally {
            lock.unlock();
        }
        close();
        throw rethrow(failure);
    }

    /** Seconds {@link #next} has spent waiting for batches so far (making them, with 0 threads). */
    public double waitSeconds() {
        return waitNanos / 1e9;
    }

    /** Stops the workers and waits for them to end. Batches not handed out are dropped. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        boolean interrupted = false;
        for (Thread worker : workers) {
            while (worker.isAlive()) {
                try {
                    worker.join();
                } catch (InterruptedException e) {
                    interrupted = true; // keep waiting: a worker ends within one batch
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void work() {
        DataLoader.Scratch scratch = loader.newScratch();
        while (true) {
            int index;
            lock.lock();
            try {
                while (!closed && failure == null && nextToMake < count && nextToMake >= nextToDeliver + capacity) {
                    changed.awaitUninterruptibly();
                }
                if (closed || failure != null || nextToMake >= count) {
                    return;
                }
                index = nextToMake++;
            } finally {
                lock.unlock();
            }
            Batch batch = null;
            Throwable error = null;
            try {
                batch = loader.batch(index, scratch);
            } catch (Throwable t) {
                error = t;
            }
            lock.lock();
            try {
                if (error == null) {
                    ready[index % capacity] = batch;
                } else if (index < failedIndex) {
                    failedIndex = index;
                    failure = error;
                }
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private static RuntimeException rethrow(Throwable failure) {
        if (failure instanceof RuntimeException e) {
            return e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("loading a batch failed: " + failure, failure);
    }
}

package dev.fovea.data.folder;

import dev.fovea.FoveaException;
import dev.fovea.image.ImageFileException;
import dev.fovea.image.ImageFiles;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The image files of an opened folder, numbered, and their pixels at the requested size: taken
 * from the cache, or decoded again and cached. Shared by the train and test sets; safe for
 * concurrent use.
 */
final class FolderFiles {
    private final Path[] files;
    private final FolderOptions options;
    private final ImageCache cache;

    FolderFiles(List<Path> files, FolderOptions options) {
        this.files = files.toArray(Path[]::new);
        this.options = options;
        this.cache = new ImageCache(options.cacheBytes());
    }

    int count() {
        return files.length;
    }

    Path file(int id) {
        return files[id];
    }

    long cachedBytes() {
        return cache.bytes();
    }

    /**
     * Checks every file with {@link #probe} on {@code threads} threads and returns the reasons, by
     * file number (null for usable images). Each thread holds one decoded image at a time.
     */
    String[] probeAll(int threads) {
        String[] reasons = new String[files.length];
        AtomicInteger next = new AtomicInteger();
        Callable<Void> worker = () -> {
            for (int id = next.getAndIncrement(); id < reasons.length; id = next.getAndIncrement()) {
                reasons[id] = probe(id);
            }
            return null;
        };
        int workers = Math.max(1, Math.min(threads, files.length));
        ExecutorService pool = Executors.newFixedThreadPool(workers, task -> {
            Thread thread = new Thread(task, "fovea-folder-probe");
            thread.setDaemon(true);
            return thread;
        });
        try {
            // Future.get also makes the workers' writes to reasons visible here.
            for (Future<Void> done : pool.invokeAll(Collections.nCopies(workers, worker))) {
                done.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FoveaException("interrupted while checking the images", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return reasons;
    }

    /**
     * Checks file {@code id} as the options say (decoding it fully and caching the result, or
     * reading its header only) and returns null if it is a usable image, else the reason it is not.
     */
    String probe(int id) {
        try {
            if (options.probeHeadersOnly()) {
                ImageFiles.header(files[id]);
            } else {
                cache.put(id, decode(id));
            }
            return null;
        } catch (ImageFileException e) {
            return e.reason();
        }
    }

    /** The pixels of file {@code id}, height x width x channels bytes; shared, not to be changed. */
    byte[] pixels(int id) {
        byte[] pixels = cache.get(id);
        if (pixels == null) {
            try {
                pixels = decode(id);
            } catch (ImageFileException e) {
                throw new FoveaException(e.getMessage() + (options.probeHeadersOnly()
                        ? " (only its header was checked when the folder was opened)"
                        : " (it was readable when the folder was opened: has it changed since?)"), e);
            }
            cache.put(id, pixels);
        }
        return pixels;
    }

    private byte[] decode(int id) {
        return ImageFiles.readBytes(files[id], options.height(), options.width(), options.channels(), options.crop());
    }
}

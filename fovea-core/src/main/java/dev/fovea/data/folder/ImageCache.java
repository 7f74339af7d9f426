package dev.fovea.data.folder;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decoded images by file number, holding at most a fixed number of bytes: the least recently used
 * image goes first when a new one does not fit. Safe for concurrent use; the arrays it hands out
 * are shared and must not be changed.
 */
final class ImageCache {
    /** Bytes an entry is counted for beyond its pixels: the map entry, the boxed key and the array header. */
    static final int ENTRY_OVERHEAD = 80;

    private final long capacity;
    private final LinkedHashMap<Integer, byte[]> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long used;

    ImageCache(long capacity) {
        this.capacity = capacity;
    }

    /** The pixels of file {@code id}, or null if they are not held. */
    synchronized byte[] get(int id) {
        return entries.get(id);
    }

    /** Keeps the pixels of file {@code id}, dropping the least recently used ones to make room; too large ones are not kept. */
    synchronized void put(int id, byte[] pixels) {
        long cost = cost(pixels);
        if (cost > capacity) {
            return;
        }
        byte[] previous = entries.remove(id);
        if (previous != null) {
            used -= cost(previous);
        }
        Iterator<Map.Entry<Integer, byte[]>> oldestFirst = entries.entrySet().iterator();
        while (used + cost > capacity) {
            used -= cost(oldestFirst.next().getValue());
            oldestFirst.remove();
        }
        entries.put(id, pixels);
        used += cost;
    }

    /** Bytes held now, counting {@link #ENTRY_OVERHEAD} per image; never more than the capacity. */
    synchronized long bytes() {
        return used;
    }

    private static long cost(byte[] pixels) {
        return pixels.length + (long) ENTRY_OVERHEAD;
    }
}

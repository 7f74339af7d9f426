package dev.fovea.data.archive;

import java.util.Objects;

/**
 * One member of a tar archive, as {@link TarReader} reports it: its full name (long-name and pax
 * extensions applied), what kind of thing it is, and how many content bytes follow its header.
 */
public record TarEntry(String name, Kind kind, long size) {
    /** What an entry describes; only regular files carry content worth extracting. */
    public enum Kind {
        FILE, DIRECTORY, LINK, OTHER
    }

    public TarEntry {
        Objects.requireNonNull(name);
        Objects.requireNonNull(kind);
        if (size < 0) {
            throw new IllegalArgumentException(name + ": negative size " + size);
        }
    }

    public boolean isFile() {
        return kind == Kind.FILE;
    }
}

package dev.fovea.data;

import java.util.List;
import java.util.Objects;

/**
 * One file of a built-in dataset: its name as published (gzipped) and the SHA-256 of those bytes,
 * which a download must match.
 */
public record DatasetFile(String fileName, String sha256) {
    private static final String GZIP_SUFFIX = ".gz";

    public DatasetFile {
        Objects.requireNonNull(fileName);
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException(fileName + ": SHA-256 must be 64 lower-case hex digits: " + sha256);
        }
    }

    /**
     * The names under which a local copy is accepted: the published name and, for a gzipped file, the
     * name without {@code .gz}, since packagers and users often store the files uncompressed.
     */
    public List<String> acceptedNames() {
        if (fileName.endsWith(GZIP_SUFFIX)) {
            return List.of(fileName, fileName.substring(0, fileName.length() - GZIP_SUFFIX.length()));
        }
        return List.of(fileName);
    }
}

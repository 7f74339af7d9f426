package dev.fovea.data;

import java.util.List;
import java.util.Objects;

/**
 * One file of a built-in dataset as it is published: its name and the checksum of those bytes,
 * which a download must match.
 */
public record DatasetFile(String fileName, Checksum checksum) {
    private static final String GZIP_SUFFIX = ".gz";

    public DatasetFile {
        Objects.requireNonNull(fileName);
        Objects.requireNonNull(checksum);
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

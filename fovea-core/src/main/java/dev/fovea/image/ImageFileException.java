package dev.fovea.image;

import dev.fovea.FoveaException;
import java.nio.file.Path;

/**
 * An image file that cannot be used: missing, not an image, too large, truncated or damaged.
 * The message is {@code "<file>: <reason>"}; {@link #reason} alone serves reports that list many
 * files.
 */
public final class ImageFileException extends FoveaException {
    private final Path file;
    private final String reason;

    ImageFileException(Path file, String reason) {
        super(file + ": " + reason);
        this.file = file;
        this.reason = reason;
    }

    ImageFileException(Path file, String reason, Throwable cause) {
        super(file + ": " + reason, cause);
        this.file = file;
        this.reason = reason;
    }

    public Path file() {
        return file;
    }

    /** What is wrong with the file, without its name, e.g. "not a PNG, JPEG, GIF or BMP image". */
    public String reason() {
        return reason;
    }
}

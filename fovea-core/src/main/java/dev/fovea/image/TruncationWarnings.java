package dev.fovea.image;

import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;

/**
 * Listens for a decoder's warnings about data that ends early. The JDK's JPEG reader does not fail
 * on a truncated file: it warns ("Truncated File - Missing EOI marker", "Corrupt JPEG data:
 * premature end of data segment") and returns an image whose missing part is grey. Other warnings
 * (such as extraneous bytes before a marker, common in cameras' files) leave the image intact.
 */
final class TruncationWarnings implements IIOReadWarningListener {
    private volatile String first;

    @Override
    public void warningOccurred(ImageReader source, String warning) {
        String lower = warning.toLowerCase(Locale.ROOT);
        if (first == null && (lower.contains("truncated") || lower.contains("premature end"))) {
            first = warning;
        }
    }

    void throwIfTruncated(Path file, String format) {
        if (first != null) {
            throw new ImageFileException(file, "truncated " + format + ": " + first);
        }
    }
}

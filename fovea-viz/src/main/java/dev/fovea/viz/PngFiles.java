package dev.fovea.viz;

import dev.fovea.io.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Writes pictures as PNG files, atomically (a reader never sees half a file). */
public final class PngFiles {
    private PngFiles() {}

    /** Writes {@code image} to {@code file} as PNG, replacing what is there. */
    public static void write(BufferedImage image, Path file) {
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer for an image of type " + image.getType());
            }
        });
    }
}

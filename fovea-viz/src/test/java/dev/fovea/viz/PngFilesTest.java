package dev.fovea.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.FoveaException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PngFilesTest {
    @TempDir
    Path dir;

    @Test
    void writesAPngThatReadsBackPixelForPixel() throws IOException {
        BufferedImage image = TileImages.rgb(new int[] {255, 0, 0, 1, 2, 3, 0, 0, 255, 200, 100, 50}, 2, 2, 3);
        Path file = dir.resolve("picture.png");
        PngFiles.write(image, file);
        BufferedImage back = ImageIO.read(file.toFile());
        for (int y = 0; y < 6; y++) {
            for (int x = 0; x < 6; x++) {
                assertEquals(image.getRGB(x, y), back.getRGB(x, y), "pixel (" + x + ", " + y + ")");
            }
        }
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void aFolderThatDoesNotExistIsNamedInTheError() {
        Path file = dir.resolve("missing").resolve("picture.png");
        FoveaException e = assertThrows(FoveaException.class,
                () -> PngFiles.write(TileImages.grey(new int[] {0}, 1, 1, 1), file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }
}

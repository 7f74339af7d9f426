package dev.fovea.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fovea.FoveaException;
import dev.fovea.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Width and height from a header are checked against what the file's length can encode, before decoding. */
class ImageFilesHeaderSizeTest {
    @TempDir
    Path dir;

    @Test
    void aHeaderClaimingMorePixelsThanTheFileCanEncodeIsRefusedBeforeDecoding() throws Exception {
        // A real 8x8 PNG whose header claims 3000x3000: under the pixel cap, but 9 million pixels
        // cannot come out of a hundred bytes of deflate data (36 MB would be allocated to find out).
        Path file = TestImages.pngClaimingSize(3000, 3000, dir.resolve("liar.png"));
        String expected = file + ": the header says 3000x3000 pixels, more than a "
                + Files.size(file) + "-byte PNG file can hold; the file is damaged";
        assertEquals(expected, assertThrows(FoveaException.class, () -> ImageFiles.read(file, 28, 28, 1)).getMessage());
        assertEquals(expected, assertThrows(FoveaException.class, () -> ImageFiles.header(file)).getMessage());
    }

    @Test
    void aLargeImageThatCompressesWellStillReads() {
        // A uniform 2000x2000 PNG: 4 million pixels in a few kilobytes, well within deflate's 1032:1.
        Path file = TestImages.write(new java.awt.image.BufferedImage(2000, 2000,
                java.awt.image.BufferedImage.TYPE_BYTE_GRAY), "png", dir.resolve("flat.png"));
        assertEquals(new ImageHeader("PNG", 2000, 2000), ImageFiles.header(file));
        assertEquals(28 * 28, ImageFiles.read(file, 28, 28, 1).length);
    }
}

package dev.fovea.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fovea.FoveaException;
import dev.fovea.testing.TestImages;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFilesTest {
    @TempDir
    Path temp;

    @Test
    void greyPngKeepsItsValues() {
        BufferedImage image = TestImages.grey(5, 4, 1);
        Path file = TestImages.write(image, "png", temp.resolve("grey.png"));
        assertArrayEquals(TestImages.greyValues(image), ImageFiles.read(file, 4, 5, 1));
    }

    @Test
    void sixteenBitGreyIsScaledTo0To255() {
        BufferedImage image = new BufferedImage(3, 1, BufferedImage.TYPE_USHORT_GRAY);
        image.getRaster().setSamples(0, 0, 3, 1, 0, new int[] {0, 128 * 257, 65535});
        Path file = TestImages.write(image, "png", temp.resolve("deep.png"));
        assertArrayEquals(new float[] {0, 128, 255}, ImageFiles.read(file, 1, 3, 1));
    }

    @Test
    void colourBecomesLuminanceForAGreyModelAndStaysRgbForAColourOne() {
        BufferedImage image = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0xC86432);
        Path file = TestImages.write(image, "png", temp.resolve("colour.png"));
        assertArrayEquals(new float[] {0.299f * 200 + 0.587f * 100 + 0.114f * 50}, ImageFiles.read(file, 1, 1, 1), 1e-4f);
        assertArrayEquals(new float[] {200, 100, 50}, ImageFiles.read(file, 1, 1, 3));
    }

    @Test
    void greyIsRepeatedForAColourModel() {
        BufferedImage image = TestImages.grey(1, 1, 2);
        Path file = TestImages.write(image, "png", temp.resolve("grey.png"));
        float v = TestImages.greyValues(image)[0];
        assertArrayEquals(new float[] {v, v, v}, ImageFiles.read(file, 1, 1, 3));
    }

    @Test
    void paletteGifIsExpanded() {
        IndexColorModel palette = new IndexColorModel(8, 2, new byte[] {0, (byte) 255}, new byte[] {0, 0},
                new byte[] {0, (byte) 255});
        BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_INDEXED, palette);
        image.getRaster().setSamples(0, 0, 2, 1, 0, new int[] {1, 0});
        Path file = TestImages.write(image, "gif", temp.resolve("palette.gif"));
        assertArrayEquals(new float[] {255, 0, 255, 0, 0, 0}, ImageFiles.read(file, 1, 2, 3));
    }

    @Test
    void transparencyBecomesBlack() {
        BufferedImage colour = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        colour.setRGB(0, 0, 0x00FFFFFF);
        colour.setRGB(1, 0, 0xFFFFFFFF);
        Path colourFile = TestImages.write(colour, "png", temp.resolve("argb.png"));
        assertArrayEquals(new float[] {0, 255}, ImageFiles.read(colourFile, 1, 2, 1), 1e-3f);

        ComponentColorModel greyAlpha = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false,
                Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
        WritableRaster raster = greyAlpha.createCompatibleWritableRaster(2, 1);
        raster.setSamples(0, 0, 2, 1, 0, new int[] {200, 200});
        raster.setSamples(0, 0, 2, 1, 1, new int[] {0, 255});
        Path greyFile = TestImages.write(new BufferedImage(greyAlpha, raster, false, null), "png", temp.resolve("ga.png"));
        assertArrayEquals(new float[] {0, 200}, ImageFiles.read(greyFile, 1, 2, 1), 1e-3f);
    }

    @Test
    void isResizedToTheRequestedSize() {
        BufferedImage image = new BufferedImage(4, 2, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setSamples(0, 0, 4, 2, 0, new int[] {0, 100, 200, 200, 100, 200, 0, 0});
        Path file = TestImages.write(image, "png", temp.resolve("wide.png"));
        assertArrayEquals(new float[] {100, 100}, ImageFiles.read(file, 1, 2, 1), 1e-4f);
    }

    @Test
    void aTextFileIsNotAnImage() throws IOException {
        Path file = Files.writeString(temp.resolve("x.png"), "hello");
        FoveaException e = assertThrows(FoveaException.class, () -> ImageFiles.read(file, 28, 28, 1));
        assertEquals(file + ": not a PNG, JPEG, GIF or BMP image", e.getMessage());
    }

    @Test
    void aDirectoryIsNoImageFile() {
        FoveaException e = assertThrows(FoveaException.class, () -> ImageFiles.read(temp, 28, 28, 1));
        assertEquals(temp + ": no such file", e.getMessage());
    }

    @Test
    void anImageClaimingAHugeSizeIsRefusedBeforeDecoding() throws IOException {
        // A real 8x8 PNG whose header is rewritten to claim 40000x40000 (1.6 gigapixels): decoding it
        // would need 6.4 GB. The IHDR chunk's CRC is recomputed so only the size is wrong.
        Path file = TestImages.write(TestImages.grey(8, 8, 1), "png", temp.resolve("huge.png"));
        byte[] png = Files.readAllBytes(file);
        java.nio.ByteBuffer header = java.nio.ByteBuffer.wrap(png);
        header.putInt(16, 40_000).putInt(20, 40_000);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(png, 12, 17);
        header.putInt(29, (int) crc.getValue());
        Files.write(file, png);
        FoveaException e = assertThrows(FoveaException.class, () -> ImageFiles.read(file, 28, 28, 1));
        assertEquals(file + ": the image is 40000x40000 pixels, more than the 100000000 Fovea decodes", e.getMessage());
    }

}

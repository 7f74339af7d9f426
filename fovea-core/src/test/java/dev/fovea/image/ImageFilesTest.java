package dev.fovea.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.FoveaException;
import dev.fovea.testing.TestImages;
import dev.fovea.testing.TestImages.CmykStorage;
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
    void anImageClaimingAHugeSizeIsRefusedBeforeDecoding() {
        // A real 8x8 PNG whose header claims 40000x40000 (1.6 gigapixels): decoding it would need 6.4 GB.
        Path file = TestImages.pngClaimingSize(40_000, 40_000, temp.resolve("huge.png"));
        String expected = file + ": the image is 40000x40000 pixels, more than the 100000000 Fovea decodes";
        FoveaException e = assertThrows(FoveaException.class, () -> ImageFiles.read(file, 28, 28, 1));
        assertEquals(expected, e.getMessage());
        assertEquals(expected, assertThrows(FoveaException.class, () -> ImageFiles.header(file)).getMessage());
    }

    @Test
    void anImageClaimingMoreThanItsFileCanHoldIsRefusedBeforeDecoding() throws IOException {
        // Found by ImageFilesFuzzTest: a 140-byte PNG claiming 10000x10000 made ImageIO allocate the image
        // (an OutOfMemoryError in a 512 MB heap, which ImageIO caught and reported as "Caught exception during read").
        Path file = TestImages.pngClaimingSize(10_000, 10_000, temp.resolve("claims.png"));
        String expected = file + ": the header says 10000x10000 pixels, more than a " + Files.size(file)
                + "-byte PNG file can hold; the file is damaged";
        assertEquals(expected, assertThrows(FoveaException.class, () -> ImageFiles.read(file, 8, 8, 1)).getMessage());
        assertEquals(expected, assertThrows(FoveaException.class, () -> ImageFiles.header(file)).getMessage());
    }

    @Test
    void anImageCompressedAsFarAsDeflateGoesStillReads() {
        // One colour compresses close to deflate's limit of 1032 to 1, which the size check allows.
        Path file = TestImages.write(TestImages.solid(2000, 2000, 0x808080), "png", temp.resolve("flat.png"));
        assertEquals(new ImageHeader("PNG", 2000, 2000), ImageFiles.header(file));
        assertArrayEquals(new float[] {128, 128, 128, 128}, ImageFiles.read(file, 2, 2, 1), 0.01f);
    }

    @Test
    void theHeaderGivesFormatAndSize() {
        Path png = TestImages.write(TestImages.grey(5, 4, 1), "png", temp.resolve("a.png"));
        Path jpeg = TestImages.write(TestImages.colour(7, 3, 1), "jpg", temp.resolve("b.jpg"));
        Path gif = TestImages.write(TestImages.grey(2, 9, 1), "gif", temp.resolve("c.gif"));
        Path bmp = TestImages.write(TestImages.colour(6, 6, 1), "bmp", temp.resolve("d.bmp"));
        assertEquals(new ImageHeader("PNG", 5, 4), ImageFiles.header(png));
        assertEquals(new ImageHeader("JPEG", 7, 3), ImageFiles.header(jpeg));
        assertEquals(new ImageHeader("GIF", 2, 9), ImageFiles.header(gif));
        assertEquals(new ImageHeader("BMP", 6, 6), ImageFiles.header(bmp));
    }

    @Test
    void aTruncatedJpegFailsAlthoughTheJdkOnlyWarns() {
        Path file = TestImages.truncatedJpeg(64, 48, 0.5, temp.resolve("cut.jpg"));
        assertEquals(new ImageHeader("JPEG", 64, 48), ImageFiles.header(file), "the header is intact");
        ImageFileException e = assertThrows(ImageFileException.class, () -> ImageFiles.decode(file));
        assertEquals(file, e.file());
        assertTrue(e.reason().startsWith("truncated JPEG: "), e.reason());
        assertEquals(file + ": " + e.reason(), e.getMessage());
    }

    @Test
    void bytesThatOtherImageIoReadersWouldTakeForAWbmpAreNotAnImage() throws IOException {
        // Type 0, header 0, width 5, height 5: the JDK's WBMP reader claims such files.
        Path file = Files.write(temp.resolve("x.bin"), new byte[] {0, 0, 5, 5, 0, 0, 0, 0, 0, 0});
        ImageFileException e = assertThrows(ImageFileException.class, () -> ImageFiles.header(file));
        assertEquals("not a PNG, JPEG, GIF or BMP image", e.reason());
    }

    @Test
    void cmykJpegsBecomeRgbWhicheverWayTheyStoreTheirSamples() {
        // Magenta and yellow ink without cyan or black is red.
        int[] red = {0, 255, 255, 0};
        // Half of each ink: (255 - 128) * (255 - 64) / 255 = 95 of each colour (a grey).
        int[] grey = {128, 128, 128, 64};
        for (CmykStorage storage : CmykStorage.values()) {
            Path redFile = TestImages.cmykJpeg(16, 8, red, storage, temp.resolve("red-" + storage + ".jpg"));
            assertArrayEquals(new float[] {255, 0, 0}, ImageFiles.read(redFile, 1, 1, 3), 2.5f, storage.name());
            Path greyFile = TestImages.cmykJpeg(16, 8, grey, storage, temp.resolve("grey-" + storage + ".jpg"));
            assertArrayEquals(new float[] {95, 95, 95}, ImageFiles.read(greyFile, 1, 1, 3), 2.5f, storage.name());
        }
    }

    @Test
    void palettePngIsExpanded() {
        Path file = TestImages.write(TestImages.palette(3, 1, 0xFF0000, 0x00FF00, 0x0000FF), "png",
                temp.resolve("palette.png"));
        assertArrayEquals(new float[] {255, 0, 0, 0, 255, 0, 0, 0, 255}, ImageFiles.read(file, 1, 3, 3));
    }

    @Test
    void sixteenBitColourIsScaledTo0To255() {
        Path file = TestImages.write(TestImages.sixteenBitRgb(2, 2, 65535, 128 * 257, 0), "png", temp.resolve("deep.png"));
        assertArrayEquals(new float[] {255, 128, 0}, ImageFiles.read(file, 1, 1, 3), 1e-3f);
    }

    @Test
    void premultipliedTransparencyIsAlsoBlack() {
        BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB_PRE);
        image.setRGB(0, 0, 0x80FF0000);
        image.setRGB(1, 0, 0xFF00FF00);
        // Half-transparent red over black: 128; setRGB stores it premultiplied, as 128 of 255.
        assertArrayEquals(new float[] {128, 0, 0, 0, 255, 0}, ImageFiles.pixels(image, 3), 1f);
    }

    @Test
    void bytesAreTheRoundedPixels() {
        Path file = TestImages.write(TestImages.solid(9, 7, 0xC86432), "png", temp.resolve("solid.png"));
        byte[] expected = new byte[4 * 5 * 3];
        for (int i = 0; i < expected.length; i += 3) {
            expected[i] = (byte) 200;
            expected[i + 1] = 100;
            expected[i + 2] = 50;
        }
        assertArrayEquals(expected, ImageFiles.readBytes(file, 4, 5, 3, Crop.NONE));
        byte[] grey = ImageFiles.readBytes(file, 4, 5, 1, Crop.NONE);
        byte luminance = (byte) Math.round(0.299f * 200 + 0.587f * 100 + 0.114f * 50);
        for (byte b : grey) {
            assertEquals(luminance, b);
        }
    }

    @Test
    void centerCropKeepsTheMiddleAndNoneStretchesTheWhole() {
        // Three 10x10 squares side by side: red, green, blue.
        BufferedImage image = new BufferedImage(30, 10, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 30; x++) {
            for (int y = 0; y < 10; y++) {
                image.setRGB(x, y, x < 10 ? 0xFF0000 : x < 20 ? 0x00FF00 : 0x0000FF);
            }
        }
        Path file = TestImages.write(image, "png", temp.resolve("stripes.png"));
        float[] centre = ImageFiles.read(file, 2, 2, 3, Crop.CENTER);
        float[] green = {0, 255, 0, 0, 255, 0, 0, 255, 0, 0, 255, 0};
        assertArrayEquals(green, centre, 1e-3f);
        float[] whole = ImageFiles.read(file, 1, 3, 3, Crop.NONE);
        assertArrayEquals(new float[] {255, 0, 0, 0, 255, 0, 0, 0, 255}, whole, 1e-3f);
    }

    @Test
    void aFileWithANonAsciiNameOpens() {
        Path file = TestImages.write(TestImages.solid(2, 2, 0x102030), "png", temp.resolve("Ölkanne ä (1) 猫.png"));
        assertArrayEquals(new float[] {16, 32, 48}, ImageFiles.read(file, 1, 1, 3), 1e-3f);
    }
}

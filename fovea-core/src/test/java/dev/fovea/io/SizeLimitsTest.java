package dev.fovea.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fovea.FoveaException;
import dev.fovea.data.Idx;
import dev.fovea.image.ImageFiles;
import dev.fovea.testing.TestImages;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each cap has its default, is read from its system property when reading, and each reader keeps to it. */
class SizeLimitsTest {
    @TempDir
    Path dir;

    @AfterEach
    void clearProperties() {
        System.clearProperty(SizeLimits.IMAGE_PIXELS);
        System.clearProperty(SizeLimits.SAFETENSORS_HEADER_BYTES);
        System.clearProperty(SizeLimits.IDX_BYTES);
        System.clearProperty(SizeLimits.LAYER_VALUES);
    }

    @Test
    void unsetPropertiesGiveTheDefaults() {
        assertEquals(100_000_000L, SizeLimits.imagePixels());
        assertEquals(100_000_000L, SizeLimits.safeTensorsHeaderBytes());
        assertEquals(Integer.MAX_VALUE - 8, SizeLimits.idxBytes());
        assertEquals(100_000_000L, SizeLimits.layerValues());
    }

    @Test
    void aPropertyReplacesTheDefault() {
        System.setProperty(SizeLimits.IMAGE_PIXELS, "4000000000");
        System.setProperty(SizeLimits.SAFETENSORS_HEADER_BYTES, " 4096 ");
        System.setProperty(SizeLimits.IDX_BYTES, "1");
        System.setProperty(SizeLimits.LAYER_VALUES, "12");
        assertEquals(4_000_000_000L, SizeLimits.imagePixels());
        assertEquals(4096, SizeLimits.safeTensorsHeaderBytes());
        assertEquals(1, SizeLimits.idxBytes());
        assertEquals(12, SizeLimits.layerValues());
    }

    @Test
    void aPropertyThatIsNoPositiveNumberOrTooLargeIsAnErrorNamingIt() {
        for (String bad : new String[] {"", "lots", "0", "-5", "1e6", "2147483640"}) {
            System.setProperty(SizeLimits.IDX_BYTES, bad);
            FoveaException e = assertThrows(FoveaException.class, SizeLimits::idxBytes, bad);
            assertEquals("system property fovea.limit.idxBytes is \"" + bad + "\"; expected a whole number from 1 to "
                    + "2147483639", e.getMessage());
        }
    }

    @Test
    void aLayerOutputIsCheckedWithoutOverflowingTheCount() {
        SizeLimits.requireLayerOutput("fits", new int[] {10_000, 10_000});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SizeLimits.requireLayerOutput("huge", new int[] {1 << 30, 1 << 30, 1 << 30}));
        assertEquals("layer huge outputs (1073741824, 1073741824, 1073741824) = too many values per example, more than"
                + " the limit of 100000000 (system property fovea.limit.layerValues)", e.getMessage());
    }

    @Test
    void safeTensorsReadingKeepsToTheHeaderCap() throws Exception {
        Path file = dir.resolve("w.safetensors");
        SafeTensors.write(file, Map.of("w", new TensorData(new int[] {2}, new float[] {1f, 2f})), Map.of());
        long headerLength = ByteBuffer.wrap(Files.readAllBytes(file), 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        System.setProperty(SizeLimits.SAFETENSORS_HEADER_BYTES, "16");
        FoveaException e = assertThrows(FoveaException.class, () -> SafeTensors.read(file));
        assertEquals(file + ": header length is " + headerLength + " bytes; expected at most 16 (system property "
                + "fovea.limit.safetensorsHeaderBytes)", e.getMessage());
        System.clearProperty(SizeLimits.SAFETENSORS_HEADER_BYTES);
        assertArrayEquals(new float[] {1f, 2f}, SafeTensors.read(file).tensor("w").data());
    }

    @Test
    void idxReadingKeepsToTheBodyCap() throws Exception {
        // 3 images of 2x2: a 12-byte body.
        ByteBuffer idx = ByteBuffer.allocate(16 + 12).putInt(Idx.IMAGES_MAGIC).putInt(3).putInt(2).putInt(2);
        Path file = Files.write(dir.resolve("images-idx3-ubyte"), idx.array());
        System.setProperty(SizeLimits.IDX_BYTES, "11");
        FoveaException e = assertThrows(FoveaException.class, () -> Idx.readImages(file));
        assertEquals(file + ": count field 3 images of 2x2 = 12 bytes, more than the limit of 11 bytes; expected a"
                + " smaller dataset or a corrupt header", e.getMessage());
        System.setProperty(SizeLimits.IDX_BYTES, "12");
        assertEquals(3, Idx.readImages(file).count());
    }

    @Test
    void imageDecodingKeepsToThePixelCap() {
        Path file = TestImages.write(TestImages.grey(5, 4, 1), "png", dir.resolve("a.png"));
        System.setProperty(SizeLimits.IMAGE_PIXELS, "19");
        FoveaException e = assertThrows(FoveaException.class, () -> ImageFiles.read(file, 4, 5, 1));
        assertEquals(file + ": the image is 5x4 pixels, more than the 19 Fovea decodes", e.getMessage());
        System.setProperty(SizeLimits.IMAGE_PIXELS, "20");
        assertEquals(20, ImageFiles.read(file, 4, 5, 1).length);
    }
}

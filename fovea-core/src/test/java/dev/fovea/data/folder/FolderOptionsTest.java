package dev.fovea.data.folder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.image.Crop;
import org.junit.jupiter.api.Test;

class FolderOptionsTest {
    @Test
    void defaults() {
        FolderOptions options = FolderOptions.of(32, 48, 3);
        assertEquals(32, options.height());
        assertEquals(48, options.width());
        assertEquals(3, options.channels());
        assertEquals(Crop.NONE, options.crop());
        assertEquals(0.15, options.heldOutFraction());
        assertEquals(42, options.seed());
        assertFalse(options.strict());
        assertFalse(options.probeHeadersOnly());
        assertEquals(Math.min(1L << 30, Runtime.getRuntime().maxMemory() / 4), options.cacheBytes());
        assertEquals(Runtime.getRuntime().availableProcessors(), options.probeThreads());
    }

    @Test
    void settersReturnAChangedCopyAndLeaveTheOriginal() {
        FolderOptions original = FolderOptions.of(8, 8, 1);
        FolderOptions changed = original.crop(Crop.CENTER).heldOutFraction(0).seed(7).strict(true).cacheBytes(0)
                .probeThreads(3).probeHeadersOnly(true);
        assertEquals(Crop.CENTER, changed.crop());
        assertEquals(0.0, changed.heldOutFraction());
        assertEquals(7, changed.seed());
        assertTrue(changed.strict());
        assertEquals(0, changed.cacheBytes());
        assertEquals(3, changed.probeThreads());
        assertTrue(changed.probeHeadersOnly());
        assertEquals(8, changed.height());
        assertEquals(Crop.NONE, original.crop());
        assertEquals(0.15, original.heldOutFraction());
        assertEquals(42, original.seed());
        assertFalse(original.strict());
        assertFalse(original.probeHeadersOnly());
    }

    @Test
    void badValuesAreRefusedWithTheRangeExpected() {
        assertEquals("images can be read in 1 (grey) or 3 (RGB) channels, not 4",
                assertThrows(IllegalArgumentException.class, () -> FolderOptions.of(8, 8, 4)).getMessage());
        assertEquals("image height and width must be >= 1, got 0x8",
                assertThrows(IllegalArgumentException.class, () -> FolderOptions.of(0, 8, 1)).getMessage());
        assertEquals("images of 100000x100000x3 do not fit in a Java array",
                assertThrows(IllegalArgumentException.class, () -> FolderOptions.of(100_000, 100_000, 3)).getMessage());
        FolderOptions options = FolderOptions.of(8, 8, 1);
        assertEquals("the held-out fraction must be in [0, 1), got 1.0",
                assertThrows(IllegalArgumentException.class, () -> options.heldOutFraction(1)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> options.heldOutFraction(-0.1));
        assertThrows(IllegalArgumentException.class, () -> options.heldOutFraction(Double.NaN));
        assertEquals("the cache size must be >= 0 bytes, got -1",
                assertThrows(IllegalArgumentException.class, () -> options.cacheBytes(-1)).getMessage());
        assertEquals("probe threads must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> options.probeThreads(0)).getMessage());
    }
}

package dev.fovea.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;

/** Checks of what a picture shows inside a tile: each value of a small array as a block of pixels. */
public final class TilePixels {
    private TilePixels() {}

    /**
     * Asserts that {@code bounds} in {@code image} shows {@code height x width} grey levels, each as a
     * {@code scale x scale} block of R = G = B = level.
     */
    public static void assertGreyTile(String what, BufferedImage image, Rectangle bounds, int[] levels, int height,
                                      int width, int scale) {
        int[] rgb = new int[levels.length];
        for (int i = 0; i < levels.length; i++) {
            rgb[i] = levels[i] * 0x010101;
        }
        assertTile(what, image, bounds, rgb, height, width, scale);
    }

    /** As {@link #assertGreyTile} with packed 0xRRGGBB colours. */
    public static void assertTile(String what, BufferedImage image, Rectangle bounds, int[] rgb, int height, int width,
                                  int scale) {
        assertEquals(width * scale, bounds.width, what + ": tile width");
        assertEquals(height * scale, bounds.height, what + ": tile height");
        for (int y = 0; y < height * scale; y++) {
            for (int x = 0; x < width * scale; x++) {
                int expected = rgb[(y / scale) * width + x / scale];
                int actual = image.getRGB(bounds.x + x, bounds.y + y) & 0xFFFFFF;
                if (actual != expected) {
                    fail(String.format("%s: pixel (%d, %d) of the tile (value (%d, %d)) is %06X, expected %06X",
                            what, y, x, y / scale, x / scale, actual, expected));
                }
            }
        }
    }

    /** The grey level of a pixel, failing if it is not grey. */
    public static int grey(BufferedImage image, int x, int y) {
        int rgb = image.getRGB(x, y) & 0xFFFFFF;
        int r = rgb >> 16;
        assertEquals(r * 0x010101, rgb, "pixel (" + x + ", " + y + ") is not grey");
        return r;
    }
}

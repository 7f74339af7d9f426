package dev.fovea.viz;

import java.awt.image.BufferedImage;

/**
 * Small pictures made from arrays of values, enlarged by an integer factor with nearest
 * neighbour, so each value becomes a {@code scale} x {@code scale} block of one colour.
 */
public final class TileImages {
    private TileImages() {}

    /**
     * The smallest integer factor that makes a {@code size}-pixel side at least {@code minimum}
     * pixels (at least 1): 3x3 filters become 33 pixels wide for a minimum of 32.
     */
    public static int factorFor(int size, int minimum) {
        return Math.max(1, (minimum + size - 1) / size);
    }

    /** A grey picture of {@code height x width} levels 0-255, row by row. */
    public static BufferedImage grey(int[] levels, int height, int width, int scale) {
        BufferedImage image = new BufferedImage(width * scale, height * scale, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int v = levels[y * width + x];
                fill(image, x, y, scale, (v << 16) | (v << 8) | v);
            }
        }
        return image;
    }

    /** A colour picture of {@code height x width x 3} levels 0-255 in R, G, B order (HWC). */
    public static BufferedImage rgb(int[] levels, int height, int width, int scale) {
        BufferedImage image = new BufferedImage(width * scale, height * scale, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = (y * width + x) * 3;
                fill(image, x, y, scale, (levels[i] << 16) | (levels[i + 1] << 8) | levels[i + 2]);
            }
        }
        return image;
    }

    /** A picture of {@code height x width} values in [0, 1] through a colour map. */
    public static BufferedImage mapped(float[] values, int height, int width, int scale, ColorMap map) {
        BufferedImage image = new BufferedImage(width * scale, height * scale, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                fill(image, x, y, scale, map.rgb(values[y * width + x]));
            }
        }
        return image;
    }

    /**
     * An input image from raw pixel values 0-255, HWC with 1 (grey) or 3 (RGB) channels, each value
     * rounded to the nearest level and clamped.
     */
    public static BufferedImage pixels(float[] pixels, int height, int width, int channels, int scale) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("images have 1 or 3 channels, not " + channels);
        }
        int[] levels = new int[height * width * channels];
        for (int i = 0; i < levels.length; i++) {
            levels[i] = Math.max(0, Math.min(255, Math.round(pixels[i])));
        }
        return channels == 1 ? grey(levels, height, width, scale) : rgb(levels, height, width, scale);
    }

    private static void fill(BufferedImage image, int x, int y, int scale, int rgb) {
        for (int dy = 0; dy < scale; dy++) {
            for (int dx = 0; dx < scale; dx++) {
                image.setRGB(x * scale + dx, y * scale + dy, rgb);
            }
        }
    }
}

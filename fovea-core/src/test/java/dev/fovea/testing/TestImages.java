package dev.fovea.testing;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;

/** Images made on the fly for tests, written with ImageIO. */
public final class TestImages {
    private TestImages() {}

    /** A grey image with random pixels; {@link #greyValues} gives them back as floats, HW. */
    public static BufferedImage grey(int width, int height, long seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Random random = new Random(seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.getRaster().setSample(x, y, 0, random.nextInt(256));
            }
        }
        return image;
    }

    public static float[] greyValues(BufferedImage image) {
        return image.getRaster().getSamples(0, 0, image.getWidth(), image.getHeight(), 0,
                new float[image.getWidth() * image.getHeight()]);
    }

    /** A colour image with random pixels; {@link #rgbValues} gives them back as floats, HWC. */
    public static BufferedImage colour(int width, int height, long seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        return image;
    }

    public static float[] rgbValues(BufferedImage image) {
        float[] out = new float[image.getWidth() * image.getHeight() * 3];
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int i = (y * image.getWidth() + x) * 3;
                out[i] = (rgb >> 16) & 0xFF;
                out[i + 1] = (rgb >> 8) & 0xFF;
                out[i + 2] = rgb & 0xFF;
            }
        }
        return out;
    }

    /** Writes {@code image} as {@code format} ("png", "jpg", "gif", "bmp") to {@code file}. */
    public static Path write(BufferedImage image, String format, Path file) {
        try {
            if (!ImageIO.write(image, format, file.toFile())) {
                throw new IllegalStateException("no ImageIO writer for " + format + " and this image type");
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.fovea.image;

import dev.fovea.FoveaException;
import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads image files (PNG, JPEG, GIF, BMP: whatever javax.imageio decodes) as the pixels a model
 * takes: values 0-255, HWC, in the model's channels and at its height and width.
 */
public final class ImageFiles {
    /** Largest image decoded, in pixels (100 megapixels: 400 MB as ARGB). */
    public static final long MAX_PIXELS = 100_000_000L;
    private ImageFiles() {}

    /** The image in {@code file}, converted to 1 (grey) or 3 (RGB) channels and resized (see {@link Resampling}). */
    public static float[] read(Path file, int height, int width, int channels) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("images can be read in 1 or 3 channels, not " + channels);
        }
        BufferedImage image = decode(file);
        return Resampling.resize(pixels(image, channels), image.getHeight(), image.getWidth(), channels, height, width);
    }

    public static BufferedImage decode(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new FoveaException(file + ": no such file");
        }
        if (!Files.isReadable(file)) {
            throw new FoveaException(file + ": permission denied");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new FoveaException(file + ": not a PNG, JPEG, GIF or BMP image");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                // The header's size is checked before decoding, so a file claiming a huge image
                // gets an error instead of exhausting memory.
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_PIXELS) {
                    throw new FoveaException(file + ": the image is " + reader.getWidth(0) + "x" + reader.getHeight(0)
                            + " pixels, more than the " + MAX_PIXELS + " Fovea decodes");
                }
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof FoveaException f) {
                throw f;
            }
            // Decoders throw unchecked exceptions too on damaged files.
            throw new FoveaException(file + ": cannot decode the image: " + e.getMessage(), e);
        }
    }

    /** All pixels as 0-255 floats, HWC: grey as luminance 0.299 R + 0.587 G + 0.114 B, colour as R, G, B. */
    public static float[] pixels(BufferedImage image, int channels) {
        if (isGrey(image.getColorModel())) {
            float[] grey = greySamples(image);
            return channels == 1 ? grey : spread(grey);
        }
        float[] rgb = rgbSamples(image);
        return channels == 3 ? rgb : luminance(rgb);
    }

    private static boolean isGrey(ColorModel model) {
        return !(model instanceof IndexColorModel) && model.getColorSpace().getType() == ColorSpace.TYPE_GRAY;
    }

    /**
     * A grey image's own sample values, scaled from its bit depth (8 or 16) to 0-255. Read from the
     * raster because Java's grey colour space is linear, and converting through RGB would brighten it.
     */
    private static float[] greySamples(BufferedImage image) {
        ColorModel model = image.getColorModel();
        Raster raster = image.getRaster();
        int w = image.getWidth();
        int h = image.getHeight();
        float[] grey = raster.getSamples(0, 0, w, h, 0, new float[w * h]);
        float toByte = 255f / ((1 << model.getComponentSize(0)) - 1);
        float[] alpha = model.hasAlpha() ? raster.getSamples(0, 0, w, h, 1, new float[w * h]) : null;
        float toOpacity = model.hasAlpha() ? 1f / ((1 << model.getComponentSize(1)) - 1) : 1f;
        for (int i = 0; i < grey.length; i++) {
            // Transparency over black, like the RGB path below.
            grey[i] *= toByte * (alpha != null ? alpha[i] * toOpacity : 1f);
        }
        return grey;
    }

    /**
     * Any other image drawn into 8-bit RGB, which also expands palettes and 16-bit samples.
     * Transparent areas come out black: the background of MNIST-style images.
     */
    private static float[] rgbSamples(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        BufferedImage rgb = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        g.drawImage(image, 0, 0, null);
        g.dispose();
        int[] packed = rgb.getRGB(0, 0, w, h, null, 0, w);
        float[] out = new float[packed.length * 3];
        for (int i = 0; i < packed.length; i++) {
            out[3 * i] = (packed[i] >> 16) & 0xFF;
            out[3 * i + 1] = (packed[i] >> 8) & 0xFF;
            out[3 * i + 2] = packed[i] & 0xFF;
        }
        return out;
    }

    private static float[] luminance(float[] rgb) {
        float[] grey = new float[rgb.length / 3];
        for (int i = 0; i < grey.length; i++) {
            grey[i] = 0.299f * rgb[3 * i] + 0.587f * rgb[3 * i + 1] + 0.114f * rgb[3 * i + 2];
        }
        return grey;
    }

    private static float[] spread(float[] grey) {
        float[] rgb = new float[grey.length * 3];
        for (int i = 0; i < grey.length; i++) {
            rgb[3 * i] = grey[i];
            rgb[3 * i + 1] = grey[i];
            rgb[3 * i + 2] = grey[i];
        }
        return rgb;
    }
}

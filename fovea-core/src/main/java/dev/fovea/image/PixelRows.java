package dev.fovea.image;

import java.awt.Rectangle;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;

/**
 * The rows of a region of a decoded image as 0-255 floats in 1 (grey) or 3 (RGB) channels: grey as
 * luminance 0.299 R + 0.587 G + 0.114 B, colour as R, G, B, grey repeated into colour. Transparent
 * areas come out black (the background of MNIST-style images): colour is multiplied by opacity.
 */
final class PixelRows implements Resampling.Rows {
    private final BufferedImage image;
    private final Rectangle region;
    private final int channels;
    /** Samples of one row: the image's own components, or packed ARGB for images read through their colour model. */
    private final int[] samples;
    private final boolean rawSamples;
    /** Light per pixel of one row, in the image's colour components (1 for grey, 3 for RGB). */
    private final float[] light;
    private final int components;
    /** For raw samples: the factor from each component's bit depth to 0-255, and from alpha to 0-1 (0: no alpha to apply). */
    private final float[] toByte;
    private final float toOpacity;

    /** {@code channels} is 1 or 3, checked by the caller. */
    PixelRows(BufferedImage image, Rectangle region, int channels) {
        this.image = image;
        this.region = region;
        this.channels = channels;
        this.rawSamples = hasRawLight(image);
        ColorModel model = image.getColorModel();
        this.components = rawSamples ? model.getNumColorComponents() : 3;
        this.samples = new int[region.width * (rawSamples ? model.getNumComponents() : 1)];
        this.light = new float[region.width * components];
        this.toByte = new float[components];
        for (int c = 0; rawSamples && c < components; c++) {
            toByte[c] = 255f / maxSample(model, c);
        }
        // Premultiplied colour is already what it looks like over black.
        boolean applyAlpha = rawSamples && model.hasAlpha() && !model.isAlphaPremultiplied();
        this.toOpacity = applyAlpha ? 1f / maxSample(model, components) : 0f;
    }

    /**
     * True when the raster's samples are the light values themselves: grey (kept as stored, because
     * Java's grey colour space is linear and converting through RGB would brighten it) or sRGB, in
     * integer samples of up to 16 bits. Everything else (palettes, CMYK, other colour spaces) is
     * read through its colour model as 8-bit sRGB.
     */
    private static boolean hasRawLight(BufferedImage image) {
        ColorModel model = image.getColorModel();
        ColorSpace space = model.getColorSpace();
        int transfer = model.getTransferType();
        return !(model instanceof IndexColorModel)
                && (space.getType() == ColorSpace.TYPE_GRAY || space.isCS_sRGB())
                && (transfer == DataBuffer.TYPE_BYTE || transfer == DataBuffer.TYPE_USHORT || transfer == DataBuffer.TYPE_INT)
                && image.getRaster().getNumBands() == model.getNumComponents()
                && maxComponentSize(model) <= 16;
    }

    private static int maxComponentSize(ColorModel model) {
        int max = 0;
        for (int size : model.getComponentSize()) {
            max = Math.max(max, size);
        }
        return max;
    }

    @Override
    public void read(int y, float[] out) {
        if (rawSamples) {
            rawLight(region.y + y);
        } else {
            convertedLight(region.y + y);
        }
        if (channels == components) {
            System.arraycopy(light, 0, out, 0, light.length);
        } else if (channels == 1) {
            for (int i = 0; i < region.width; i++) {
                out[i] = 0.299f * light[3 * i] + 0.587f * light[3 * i + 1] + 0.114f * light[3 * i + 2];
            }
        } else {
            for (int i = 0; i < region.width; i++) {
                out[3 * i] = light[i];
                out[3 * i + 1] = light[i];
                out[3 * i + 2] = light[i];
            }
        }
    }

    /** Samples scaled from their bit depth (8 or 16, or a packed field's width) to 0-255. */
    private void rawLight(int y) {
        image.getRaster().getPixels(region.x, y, region.width, 1, samples);
        int bands = image.getColorModel().getNumComponents();
        for (int i = 0; i < region.width; i++) {
            float opacity = toOpacity > 0 ? samples[i * bands + components] * toOpacity : 1f;
            for (int c = 0; c < components; c++) {
                light[i * components + c] = samples[i * bands + c] * toByte[c] * opacity;
            }
        }
    }

    private static float maxSample(ColorModel model, int component) {
        return (1 << model.getComponentSize(component)) - 1;
    }

    /** 8-bit sRGB through the image's colour model, which expands palettes and converts colour spaces. */
    private void convertedLight(int y) {
        image.getRGB(region.x, y, region.width, 1, samples, 0, region.width);
        for (int i = 0; i < region.width; i++) {
            int argb = samples[i];
            float opacity = (argb >>> 24) / 255f;
            light[3 * i] = ((argb >> 16) & 0xFF) * opacity;
            light[3 * i + 1] = ((argb >> 8) & 0xFF) * opacity;
            light[3 * i + 2] = (argb & 0xFF) * opacity;
        }
    }
}

package dev.fovea.viz.attribution;

import dev.fovea.viz.ColorMap;
import dev.fovea.viz.Sheet;
import dev.fovea.viz.TileImages;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Maps of how much each pixel matters, and how they are drawn: resized to the image, divided by
 * their maximum, shown with {@link ColorMap#HOT} beside the image and blended over it.
 */
public final class HeatMaps {
    /** Weight of the heat colour in the overlay; the image has 1 - this. */
    public static final double OVERLAY_ALPHA = 0.5;
    /** Smallest side of the tiles, in pixels. */
    public static final int MIN_TILE_PIXELS = 112;

    private HeatMaps() {}

    /**
     * Bilinear resizing of an {@code h x w} map to {@code outH x outW} with half-pixel centres:
     * output pixel y samples the map at (y + 0.5) h / outH - 0.5, clamped to the map's edge pixels.
     */
    public static float[] upsample(float[] map, int h, int w, int outH, int outW) {
        float[] out = new float[outH * outW];
        for (int y = 0; y < outH; y++) {
            double sy = clamp((y + 0.5) * h / outH - 0.5, h - 1);
            int y0 = (int) Math.floor(sy);
            int y1 = Math.min(y0 + 1, h - 1);
            double fy = sy - y0;
            for (int x = 0; x < outW; x++) {
                double sx = clamp((x + 0.5) * w / outW - 0.5, w - 1);
                int x0 = (int) Math.floor(sx);
                int x1 = Math.min(x0 + 1, w - 1);
                double fx = sx - x0;
                double top = map[y0 * w + x0] * (1 - fx) + map[y0 * w + x1] * fx;
                double bottom = map[y1 * w + x0] * (1 - fx) + map[y1 * w + x1] * fx;
                out[y * outW + x] = (float) (top * (1 - fy) + bottom * fy);
            }
        }
        return out;
    }

    private static double clamp(double v, int max) {
        return Math.max(0, Math.min(max, v));
    }

    /** The map divided by its maximum, so the strongest pixel is 1; all zeros when nothing is positive. */
    public static float[] normalised(float[] map) {
        float max = 0;
        for (float v : map) {
            max = Math.max(max, v);
        }
        float[] out = new float[map.length];
        if (max > 0) {
            for (int i = 0; i < map.length; i++) {
                out[i] = map[i] / max;
            }
        }
        return out;
    }

    /**
     * The image of raw pixels (HWC, 1 or 3 channels) with {@code heat} (values in [0, 1], one per
     * pixel) blended over it: each channel (1 - {@value #OVERLAY_ALPHA}) image + {@value #OVERLAY_ALPHA}
     * HOT(heat), rounded.
     */
    public static BufferedImage overlay(float[] pixels, int h, int w, int channels, float[] heat, int scale) {
        BufferedImage image = TileImages.pixels(pixels, h, w, channels, 1);
        BufferedImage out = new BufferedImage(w * scale, h * scale, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int base = image.getRGB(x, y);
                int colour = ColorMap.HOT.rgb(heat[y * w + x]);
                int rgb = 0;
                for (int shift = 16; shift >= 0; shift -= 8) {
                    double v = (1 - OVERLAY_ALPHA) * ((base >> shift) & 0xFF) + OVERLAY_ALPHA * ((colour >> shift) & 0xFF);
                    rgb |= (int) Math.round(v) << shift;
                }
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        out.setRGB(x * scale + dx, y * scale + dy, rgb);
                    }
                }
            }
        }
        return out;
    }

    /** Image, heat map and overlay side by side; {@code heat} in [0, 1], one value per pixel. */
    public static Sheet sheet(String title, String note, float[] pixels, int[] inputShape, float[] heat) {
        int h = inputShape[0];
        int w = inputShape[1];
        int scale = TileImages.factorFor(Math.max(h, w), MIN_TILE_PIXELS);
        return new Sheet(title).note(note).section("image, map, overlay", List.of(
                TileImages.pixels(pixels, h, w, inputShape[2], scale),
                TileImages.mapped(heat, h, w, scale, ColorMap.HOT),
                overlay(pixels, h, w, inputShape[2], heat, scale)), 3);
    }
}

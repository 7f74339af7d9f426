package dev.fovea.viz.filters;

import dev.fovea.kernel.Padding;
import dev.fovea.model.Sequential;
import dev.fovea.nn.ActivationFunction;
import dev.fovea.nn.Conv2D;
import dev.fovea.nn.Initializer;
import dev.fovea.tensor.Tensor;
import dev.fovea.viz.GreyLevels;
import dev.fovea.viz.Sheet;
import dev.fovea.viz.TileImages;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * The tutorials' first look at convolution: a Conv2D layer with two hand-set Sobel filters (no
 * bias, no activation, VALID padding) applied to a grey image's pixel values 0-255. Convolution
 * layers compute cross-correlation, so {@link #SOBEL_X} gives the change from left to right
 * (strong at vertical edges) and {@link #SOBEL_Y} from top to bottom (strong at horizontal edges).
 */
public final class EdgeDetection {
    /** Right column minus left column, the middle row counted twice; row by row. */
    public static final float[] SOBEL_X = {-1, 0, 1, -2, 0, 2, -1, 0, 1};
    /** Bottom row minus top row, the middle column counted twice; row by row. */
    public static final float[] SOBEL_Y = {-1, -2, -1, 0, 0, 0, 1, 2, 1};
    /** Smallest side of the picture's tiles, in pixels. */
    public static final int MIN_TILE_PIXELS = 112;

    private EdgeDetection() {}

    /** A model of one Conv2D layer whose filter 0 is {@link #SOBEL_X} and filter 1 {@link #SOBEL_Y}. */
    public static Sequential sobelModel(int height, int width) {
        Conv2D conv = new Conv2D(2, 3, 1, Padding.VALID, ActivationFunction.LINEAR, false, Initializer.GLOROT_UNIFORM);
        Sequential model = new Sequential(height, width, 1).add(conv.name("sobel"));
        float[] kernel = conv.parameters().get("kernel").data(); // [3, 3, 1, 2]
        for (int p = 0; p < 9; p++) {
            kernel[p * 2] = SOBEL_X[p];
            kernel[p * 2 + 1] = SOBEL_Y[p];
        }
        return model;
    }

    /**
     * The two responses to a grey image of pixel values ({@code height x width}, row by row):
     * [0] left-to-right, [1] top-to-bottom, each (height - 2) x (width - 2).
     */
    public static float[][] responses(float[] grey, int height, int width) {
        if (grey.length != height * width) {
            throw new IllegalArgumentException("a " + height + "x" + width + " grey image has " + height * width
                    + " values, got " + grey.length);
        }
        Tensor out = sobelModel(height, width).predict(Tensor.of(grey.clone(), 1, height, width, 1));
        int n = (height - 2) * (width - 2);
        float[][] maps = new float[2][n];
        for (int p = 0; p < n; p++) {
            maps[0][p] = out.data()[2 * p];
            maps[1][p] = out.data()[2 * p + 1];
        }
        return maps;
    }

    /**
     * The image beside its two responses and their magnitude sqrt(x^2 + y^2). Responses are grey
     * around 128 for no change: -m .. +m maps to 0 .. 255 with m the largest |response| of both
     * maps; the magnitude maps 0 .. its maximum to black .. white.
     */
    public static BufferedImage draw(float[] grey, int height, int width) {
        return sheet(grey, height, width).render();
    }

    /** The sheet of {@link #draw}: one section of four tiles, image, x, y, magnitude. */
    public static Sheet sheet(float[] grey, int height, int width) {
        float[][] maps = responses(grey, height, width);
        int h = height - 2;
        int w = width - 2;
        float m = 0;
        float[] magnitude = new float[h * w];
        for (int p = 0; p < magnitude.length; p++) {
            m = Math.max(m, Math.max(Math.abs(maps[0][p]), Math.abs(maps[1][p])));
            magnitude[p] = (float) Math.hypot(maps[0][p], maps[1][p]);
        }
        int scale = TileImages.factorFor(Math.max(height, width), MIN_TILE_PIXELS);
        return new Sheet("Edge detection with hand-set Sobel filters")
                .note("A Conv2D layer (3x3, VALID, no bias) on pixel values.")
                .note("Responses: grey 128 = no change, white / black = strongest rise / fall.")
                .section("image and the filters' responses", List.of(
                        TileImages.pixels(grey, height, width, 1, scale),
                        TileImages.grey(levels(maps[0], -m, m), h, w, scale),
                        TileImages.grey(levels(maps[1], -m, m), h, w, scale),
                        TileImages.grey(GreyLevels.ofOwnRange(magnitude, 0, magnitude.length), h, w, scale)),
                        List.of(List.of("image"), List.of("left to right", "(vertical edges)"),
                                List.of("top to bottom", "(horizontal edges)"), List.of("magnitude")), 4);
    }

    private static int[] levels(float[] values, float min, float max) {
        int[] levels = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            levels[i] = GreyLevels.level(values[i], min, max);
        }
        return levels;
    }
}

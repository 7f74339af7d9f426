package dev.fovea.viz.filters;

import dev.fovea.model.Model;
import dev.fovea.viz.GreyLevels;
import dev.fovea.viz.Sheet;
import dev.fovea.viz.TileImages;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * A convolution layer's filters as pictures. Each filter is scaled to 0-255 by its own minimum
 * (black) and maximum (white) over all its weights ({@link GreyLevels}: rounded to nearest, so the
 * middle of the range is 128), and enlarged with nearest neighbour to at least
 * {@value #MIN_TILE_PIXELS} pixels (a 3x3 filter by 11).
 *
 * <ul>
 *   <li>A layer reading a grey or colour image: one tile per filter, grey or RGB (the three
 *       channels scaled together, so colours keep their balance), in a near-square grid.</li>
 *   <li>Deeper layers: one row per filter, one grey tile per input channel.</li>
 * </ul>
 */
public final class FilterGrid {
    public static final int MIN_TILE_PIXELS = 32;
    /** Filters and input channels drawn for a deeper layer by {@link #draw}. */
    public static final int DEFAULT_SUBSET = 16;

    private FilterGrid() {}

    /** The filters of the model's first Conv2D layer. */
    public static BufferedImage draw(Model model) {
        return draw(model, null);
    }

    /** The filters of the named Conv2D layer (see {@link #sheet}). */
    public static BufferedImage draw(Model model, String layerName) {
        return sheet(ConvKernel.of(model, ConvKernel.layer(model, layerName))).render();
    }

    /** "conv2d: 64 filters 3x3x1". */
    public static String title(ConvKernel kernel) {
        return kernel.layerName() + ": " + kernel.filters() + " filters " + kernel.height() + "x" + kernel.width()
                + "x" + kernel.channels();
    }

    /**
     * A layer reading an image: one tile per filter in a near-square grid. Deeper layers: the first
     * {@value #DEFAULT_SUBSET} filters, one row each, with a tile for each of the first
     * {@value #DEFAULT_SUBSET} input channels.
     */
    public static Sheet sheet(ConvKernel kernel) {
        if (!kernel.drawnAsImage()) {
            return perChannel(kernel, firstN(Math.min(DEFAULT_SUBSET, kernel.filters())),
                    firstN(Math.min(DEFAULT_SUBSET, kernel.channels())));
        }
        return new Sheet(title(kernel))
                .note("Each filter scaled to its own min (black) .. max (white)"
                        + (kernel.channels() == 3 ? ", R, G and B together." : "."))
                .section("filters 0.." + (kernel.filters() - 1), filterTiles(kernel),
                        (int) Math.ceil(Math.sqrt(kernel.filters())));
    }

    /** One section per chosen filter, one tile per chosen input channel. */
    public static Sheet perChannel(ConvKernel kernel, int[] filters, int[] channels) {
        Sheet sheet = new Sheet(title(kernel) + (filters.length < kernel.filters() || channels.length < kernel.channels()
                ? " (" + filters.length + " filters x " + channels.length + " input channels shown)" : ""))
                .note("One row per filter, one tile per input channel; each filter scaled to its own min (black) .. max "
                        + "(white) over all its channels.");
        for (int f : filters) {
            sheet.section("filter " + f, channelTiles(kernel, f, channels), channels.length);
        }
        return sheet;
    }

    /**
     * One tile per filter: grey or RGB when the filter reads an image, otherwise its first input
     * channel (scaled by the whole filter's range).
     */
    public static List<BufferedImage> filterTiles(ConvKernel kernel) {
        List<BufferedImage> tiles = new ArrayList<>();
        for (int f = 0; f < kernel.filters(); f++) {
            tiles.add(kernel.drawnAsImage() && kernel.channels() == 3 ? colourTile(kernel, f)
                    : channelTiles(kernel, f, new int[] {0}).get(0));
        }
        return tiles;
    }

    /** The enlargement for this kernel's tiles. */
    public static int scale(ConvKernel kernel) {
        return TileImages.factorFor(Math.max(kernel.height(), kernel.width()), MIN_TILE_PIXELS);
    }

    private static BufferedImage colourTile(ConvKernel kernel, int f) {
        float[] values = filter(kernel, f);
        return TileImages.rgb(GreyLevels.ofOwnRange(values, 0, values.length), kernel.height(), kernel.width(),
                scale(kernel));
    }

    private static List<BufferedImage> channelTiles(ConvKernel kernel, int f, int[] channels) {
        float[] values = filter(kernel, f);
        float[] range = GreyLevels.range(values, 0, values.length);
        int area = kernel.height() * kernel.width();
        List<BufferedImage> tiles = new ArrayList<>();
        for (int c : channels) {
            if (c < 0 || c >= kernel.channels()) {
                throw new IllegalArgumentException("input channel " + c + " is not in 0.." + (kernel.channels() - 1));
            }
            int[] levels = new int[area];
            for (int p = 0; p < area; p++) {
                levels[p] = GreyLevels.level(values[p * kernel.channels() + c], range[0], range[1]);
            }
            tiles.add(TileImages.grey(levels, kernel.height(), kernel.width(), scale(kernel)));
        }
        return tiles;
    }

    /** Filter {@code f}'s weights, HWC. */
    private static float[] filter(ConvKernel kernel, int f) {
        if (f < 0 || f >= kernel.filters()) {
            throw new IllegalArgumentException("filter " + f + " is not in 0.." + (kernel.filters() - 1));
        }
        float[] values = new float[kernel.height() * kernel.width() * kernel.channels()];
        for (int y = 0; y < kernel.height(); y++) {
            for (int x = 0; x < kernel.width(); x++) {
                for (int c = 0; c < kernel.channels(); c++) {
                    values[(y * kernel.width() + x) * kernel.channels() + c] = kernel.weight(y, x, c, f);
                }
            }
        }
        return values;
    }

    private static int[] firstN(int n) {
        int[] indices = new int[n];
        for (int i = 0; i < n; i++) {
            indices[i] = i;
        }
        return indices;
    }
}

package dev.fovea.viz.activations;

import dev.fovea.model.Model;
import dev.fovea.nn.ActivatedLayer;
import dev.fovea.nn.ActivationFunction;
import dev.fovea.nn.Dropout;
import dev.fovea.nn.Flatten;
import dev.fovea.nn.Layer;
import dev.fovea.tensor.Shapes;
import dev.fovea.tensor.Tensor;
import dev.fovea.viz.GreyLevels;
import dev.fovea.viz.LayerOutputs;
import dev.fovea.viz.ModelInput;
import dev.fovea.viz.Sheet;
import dev.fovea.viz.Text;
import dev.fovea.viz.TileImages;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The journey of one image through a network: the image, then every layer's output. A layer
 * with an image output shows each channel as a grey tile, scaled to the channel's own minimum
 * (black) and maximum (white) by {@link GreyLevels} and enlarged to at least
 * {@value #MIN_TILE_PIXELS} pixels; a vector output is a strip of cells, one per unit, scaled by
 * the layer's own minimum and maximum; a final softmax or sigmoid shows its probabilities as
 * labelled bars. Flatten and Dropout are left out: at inference they only pass values on.
 *
 * <p>Sections of the {@link #sheet}: 0 is the input, then one per layer shown, in order.
 */
public final class FeatureMaps {
    /** Channels shown per layer by {@link #draw}. */
    public static final int DEFAULT_CHANNELS = 32;
    /** Smallest side of a channel's tile, in pixels. */
    public static final int MIN_TILE_PIXELS = 40;
    /** Side of a vector unit's cell, in pixels. */
    public static final int CELL_PIXELS = 8;
    /** Cells per line of a vector strip. */
    public static final int CELLS_PER_LINE = 64;
    /** Length of a probability of 1 in the bars of a final softmax or sigmoid, in pixels. */
    public static final int BAR_PIXELS = 200;
    private static final int COLUMNS = 16;
    private static final int INPUT_PIXELS = 112;
    private static final int BAR_HEIGHT = 14;
    static final int BAR_LABEL_WIDTH = 110;
    static final int BAR_COLOUR = 0x3060A0;

    private FeatureMaps() {}

    /** The picture for an image of raw pixels 0-255 (HWC), with the first {@value #DEFAULT_CHANNELS} channels per layer. */
    public static BufferedImage draw(Model model, float[] pixels) {
        return sheet(model, pixels, DEFAULT_CHANNELS).render();
    }

    /** The sheet for an image of raw pixels 0-255 (HWC), showing the first {@code maxChannels} channels of each layer. */
    public static Sheet sheet(Model model, float[] pixels, int maxChannels) {
        if (maxChannels < 1) {
            throw new IllegalArgumentException("show at least one channel per layer, got " + maxChannels);
        }
        Tensor input = ModelInput.scaled(model, pixels);
        List<Tensor> outputs = LayerOutputs.of(model, input);
        List<Layer> layers = LayerOutputs.layers(model);
        int[] in = model.inputShape();
        Sheet sheet = new Sheet("One image through every layer")
                .note("Image channels: each scaled to its own min (black) .. max (white). "
                        + "Vectors: one cell per unit, scaled to the layer's min .. max.");
        sheet.section("input " + in[0] + "x" + in[1] + "x" + in[2],
                List.of(TileImages.pixels(pixels, in[0], in[1], in[2], TileImages.factorFor(Math.max(in[0], in[1]),
                        INPUT_PIXELS))), 1);
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            if (layer instanceof Flatten || layer instanceof Dropout) {
                continue;
            }
            Tensor out = outputs.get(i);
            String caption = layer.name() + " (" + layer.typeName() + ") " + Shapes.toString(layer.outputShape());
            if (out.rank() == 4) {
                int channels = Math.min(maxChannels, out.dim(3));
                sheet.section(caption + (channels < out.dim(3) ? ", first " + channels + " channels" : ""),
                        channelTiles(out, channels), Math.min(COLUMNS, channels));
            } else if (i == layers.size() - 1 && givesProbabilities(layer)) {
                sheet.section(caption + ": probabilities", List.of(bars(out.data(), model.classNames())), 1);
            } else {
                sheet.section(caption, List.of(strip(out.data())), 1);
            }
        }
        return sheet;
    }

    /** The first {@code channels} channels of a [1, H, W, C] output as tiles. */
    static List<BufferedImage> channelTiles(Tensor out, int channels) {
        int h = out.dim(1);
        int w = out.dim(2);
        int c = out.dim(3);
        int scale = TileImages.factorFor(Math.max(h, w), MIN_TILE_PIXELS);
        float[] data = out.data();
        List<BufferedImage> tiles = new ArrayList<>();
        float[] plane = new float[h * w];
        for (int k = 0; k < channels; k++) {
            for (int p = 0; p < h * w; p++) {
                plane[p] = data[p * c + k];
            }
            tiles.add(TileImages.grey(GreyLevels.ofOwnRange(plane, 0, plane.length), h, w, scale));
        }
        return tiles;
    }

    /** Units as cells of {@value #CELL_PIXELS} pixels, {@value #CELLS_PER_LINE} to a line, on white where no unit is. */
    static BufferedImage strip(float[] values) {
        int columns = Math.min(CELLS_PER_LINE, values.length);
        int rows = (values.length + columns - 1) / columns;
        int[] levels = GreyLevels.ofOwnRange(values, 0, values.length);
        BufferedImage image = new BufferedImage(columns * CELL_PIXELS, rows * CELL_PIXELS, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            for (int i = 0; i < values.length; i++) {
                g.setColor(new Color(levels[i], levels[i], levels[i]));
                g.fillRect((i % columns) * CELL_PIXELS, (i / columns) * CELL_PIXELS, CELL_PIXELS, CELL_PIXELS);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /** One bar per class, {@code round(p * BAR_PIXELS)} long, labelled with the class name and the value. */
    static BufferedImage bars(float[] probabilities, List<String> classNames) {
        int n = probabilities.length;
        BufferedImage image = new BufferedImage(BAR_LABEL_WIDTH + BAR_PIXELS + 50, n * BAR_HEIGHT,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Text.graphics(image);
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            for (int k = 0; k < n; k++) {
                int top = k * BAR_HEIGHT;
                String name = k < classNames.size() ? classNames.get(k) : (n == 1 ? "class 1" : "class " + k);
                g.setColor(Color.DARK_GRAY);
                Text.draw(g, name, Text.SMALL, 0, top, BAR_LABEL_WIDTH - 4);
                int length = Math.round(Math.max(0, Math.min(1, probabilities[k])) * BAR_PIXELS);
                g.setColor(new Color(BAR_COLOUR));
                g.fillRect(BAR_LABEL_WIDTH, top + 2, length, BAR_HEIGHT - 4);
                g.setColor(Color.DARK_GRAY);
                Text.draw(g, String.format(Locale.ROOT, "%.3f", probabilities[k]), Text.SMALL,
                        BAR_LABEL_WIDTH + length + 4, top, 46);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static boolean givesProbabilities(Layer layer) {
        return layer instanceof ActivatedLayer a
                && (a.activation().equals(ActivationFunction.SOFTMAX) || a.activation().equals(ActivationFunction.SIGMOID));
    }
}

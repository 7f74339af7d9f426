package dev.fovea.viz.activations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.fovea.model.Sequential;
import dev.fovea.nn.ActivationFunction;
import dev.fovea.nn.Conv2D;
import dev.fovea.nn.Dense;
import dev.fovea.nn.Flatten;
import dev.fovea.viz.Sheet;
import dev.fovea.viz.TilePixels;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureMapsTest {
    /** Rows of a 4x4 grey image; with unit scaling the network sees 0, 0.2, 0.4, ... 1. */
    private static final float[] PIXELS = {
            0, 51, 102, 153,
            204, 255, 0, 51,
            102, 153, 204, 255,
            0, 0, 0, 0};

    /**
     * Conv 2x2 (filter 0 copies the top-left pixel of its window, filter 1 is minus the bottom-right
     * one), Flatten, Dense 4 relu reading one value, Dense 3 softmax with logits 0, ln 2, ln 3.
     */
    private static Sequential tinyModel() {
        Conv2D conv = new Conv2D(2, 2, ActivationFunction.LINEAR);
        Dense hidden = new Dense(4, ActivationFunction.RELU);
        Dense out = new Dense(3, ActivationFunction.SOFTMAX);
        Sequential model = new Sequential(4, 4, 1).add(conv, new Flatten(), hidden, out);
        model.classNames(List.of("low", "mid", "high"));
        float[] k = conv.parameters().get("kernel").data(); // [2, 2, 1, 2]: index (y * 2 + x) * 2 + f
        k[0] = 1f;      // filter 0, (0, 0)
        k[3 * 2 + 1] = -1f; // filter 1, (1, 1)
        float[] h = hidden.parameters().get("kernel").data(); // [18, 4]
        for (int j = 0; j < 4; j++) {
            h[2 * 4 + j] = j + 1; // flat index 2 = conv channel 0 at (0, 1) = 0.2
        }
        float[] hb = hidden.parameters().get("bias").data();
        hb[0] = -0.1f;
        hb[2] = 0.1f;
        hb[3] = 0.2f;
        float[] ob = out.parameters().get("bias").data();
        ob[1] = (float) Math.log(2);
        ob[2] = (float) Math.log(3);
        return model;
    }

    @Test
    void tilesShowEachLayersOutputScaledByItsOwnRange() {
        Sheet sheet = FeatureMaps.sheet(tinyModel(), PIXELS, 32);
        BufferedImage image = sheet.render();

        // Section 0: the input, 4 pixels enlarged 28 times to reach 112.
        TilePixels.assertGreyTile("input", image, sheet.tileBounds(0, 0),
                new int[] {0, 51, 102, 153, 204, 255, 0, 51, 102, 153, 204, 255, 0, 0, 0, 0}, 4, 4, 28);

        // Section 1: conv channel 0 = the top-left 3x3 of the input (0 .. 1, so level = 255 v);
        // channel 1 = minus the bottom-right 3x3 (-1 .. 0, so level = 255 (v + 1)). 3 pixels enlarged 14 times.
        TilePixels.assertGreyTile("conv channel 0", image, sheet.tileBounds(1, 0),
                new int[] {0, 51, 102, 204, 255, 0, 102, 153, 204}, 3, 3, 14);
        TilePixels.assertGreyTile("conv channel 1", image, sheet.tileBounds(1, 1),
                new int[] {0, 255, 204, 102, 51, 0, 255, 255, 255}, 3, 3, 14);

        // Section 2 (Flatten is left out): dense relu((j + 1) 0.2 + b) = 0.1, 0.4, 0.7, 1.0 -> 0, 85, 170, 255,
        // one 8-pixel cell each.
        TilePixels.assertGreyTile("dense strip", image, sheet.tileBounds(2, 0), new int[] {0, 85, 170, 255}, 1, 4,
                FeatureMaps.CELL_PIXELS);

        // Section 3: softmax(0, ln 2, ln 3) = 1/6, 2/6, 3/6 -> bars of 33, 67 and 100 pixels.
        Rectangle bars = sheet.tileBounds(3, 0);
        int[] lengths = {33, 67, 100};
        for (int k = 0; k < 3; k++) {
            int y = bars.y + k * 14 + 7;
            int end = bars.x + FeatureMaps.BAR_LABEL_WIDTH + lengths[k];
            assertEquals(FeatureMaps.BAR_COLOUR, image.getRGB(end - 1, y) & 0xFFFFFF, "bar " + k + " reaches its length");
            assertNotEquals(FeatureMaps.BAR_COLOUR, image.getRGB(end, y) & 0xFFFFFF, "bar " + k + " stops at its length");
        }
    }

    @Test
    void onlyTheFirstChannelsAreShownWhenAsked() {
        Sheet sheet = FeatureMaps.sheet(tinyModel(), PIXELS, 1);
        BufferedImage image = sheet.render();
        TilePixels.assertGreyTile("conv channel 0", image, sheet.tileBounds(1, 0),
                new int[] {0, 51, 102, 204, 255, 0, 102, 153, 204}, 3, 3, 14);
        // The next section is the dense strip: the conv section has one tile.
        assertEquals(4 * FeatureMaps.CELL_PIXELS, sheet.tileBounds(2, 0).width);
    }
}

package dev.fovea.viz.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.model.Sequential;
import dev.fovea.nn.ActivationFunction;
import dev.fovea.nn.Conv2D;
import dev.fovea.nn.MaxPooling2D;
import dev.fovea.viz.Sheet;
import dev.fovea.viz.TilePixels;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class FilterGridTest {

    /** Sets the kernel [KH, KW, C, F] of {@code conv} from values listed filter by filter, each HWC. */
    static void setFilters(Conv2D conv, float[][] filters) {
        float[] kernel = conv.parameters().get("kernel").data();
        int f = filters.length;
        for (int k = 0; k < f; k++) {
            for (int i = 0; i < filters[k].length; i++) {
                kernel[i * f + k] = filters[k][i];
            }
        }
    }

    @Test
    void greyFiltersShowEachWeightAsItsLevelInItsOwnRange() {
        Conv2D conv = new Conv2D(2, 3, ActivationFunction.RELU);
        Sequential model = new Sequential(5, 5, 1).add(conv);
        setFilters(conv, new float[][] {
                {0f, 0.5f, 1f, 1f, 0.5f, 0f, 0.25f, 0.75f, 0.5f},
                {-1f, 3f, 1f, 0f, 2f, -1f, 3f, 3f, 0f}});
        ConvKernel kernel = ConvKernel.of(model, conv);
        assertTrue(kernel.drawnAsImage());
        assertEquals("conv2d: 2 filters 3x3x1", FilterGrid.title(kernel));
        Sheet sheet = FilterGrid.sheet(kernel);
        BufferedImage image = sheet.render();
        int scale = 11; // the smallest factor taking 3 pixels to at least 32
        // Filter 0 lies in [0, 1]: 0 -> 0, 0.5 -> 127.5 -> 128 (halves up), 1 -> 255, 0.25 -> 63.75 -> 64, 0.75 -> 191.25 -> 191.
        TilePixels.assertGreyTile("filter 0", image, sheet.tileBounds(0, 0),
                new int[] {0, 128, 255, 255, 128, 0, 64, 191, 128}, 3, 3, scale);
        // Filter 1 lies in [-1, 3]: level = 255 (w + 1) / 4: -1 -> 0, 0 -> 64, 1 -> 128, 2 -> 191, 3 -> 255.
        TilePixels.assertGreyTile("filter 1", image, sheet.tileBounds(0, 1),
                new int[] {0, 255, 128, 64, 191, 0, 255, 255, 64}, 3, 3, scale);
    }

    @Test
    void colourFiltersScaleRedGreenAndBlueTogether() {
        Conv2D conv = new Conv2D(1, 2, ActivationFunction.RELU);
        Sequential model = new Sequential(4, 4, 3).add(conv);
        // HWC: red, green / blue, mid grey; the range is [0, 1] over all twelve weights.
        setFilters(conv, new float[][] {{1, 0, 0, 0, 1, 0, 0, 0, 1, 0.5f, 0.5f, 0.5f}});
        Sheet sheet = FilterGrid.sheet(ConvKernel.of(model, conv));
        TilePixels.assertTile("colour filter", sheet.render(), sheet.tileBounds(0, 0),
                new int[] {0xFF0000, 0x00FF00, 0x0000FF, 0x808080}, 2, 2, 16);
    }

    @Test
    void aDeeperLayerHasOneRowPerFilterAndOneTilePerInputChannel() {
        Conv2D second = new Conv2D(3, 3, ActivationFunction.RELU);
        Sequential model = new Sequential(8, 8, 1).add(new Conv2D(2, 3, ActivationFunction.RELU), new MaxPooling2D(2), second);
        float[] w = second.parameters().get("kernel").data(); // [3, 3, 2, 3]
        for (int i = 0; i < w.length; i++) {
            w[i] = i; // so weight (pixel p, channel c, filter f) = 6p + 3c + f
        }
        ConvKernel kernel = ConvKernel.of(model, second);
        assertFalse(kernel.drawnAsImage());
        Sheet sheet = FilterGrid.sheet(kernel);
        BufferedImage image = sheet.render();
        for (int f = 0; f < 3; f++) {
            // Filter f spans f (p = 0, c = 0) .. 51 + f (p = 8, c = 1).
            for (int c = 0; c < 2; c++) {
                int[] levels = new int[9];
                for (int p = 0; p < 9; p++) {
                    levels[p] = (int) Math.round(255.0 * (6 * p + 3 * c) / 51);
                }
                TilePixels.assertGreyTile("filter " + f + " channel " + c, image, sheet.tileBounds(f, c), levels, 3, 3, 11);
            }
        }
    }

    @Test
    void drawFindsTheFirstConvolutionOrANamedOne() {
        Conv2D first = new Conv2D(4, 5, ActivationFunction.RELU);
        Sequential model = new Sequential(12, 12, 1).add(first, new MaxPooling2D(2), new Conv2D(2, 3, ActivationFunction.RELU));
        model.initialize(1);
        assertEquals(FilterGrid.sheet(ConvKernel.of(model, first)).render().getHeight(), FilterGrid.draw(model).getHeight());
        assertEquals("conv2d_1", ConvKernel.layer(model, "conv2d_1").name());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FilterGrid.draw(model, "dense"));
        assertTrue(e.getMessage().contains("no Conv2D layer named 'dense'"), e.getMessage());
    }
}

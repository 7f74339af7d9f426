package dev.fovea.viz.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fovea.testing.Approx;
import dev.fovea.viz.Sheet;
import dev.fovea.viz.TilePixels;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class EdgeDetectionTest {

    @Test
    void aRampGivesAConstantResponseAlongItsSlopeAndNoneAcross() {
        // I(y, x) = 3x + 10: every window's right column minus left column is 6, weighted 1 + 2 + 1 = 4: 24.
        int h = 6;
        int w = 7;
        float[] ramp = new float[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                ramp[y * w + x] = 3 * x + 10;
            }
        }
        float[][] maps = EdgeDetection.responses(ramp, h, w);
        float[] twentyFour = new float[(h - 2) * (w - 2)];
        java.util.Arrays.fill(twentyFour, 24f);
        Approx.assertClose("left to right", twentyFour, maps[0], 0, 0);
        Approx.assertClose("top to bottom", new float[twentyFour.length], maps[1], 0, 0);
    }

    @Test
    void aStepEdgeGivesItsKnownColumnOfResponses() {
        // 0 left of column 4, 100 from column 4 on. The window of output column j spans input columns j .. j + 2:
        // it straddles the step for j = 2 (columns 2, 3, 4) and j = 3 (3, 4, 5): (1 + 2 + 1) 100 = 400 there, 0 elsewhere.
        int h = 5;
        int w = 8;
        float[] step = new float[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 4; x < w; x++) {
                step[y * w + x] = 100;
            }
        }
        float[][] maps = EdgeDetection.responses(step, h, w);
        float[] expected = new float[3 * 6];
        for (int y = 0; y < 3; y++) {
            expected[y * 6 + 2] = 400;
            expected[y * 6 + 3] = 400;
        }
        Approx.assertClose("left to right", expected, maps[0], 0, 0);
        Approx.assertClose("top to bottom", new float[expected.length], maps[1], 0, 0);
        // Transposed, the step is a horizontal edge and the other filter sees it.
        float[] transposed = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                transposed[x * h + y] = step[y * w + x];
            }
        }
        float[][] turned = EdgeDetection.responses(transposed, w, h);
        Approx.assertClose("turned, top to bottom", transpose(expected, 3, 6), turned[1], 0, 0);
        Approx.assertClose("turned, left to right", new float[expected.length], turned[0], 0, 0);
    }

    @Test
    void thePictureShowsTheResponsesAroundMiddleGrey() {
        int h = 5;
        int w = 8;
        float[] step = new float[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 4; x < w; x++) {
                step[y * w + x] = 100;
            }
        }
        Sheet sheet = EdgeDetection.sheet(step, h, w);
        BufferedImage image = sheet.render();
        int scale = 14; // 8 pixels enlarged to at least 112
        // Responses 0 and 400 against the largest |response| 400: 0 -> 127.5 -> 128, 400 -> 255.
        int[] x = new int[3 * 6];
        int[] y = new int[3 * 6];
        for (int i = 0; i < x.length; i++) {
            x[i] = i % 6 == 2 || i % 6 == 3 ? 255 : 128;
            y[i] = 128;
        }
        TilePixels.assertGreyTile("left to right", image, sheet.tileBounds(0, 1), x, 3, 6, scale);
        TilePixels.assertGreyTile("top to bottom", image, sheet.tileBounds(0, 2), y, 3, 6, scale);
        assertEquals(w * scale, sheet.tileBounds(0, 0).width);
    }

    private static float[] transpose(float[] values, int rows, int columns) {
        float[] out = new float[values.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                out[c * rows + r] = values[r * columns + c];
            }
        }
        return out;
    }
}

package dev.fovea.data.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RandomZoomTest {
    private static float[] zoomed(float[] image, int height, int width, int channels, double factor) {
        float[] copy = image.clone();
        RandomZoom.zoom(copy, new float[copy.length], height, width, channels, factor);
        return copy;
    }

    @Test
    void factorOneChangesNothing() {
        float[] image = Pictures.random(6, 5, 3, 1);
        assertArrayEquals(image, zoomed(image, 6, 5, 3, 1));
        for (long seed = 0; seed < 10; seed++) {
            assertArrayEquals(image, Pictures.applied(new RandomZoom(0), image, 6, 5, 3, seed));
        }
    }

    @Test
    void zoomingInTwiceSamplesHalfwayBetweenTheCentralPixels() {
        // 5x5 with centre (2, 2): output pixel p shows source point 2 + (p - 2) / 2, i.e. 1, 1.5, 2,
        // 2.5, 3 along each axis; halfway points average their two (or four) neighbours.
        float[] image = Pictures.random(5, 5, 1, 2);
        float[] out = zoomed(image, 5, 5, 1, 2);
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 5; x++) {
                double sy = 2 + (y - 2) / 2.0;
                double sx = 2 + (x - 2) / 2.0;
                double expected = 0;
                for (int r : new int[] {(int) Math.floor(sy), (int) Math.ceil(sy)}) {
                    for (int c : new int[] {(int) Math.floor(sx), (int) Math.ceil(sx)}) {
                        expected += image[r * 5 + c] / 4.0;
                    }
                }
                assertEquals(expected, out[y * 5 + x], 1e-4, "pixel " + y + "," + x);
            }
        }
    }

    @Test
    void zoomingOutByHalfTakesEveryOtherPixelAndFillsTheBorderWithZeros() {
        // Output pixel p shows source point 2 + (p - 2) * 2: -2, 0, 2, 4, 6.
        float[] image = Pictures.random(5, 5, 2, 3);
        float[] out = zoomed(image, 5, 5, 2, 0.5);
        float[] expected = new float[image.length];
        for (int y = 1; y <= 3; y++) {
            for (int x = 1; x <= 3; x++) {
                System.arraycopy(image, ((2 * y - 2) * 5 + 2 * x - 2) * 2, expected, (y * 5 + x) * 2, 2);
            }
        }
        assertArrayEquals(expected, out);
    }

    @Test
    void randomFactorsSpreadOverTheRangeAndNoFurther() {
        // A dot 20 pixels right of the centre of a 49x49 image ends 20 * factor pixels from it (sampling
        // the interpolated dot moves its centroid by under half a pixel: 0.025 in the factor).
        float[] dot = Pictures.dot(49, 49, 24, 44);
        double min = Double.MAX_VALUE;
        double max = 0;
        for (long seed = 0; seed < 300; seed++) {
            double[] c = Pictures.centroid(Pictures.applied(new RandomZoom(0.2), dot, 49, 49, 1, seed), 49, 49);
            double factor = Math.hypot(c[0] - 24, c[1] - 24) / 20;
            assertEquals(24, c[1], 1e-9, "zooming about the centre keeps the dot on its row");
            assertTrue(factor >= 0.8 - 0.025 && factor <= 1.2 + 0.025, "seed " + seed + " zoomed by " + factor);
            min = Math.min(min, factor);
            max = Math.max(max, factor);
        }
        assertTrue(min < 0.85 && max > 1.15, "factors from " + min + " to " + max);
    }

    @Test
    void rejectsAmountsOutsideZeroToOne() {
        assertThrows(IllegalArgumentException.class, () -> new RandomZoom(-0.1));
        assertThrows(IllegalArgumentException.class, () -> new RandomZoom(1));
        assertEquals("zoom:0.15", new RandomZoom(0.15).toString());
    }
}

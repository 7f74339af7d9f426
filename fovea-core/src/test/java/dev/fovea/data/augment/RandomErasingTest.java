package dev.fovea.data.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RandomErasingTest {
    /** An image of 0.5s: the erasing fill is whole numbers, so every erased value differs. */
    private static float[] halves(int size) {
        float[] image = new float[size];
        Arrays.fill(image, 0.5f);
        return image;
    }

    @Test
    void probabilityZeroChangesNothing() {
        float[] image = Pictures.random(8, 8, 3, 1);
        for (long seed = 0; seed < 20; seed++) {
            assertArrayEquals(image, Pictures.applied(new RandomErasing(0), image, 8, 8, 3, seed));
        }
    }

    @Test
    void erasesExactlyOneRectangleOfTheDocumentedSizeWithWholeValuesFrom0To255() {
        for (int[] shape : new int[][] {{28, 28, 1}, {32, 24, 3}}) {
            int height = shape[0];
            int width = shape[1];
            int channels = shape[2];
            double smallest = 1;
            double largest = 0;
            boolean tall = false;
            boolean wide = false;
            for (long seed = 0; seed < 500; seed++) {
                float[] out = Pictures.applied(new RandomErasing(1), halves(height * width * channels),
                        height, width, channels, seed);
                int top = height;
                int bottom = -1;
                int left = width;
                int right = -1;
                int changed = 0;
                for (int y = 0; y < height; y++) {
                    for (int x = 0; x < width; x++) {
                        for (int c = 0; c < channels; c++) {
                            float v = out[(y * width + x) * channels + c];
                            if (v != 0.5f) {
                                assertTrue(v == Math.rint(v) && v >= 0 && v <= 255, "fill value " + v);
                                changed++;
                                top = Math.min(top, y);
                                bottom = Math.max(bottom, y);
                                left = Math.min(left, x);
                                right = Math.max(right, x);
                            }
                        }
                    }
                }
                int h = bottom - top + 1;
                int w = right - left + 1;
                assertEquals(h * w * channels, changed, "seed " + seed + ": the changed values fill one rectangle");
                double fraction = (double) h * w / (height * width);
                double aspect = (double) h / w;
                assertTrue(fraction >= 0.02 && fraction <= 0.33, "seed " + seed + " area fraction " + fraction);
                assertTrue(aspect >= 0.3 && aspect <= 3.3, "seed " + seed + " aspect " + aspect);
                smallest = Math.min(smallest, fraction);
                largest = Math.max(largest, fraction);
                tall |= aspect > 2;
                wide |= aspect < 0.5;
            }
            assertTrue(smallest < 0.05 && largest > 0.25, "area fractions from " + smallest + " to " + largest);
            assertTrue(tall && wide, "tall and wide rectangles both occur");
        }
    }

    @Test
    void erasesWithTheGivenProbability() {
        float[] image = halves(16 * 16);
        int erased = 0;
        int draws = 4000;
        for (long seed = 0; seed < draws; seed++) {
            erased += Arrays.equals(image, Pictures.applied(new RandomErasing(0.3), image, 16, 16, 1, seed)) ? 0 : 1;
        }
        // Binomial(4000, 0.3) has a standard deviation of 29: 6 of them either way, and the seeds are fixed.
        assertTrue(Math.abs(erased - 1200) <= 175, erased + " of " + draws + " erased");
    }

    @Test
    void leavesAnImageTooSmallForAnyRectangleUnchanged() {
        // In a 1x1 image the only rectangle covers 100 % of it, more than 33 %.
        float[] image = {0.5f};
        for (long seed = 0; seed < 20; seed++) {
            assertArrayEquals(image, Pictures.applied(new RandomErasing(1), image, 1, 1, 1, seed));
        }
    }

    @Test
    void rejectsProbabilitiesOutsideZeroToOne() {
        assertThrows(IllegalArgumentException.class, () -> new RandomErasing(1.5));
        assertEquals("erase:0.5", new RandomErasing(0.5).toString());
    }
}

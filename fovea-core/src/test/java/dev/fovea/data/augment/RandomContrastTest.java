package dev.fovea.data.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RandomContrastTest {
    @Test
    void amountZeroChangesNothing() {
        float[] image = Pictures.random(4, 5, 3, 1);
        for (long seed = 0; seed < 10; seed++) {
            assertArrayEquals(image, Pictures.applied(new RandomContrast(0), image, 4, 5, 3, seed));
        }
    }

    @Test
    void stretchesEveryValueAboutTheMeanByOneFactorAndClamps() {
        // Eight values with mean 100: 100 +- 20 never clamps for factors up to 2, 0 and 250 do.
        float[] image = {0, 80, 120, 250, 100, 100, 50, 100};
        double mean = 100;
        double min = Double.MAX_VALUE;
        double max = 0;
        boolean clampedHigh = false;
        boolean clampedLow = false;
        for (long seed = 0; seed < 300; seed++) {
            float[] out = Pictures.applied(new RandomContrast(1), image, 2, 2, 2, seed);
            double factor = (out[2] - mean) / 20;
            assertEquals(factor, (mean - out[1]) / 20, 1e-5, "one factor for every value");
            assertTrue(factor >= 0 && factor <= 2, "seed " + seed + " factor " + factor);
            for (int i = 0; i < image.length; i++) {
                double expected = Math.min(255, Math.max(0, mean + factor * (image[i] - mean)));
                assertEquals(expected, out[i], 1e-3, "seed " + seed + ", value " + i);
            }
            clampedHigh |= out[3] == 255f;
            clampedLow |= out[0] == 0f && factor > 1;
            min = Math.min(min, factor);
            max = Math.max(max, factor);
        }
        assertTrue(clampedHigh && clampedLow, "values pushed past 0 and 255 are clamped there");
        assertTrue(min < 0.1 && max > 1.9, "factors from " + min + " to " + max);
    }

    @Test
    void rejectsAmountsOutsideZeroToOne() {
        assertThrows(IllegalArgumentException.class, () -> new RandomContrast(2));
        assertEquals("contrast:0.3", new RandomContrast(0.3).toString());
    }
}

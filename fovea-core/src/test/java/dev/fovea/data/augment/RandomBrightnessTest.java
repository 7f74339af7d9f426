package dev.fovea.data.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RandomBrightnessTest {
    /** Values 0, 1, ..., 255: every level once. */
    private static float[] ramp() {
        float[] image = new float[256];
        for (int i = 0; i < 256; i++) {
            image[i] = i;
        }
        return image;
    }

    @Test
    void amountZeroChangesNothing() {
        float[] image = Pictures.random(4, 4, 3, 1);
        for (long seed = 0; seed < 10; seed++) {
            assertArrayEquals(image, Pictures.applied(new RandomBrightness(0), image, 4, 4, 3, seed));
        }
    }

    @Test
    void addsOneOffsetWithinTheRangeToEveryValueAndClampsTo0And255() {
        float[] image = ramp();
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (long seed = 0; seed < 300; seed++) {
            float[] out = Pictures.applied(new RandomBrightness(0.4), image, 16, 16, 1, seed);
            // Level 128 never clamps with |offset| <= 0.4 * 255 = 102.
            double offset = out[128] - 128.0;
            assertTrue(Math.abs(offset) <= 102.0001, "seed " + seed + " offset " + offset);
            for (int v = 0; v < 256; v++) {
                double expected = Math.min(255, Math.max(0, v + offset));
                assertEquals(expected, out[v], 1e-4, "seed " + seed + ", level " + v);
            }
            assertTrue(offset > 0 ? out[255] == 255f : out[0] == 0f, "the end the offset pushes at stays clamped");
            min = Math.min(min, offset);
            max = Math.max(max, offset);
        }
        assertTrue(min < -90 && max > 90, "offsets from " + min + " to " + max);
    }

    @Test
    void rejectsAmountsOutsideZeroToOne() {
        assertThrows(IllegalArgumentException.class, () -> new RandomBrightness(1.01));
        assertThrows(IllegalArgumentException.class, () -> new RandomBrightness(-0.01));
        assertEquals("brightness:0.2", new RandomBrightness(0.2).toString());
    }
}

package dev.fovea.data.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RandomTranslationTest {
    @Test
    void fractionZeroChangesNothing() {
        float[] image = Pictures.random(6, 5, 2, 1);
        for (long seed = 0; seed < 20; seed++) {
            assertArrayEquals(image, Pictures.applied(new RandomTranslation(0), image, 6, 5, 2, seed));
        }
    }

    @Test
    void shiftsByWholePixelsUpToTheFractionOfEachSide() {
        // 0.25 of 8 rows is 2, of 12 columns is 3.
        int height = 8;
        int width = 12;
        float[] image = Pictures.random(height, width, 1, 2);
        Set<String> shifts = new HashSet<>();
        for (long seed = 0; seed < 1000; seed++) {
            float[] out = Pictures.applied(new RandomTranslation(0.25), image, height, width, 1, seed);
            String shift = RandomCropTest.matchingShift(out, image, height, width, 1, 4, seed);
            int dy = Integer.parseInt(shift.split(",")[0]);
            int dx = Integer.parseInt(shift.split(",")[1]);
            assertTrue(Math.abs(dy) <= 2 && Math.abs(dx) <= 3, "seed " + seed + " shifted by " + shift);
            shifts.add(shift);
        }
        // 35 equally likely shifts in 1000 draws: each missing has probability 35 * (34/35)^1000 < 1e-10.
        assertEquals(5 * 7, shifts.size(), "shifts seen: " + shifts);
    }

    @Test
    void rejectsFractionsOutsideZeroToOne() {
        assertThrows(IllegalArgumentException.class, () -> new RandomTranslation(-0.1));
        assertThrows(IllegalArgumentException.class, () -> new RandomTranslation(1.5));
        assertThrows(IllegalArgumentException.class, () -> new RandomTranslation(Double.NaN));
        assertEquals("translate:0.1", new RandomTranslation(0.1).toString());
    }
}

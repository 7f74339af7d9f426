package dev.fovea.data.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RandomCropTest {
    @Test
    void paddingZeroChangesNothing() {
        float[] image = Pictures.random(5, 6, 3, 1);
        for (long seed = 0; seed < 20; seed++) {
            assertArrayEquals(image, Pictures.applied(new RandomCrop(0), image, 5, 6, 3, seed));
        }
    }

    @Test
    void theResultIsTheImageShiftedByAtMostThePaddingWithZerosAtTheBorder() {
        int height = 7;
        int width = 9;
        int padding = 3;
        float[] image = Pictures.random(height, width, 2, 2);
        Set<String> offsets = new HashSet<>();
        for (long seed = 0; seed < 1000; seed++) {
            float[] out = Pictures.applied(new RandomCrop(padding), image, height, width, 2, seed);
            offsets.add(matchingShift(out, image, height, width, 2, padding, seed));
        }
        // 49 equally likely windows in 1000 draws: each missing has probability 49 * (48/49)^1000 < 1e-7.
        assertEquals((2 * padding + 1) * (2 * padding + 1), offsets.size(), "windows seen: " + offsets);
    }

    /** The one shift within +-limit that turns {@code image} into {@code out}, as "dy,dx". */
    static String matchingShift(float[] out, float[] image, int height, int width, int channels, int limit,
                                long seed) {
        Set<String> matches = new HashSet<>();
        for (int dy = -limit; dy <= limit; dy++) {
            for (int dx = -limit; dx <= limit; dx++) {
                if (Arrays.equals(out, Pictures.shifted(image, height, width, channels, dy, dx))) {
                    matches.add(dy + "," + dx);
                }
            }
        }
        assertEquals(1, matches.size(), "seed " + seed + ": shifts within " + limit + " that match: " + matches);
        return matches.iterator().next();
    }

    @Test
    void aPaddingLargerThanTheImageCanLeaveItBlack() {
        float[] image = Pictures.random(2, 2, 1, 3);
        boolean black = false;
        for (long seed = 0; seed < 200 && !black; seed++) {
            black = Arrays.equals(new float[4], Pictures.applied(new RandomCrop(5), image, 2, 2, 1, seed));
        }
        assertEquals(true, black, "a window entirely in the padding");
    }

    @Test
    void rejectsANegativePaddingAndIsWrittenCropP() {
        assertThrows(IllegalArgumentException.class, () -> new RandomCrop(-1));
        assertEquals("crop:4", new RandomCrop(4).toString());
    }
}

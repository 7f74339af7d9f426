package dev.fovea.data.folder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class HeldOutTest {
    @Test
    void holdsOutTheRoundedFraction() {
        assertEquals(0, count(HeldOut.choose(3, 0.15, 42, "a")), "0.45 rounds to 0");
        assertEquals(1, count(HeldOut.choose(4, 0.15, 42, "a")), "0.6 rounds to 1");
        assertEquals(15, count(HeldOut.choose(100, 0.15, 42, "a")));
        assertEquals(0, count(HeldOut.choose(100, 0, 42, "a")));
        assertEquals(0, HeldOut.choose(0, 0.5, 42, "a").length);
    }

    @Test
    void theSameSeedAndClassGiveTheSameChoice() {
        assertArrayEquals(HeldOut.choose(50, 0.3, 7, "cats"), HeldOut.choose(50, 0.3, 7, "cats"));
    }

    @Test
    void anotherSeedOrClassGivesAnotherChoice() {
        boolean[] base = HeldOut.choose(50, 0.3, 7, "cats");
        assertFalse(Arrays.equals(base, HeldOut.choose(50, 0.3, 8, "cats")));
        assertFalse(Arrays.equals(base, HeldOut.choose(50, 0.3, 7, "dogs")));
    }

    @Test
    void everyImageCanBeHeldOut() {
        // Over many seeds, each of 10 images is held out sometimes: the draw is not stuck at the front or back.
        int[] times = new int[10];
        for (long seed = 0; seed < 200; seed++) {
            boolean[] chosen = HeldOut.choose(10, 0.2, seed, "x");
            for (int i = 0; i < 10; i++) {
                times[i] += chosen[i] ? 1 : 0;
            }
        }
        for (int i = 0; i < 10; i++) {
            // Expected 40 each (200 draws x 2 of 10).
            assertEquals(40, times[i], 20, "image " + i);
        }
    }

    private static int count(boolean[] chosen) {
        int n = 0;
        for (boolean c : chosen) {
            n += c ? 1 : 0;
        }
        return n;
    }
}

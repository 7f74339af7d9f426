package dev.fovea.viz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GreyLevelsTest {

    @Test
    void minIsBlackMaxIsWhiteAndTheMiddleRoundsUpTo128() {
        assertEquals(0, GreyLevels.level(0f, 0f, 1f));
        assertEquals(128, GreyLevels.level(0.5f, 0f, 1f)); // 127.5, halves up
        assertEquals(255, GreyLevels.level(1f, 0f, 1f));
        assertEquals(64, GreyLevels.level(-0.5f, -1f, 1f)); // 63.75
        assertEquals(191, GreyLevels.level(0.5f, -1f, 1f)); // 191.25
    }

    @Test
    void valuesOutsideTheRangeAreClampedAndAnEmptyRangeIsBlack() {
        assertEquals(0, GreyLevels.level(-3f, 0f, 1f));
        assertEquals(255, GreyLevels.level(7f, 0f, 1f));
        assertEquals(0, GreyLevels.level(2f, 2f, 2f));
    }

    @Test
    void ownRangeScalesASliceByItsOwnMinAndMax() {
        float[] values = {100f, -2f, 0f, 2f, 100f};
        assertArrayEquals(new int[] {0, 128, 255}, GreyLevels.ofOwnRange(values, 1, 3));
        assertArrayEquals(new float[] {-2f, 2f}, GreyLevels.range(values, 1, 3));
    }
}

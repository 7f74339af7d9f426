package dev.fovea.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Schedules are plain double arithmetic, so values are compared to 1e-12. */
class LearningRateScheduleTest {
    private static final double EXACT = 1e-12;

    @Test
    void constantNeverChanges() {
        LearningRateSchedule s = LearningRateSchedule.constant(0.01);
        assertEquals(0.01, s.rate(0), EXACT);
        assertEquals(0.01, s.rate(1_000_000), EXACT);
    }

    @Test
    void stepDecayDropsByTheFactorAtEachMultipleOfTheInterval() {
        LearningRateSchedule s = LearningRateSchedule.stepDecay(0.1, 0.5, 10);
        assertEquals(0.1, s.rate(0), EXACT);
        assertEquals(0.1, s.rate(9), EXACT);
        assertEquals(0.05, s.rate(10), EXACT);
        assertEquals(0.05, s.rate(19), EXACT);
        assertEquals(0.025, s.rate(20), EXACT);
    }

    @Test
    void exponentialDecayIsSmoothBetweenDecaySteps() {
        LearningRateSchedule s = LearningRateSchedule.exponentialDecay(0.1, 0.25, 100);
        assertEquals(0.1, s.rate(0), EXACT);
        assertEquals(0.1 * 0.5, s.rate(50), EXACT); // 0.25^(1/2)
        assertEquals(0.1 * 0.25, s.rate(100), EXACT);
        assertEquals(0.1 * 0.25 * 0.25, s.rate(200), EXACT);
    }

    @Test
    void cosineDecayGoesFromTheRateToTheFloorAndStaysThere() {
        LearningRateSchedule s = LearningRateSchedule.cosineDecay(0.1, 100, 0.1);
        assertEquals(0.1, s.rate(0), EXACT);
        // Half way the cosine term is 0.5: 0.1 * (0.1 + 0.9 * 0.5).
        assertEquals(0.055, s.rate(50), EXACT);
        // A quarter of the way: 0.5 * (1 + cos(pi / 4)).
        assertEquals(0.1 * (0.1 + 0.9 * 0.5 * (1 + Math.sqrt(0.5))), s.rate(25), EXACT);
        assertEquals(0.01, s.rate(100), EXACT);
        assertEquals(0.01, s.rate(1000), EXACT);
    }

    @Test
    void rejectsIntervalsBelowOne() {
        assertRejected(() -> LearningRateSchedule.stepDecay(0.1, 0.5, 0), "step decay interval must be >= 1");
        assertRejected(() -> LearningRateSchedule.exponentialDecay(0.1, 0.5, 0), "decay steps must be >= 1");
        assertRejected(() -> LearningRateSchedule.cosineDecay(0.1, 0, 0.0), "cosine decay steps must be >= 1");
    }

    private static void assertRejected(Executable create, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, create);
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}

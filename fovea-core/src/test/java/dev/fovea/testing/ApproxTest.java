package dev.fovea.testing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The tolerance assertion: what it accepts, what it rejects, and what its message says. */
class ApproxTest {
    @Test
    void acceptsDifferencesWithinAbsolutePlusRelativeTolerance() {
        // Allowed error at 100: 1e-3 + 1e-4 * 100 = 1.1e-2.
        assertDoesNotThrow(() -> Approx.assertClose("ok", new float[] {0f, 100f}, new float[] {0.9e-3f, 100.01f},
                1e-3, 1e-4));
    }

    @Test
    void rejectsAndReportsFirstMismatchAndMaxError() {
        float[] expected = {1f, 2f, 3f, 4f};
        float[] actual = {1f, 2.5f, 3f, 7f};
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> Approx.assertClose("values", expected, actual, 1e-3, 0));
        String m = e.getMessage();
        assertTrue(m.contains("2 of 4"), m);
        assertTrue(m.contains("first at [1]") && m.contains("expected 2.0") && m.contains("actual 2.5"), m);
        assertTrue(m.contains("max error 3.00 at [3]"), m);
    }

    @Test
    void reportsMultiDimensionalIndexWhenGivenAShape() {
        String m = Approx.mismatch("y", new int[] {2, 3}, new float[6], new float[] {0, 0, 0, 0, 1, 0}, i -> 0.5);
        assertTrue(m.contains("[1, 1] (flat 4)"), m);
    }

    @Test
    void rejectsNaNAgainstANumberButNotTwoNaNs() {
        assertThrows(AssertionFailedError.class,
                () -> Approx.assertClose("nan", new float[] {1f}, new float[] {Float.NaN}, 1, 1));
        assertThrows(AssertionFailedError.class,
                () -> Approx.assertClose("nan", new float[] {Float.NaN}, new float[] {1f}, 1, 1));
        assertNull(Approx.mismatch("nan", null, new float[] {Float.NaN}, new float[] {Float.NaN}, i -> 0));
    }

    @Test
    void rejectsLengthMismatch() {
        assertThrows(AssertionFailedError.class, () -> Approx.assertClose("len", new float[2], new float[3], 1, 1));
    }

    @Test
    void relativeToleranceScalesWithExpectedValue() {
        assertNull(Approx.mismatch("big", null, new float[] {1000f}, new float[] {1000.5f}, i -> 1e-3 * 1000));
        assertThrows(AssertionFailedError.class,
                () -> Approx.assertClose("small", new float[] {1f}, new float[] {1.5f}, 0, 1e-3));
    }
}

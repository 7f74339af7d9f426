package dev.fovea.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.function.IntToDoubleFunction;

/**
 * Element-wise comparison of float arrays within a tolerance, failing with the first mismatching
 * index, its expected and actual values, how many elements are off and the largest error.
 */
public final class Approx {
    private Approx() {}

    /** Passes when |actual - expected| <= abs + rel * |expected| for every element. */
    public static void assertClose(String what, float[] expected, float[] actual, double abs, double rel) {
        assertClose(what, null, expected, actual, abs, rel);
    }

    /** As {@link #assertClose(String, float[], float[], double, double)}; indices shown within {@code shape}. */
    public static void assertClose(String what, int[] shape, float[] expected, float[] actual, double abs, double rel) {
        assertWithin(what, shape, expected, actual, i -> abs + rel * Math.abs(expected[i]));
    }

    /**
     * Passes when |actual[i] - expected[i]| <= bound(i) for every i. Two NaNs are equal; a NaN
     * against a number is a mismatch.
     */
    public static void assertWithin(String what, int[] shape, float[] expected, float[] actual,
                                    IntToDoubleFunction bound) {
        String message = mismatch(what, shape, expected, actual, bound);
        if (message != null) {
            fail(message);
        }
    }

    /** The failure message, or null when every element is within its bound. */
    public static String mismatch(String what, int[] shape, float[] expected, float[] actual,
                                  IntToDoubleFunction bound) {
        if (expected.length != actual.length) {
            return what + ": expected " + expected.length + " values, got " + actual.length;
        }
        int first = -1;
        int bad = 0;
        int worst = -1;
        double worstError = -1;
        for (int i = 0; i < expected.length; i++) {
            boolean bothNaN = Float.isNaN(expected[i]) && Float.isNaN(actual[i]);
            double error = bothNaN ? 0 : Math.abs((double) actual[i] - expected[i]);
            boolean ok = error <= bound.applyAsDouble(i); // false for NaN errors
            if (!ok) {
                bad++;
                if (first < 0) {
                    first = i;
                }
            }
            if (!(error <= worstError)) { // also takes the first NaN
                worstError = error;
                worst = i;
            }
        }
        if (first < 0) {
            return null;
        }
        return String.format("%s: %d of %d values differ; first at %s: expected %s, actual %s (error %.3g, allowed"
                        + " %.3g); max error %.3g at %s",
                what, bad, expected.length, index(first, shape), expected[first], actual[first],
                Math.abs((double) actual[first] - expected[first]), bound.applyAsDouble(first),
                worstError, index(worst, shape));
    }

    private static String index(int flat, int[] shape) {
        if (shape == null || shape.length < 2) {
            return "[" + flat + "]";
        }
        int[] idx = new int[shape.length];
        int rest = flat;
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = shape[d] == 0 ? 0 : rest % shape[d];
            rest = shape[d] == 0 ? 0 : rest / shape[d];
        }
        return Arrays.toString(idx) + " (flat " + flat + ")";
    }
}

package dev.fovea.viz.tensorboard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HistogramTest {
    @Test
    void countsTheHundredFirstIntegersTenPerBucket() {
        float[] values = new float[100];
        for (int i = 0; i < 100; i++) {
            values[99 - i] = i; // order does not matter
        }
        Histogram h = Histogram.of(values, 10);
        assertEquals(0, h.min());
        assertEquals(99, h.max());
        assertEquals(100, h.num());
        assertEquals(4950, h.sum());
        assertEquals(328350, h.sumSquares()); // sum of i^2 for i < 100
        assertArrayEquals(new double[] {10, 10, 10, 10, 10, 10, 10, 10, 10, 10}, h.bucketCounts());
        double[] limits = h.bucketLimits();
        for (int i = 0; i < 9; i++) {
            assertEquals(9.9 * (i + 1), limits[i], 1e-12);
        }
        assertEquals(99, limits[9]); // exactly the maximum
    }

    @Test
    void everyValueLiesInItsBucket() {
        SplittableRandom random = new SplittableRandom(5);
        float[] values = new float[1000];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        Histogram h = Histogram.of(values, Histogram.DEFAULT_BUCKETS);
        double[] limits = h.bucketLimits();
        double[] expected = new double[limits.length];
        for (float v : values) {
            int bucket = 0;
            while (v >= limits[bucket] && bucket < limits.length - 1) {
                bucket++;
            }
            expected[bucket]++;
        }
        assertArrayEquals(expected, h.bucketCounts());
        assertEquals(Histogram.DEFAULT_BUCKETS, limits.length);
        for (int i = 1; i < limits.length; i++) {
            assertTrue(limits[i] > limits[i - 1], "limits ascend");
        }
    }

    @Test
    void equalValuesMakeOneBucket() {
        Histogram h = Histogram.of(new float[] {0.5f, 0.5f, 0.5f}, 30);
        assertArrayEquals(new double[] {0.5}, h.bucketLimits());
        assertArrayEquals(new double[] {3}, h.bucketCounts());
        assertEquals(0.5, h.min());
        assertEquals(0.75, h.sumSquares());
    }

    @Test
    void nanAndInfinitiesAreLeftOut() {
        Histogram h = Histogram.of(new float[] {Float.NaN, 1, Float.POSITIVE_INFINITY, 3, Float.NEGATIVE_INFINITY}, 2);
        assertEquals(2, h.num());
        assertEquals(1, h.min());
        assertEquals(3, h.max());
        assertEquals(4, h.sum());
        assertArrayEquals(new double[] {1, 1}, h.bucketCounts());
    }

    @Test
    void noValuesMakeNoBuckets() {
        Histogram h = Histogram.of(new float[] {Float.NaN}, 30);
        assertEquals(0, h.num());
        assertEquals(0, h.bucketLimits().length);
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Histogram.of(new float[] {1}, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new Histogram(0, 1, 1, 1, 1, new double[] {1}, new double[] {1, 0}));
    }

    @Test
    void itsArraysCannotBeChangedFromOutside() {
        double[] limits = {1};
        Histogram h = new Histogram(0, 1, 1, 1, 1, limits, new double[] {1});
        limits[0] = 5;
        h.bucketLimits()[0] = 7;
        assertArrayEquals(new double[] {1}, h.bucketLimits());
    }
}

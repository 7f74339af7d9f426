package dev.fovea.data.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RandomRotationTest {
    private static float[] rotated(float[] image, int height, int width, int channels, double degrees) {
        float[] copy = image.clone();
        RandomRotation.rotate(copy, new float[copy.length], height, width, channels, degrees);
        return copy;
    }

    @Test
    void rotatingByZeroChangesNothing() {
        float[] image = Pictures.random(5, 7, 3, 1);
        assertArrayEquals(image, rotated(image, 5, 7, 3, 0));
        for (long seed = 0; seed < 10; seed++) {
            assertArrayEquals(image, Pictures.applied(new RandomRotation(0), image, 5, 7, 3, seed));
        }
    }

    @Test
    void ninetyDegreesOfASquareImageIsTheTransposeFlippedUpsideDown() {
        for (int size : new int[] {5, 6}) {
            float[] image = Pictures.random(size, size, 2, size);
            // Counter-clockwise as displayed: the top row becomes the left column, read upwards,
            // so out[y][x] = in[x][size - 1 - y]: the transpose with its rows in reverse order.
            float[] expected = new float[image.length];
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    System.arraycopy(image, (x * size + size - 1 - y) * 2, expected, (y * size + x) * 2, 2);
                }
            }
            assertArrayEquals(expected, rotated(image, size, size, 2, 90), "size " + size);
            assertArrayEquals(image, rotated(expected, size, size, 2, -90), "and back, size " + size);
        }
    }

    @Test
    void aPositiveAngleTurnsARightHandPointUpwards() {
        float[] out = rotated(Pictures.dot(9, 9, 4, 7), 9, 9, 1, 90);
        assertArrayEquals(Pictures.dot(9, 9, 1, 4), out);
    }

    @Test
    void insideKeepsAUniformImageUniformAndOutsideFillsWithZeros() {
        float[] grey = new float[11 * 11];
        java.util.Arrays.fill(grey, 100);
        float[] out = rotated(grey, 11, 11, 1, 30);
        // The centre stays inside whatever the angle; the corners turn to points beyond the frame.
        assertEquals(100, out[5 * 11 + 5], 1e-4);
        assertEquals(100, out[3 * 11 + 7], 1e-4);
        assertEquals(0, out[0]);
        assertEquals(0, out[11 * 11 - 1]);
        for (float v : out) {
            assertTrue(v >= 0 && v <= 100.0001f, "bilinear values stay between 0 and the fill: " + v);
        }
    }

    @Test
    void randomAnglesSpreadOverTheRangeAndNoFurther() {
        // A dot 20 pixels right of the centre of a 49x49 image ends at the angle it was turned by
        // (sampling the interpolated dot moves its centroid by under half a pixel: under 1.5 degrees).
        float[] dot = Pictures.dot(49, 49, 24, 44);
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        double sum = 0;
        int draws = 400;
        for (long seed = 0; seed < draws; seed++) {
            double[] c = Pictures.centroid(Pictures.applied(new RandomRotation(30), dot, 49, 49, 1, seed), 49, 49);
            double angle = Math.toDegrees(Math.atan2(24 - c[1], c[0] - 24));
            assertTrue(Math.abs(angle) <= 33, "seed " + seed + " turned by " + angle);
            min = Math.min(min, angle);
            max = Math.max(max, angle);
            sum += angle;
        }
        assertTrue(min < -25 && max > 25, "angles from " + min + " to " + max);
        // Uniform on [-30, 30]: the mean of 400 has a standard deviation of 0.87 degrees.
        assertEquals(0, sum / draws, 5, "mean angle");
    }

    @Test
    void rejectsAnglesOutsideZeroTo180() {
        assertThrows(IllegalArgumentException.class, () -> new RandomRotation(-1));
        assertThrows(IllegalArgumentException.class, () -> new RandomRotation(181));
        assertEquals("rotate:12.5", new RandomRotation(12.5).toString());
    }
}

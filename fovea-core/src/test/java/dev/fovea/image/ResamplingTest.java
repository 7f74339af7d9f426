package dev.fovea.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ResamplingTest {
    @Test
    void theSameSizeIsTheIdentity() {
        float[] pixels = random(5 * 7 * 3, 1);
        assertArrayEquals(pixels, Resampling.resize(pixels, 5, 7, 3, 5, 7));
    }

    @Test
    void halvingAveragesEachBlock() {
        float[] pixels = {
            0, 2, 10, 20,
            4, 6, 30, 40,
        };
        assertArrayEquals(new float[] {3, 25}, Resampling.resize(pixels, 2, 4, 1, 1, 2), 1e-5f);
    }

    @Test
    void shrinkingByAFractionWeighsPixelsByTheirOverlap() {
        // 3 -> 2: output 0 covers [0, 1.5) = all of pixel 0 and half of pixel 1.
        float[] pixels = {0, 30, 90};
        assertArrayEquals(new float[] {10, 70}, Resampling.resize(pixels, 1, 3, 1, 1, 2), 1e-4f);
    }

    @Test
    void enlargingInterpolatesBetweenPixelCentres() {
        float[] pixels = {0, 100};
        assertArrayEquals(new float[] {0, 25, 75, 100}, Resampling.resize(pixels, 1, 2, 1, 1, 4), 1e-4f);
    }

    @Test
    void aConstantImageStaysConstantAtAnySize() {
        float[] pixels = new float[9 * 13 * 3];
        Arrays.fill(pixels, 42f);
        for (int[] size : new int[][] {{28, 28}, {4, 5}, {9, 30}, {1, 1}}) {
            float[] resized = Resampling.resize(pixels, 9, 13, 3, size[0], size[1]);
            float[] expected = new float[size[0] * size[1] * 3];
            Arrays.fill(expected, 42f);
            assertArrayEquals(expected, resized, 1e-3f, Arrays.toString(size));
        }
    }

    @Test
    void channelsAreResizedSeparately() {
        float[] pixels = {0, 100, 10, 200};
        assertArrayEquals(new float[] {5, 150}, Resampling.resize(pixels, 1, 2, 2, 1, 1), 1e-5f);
    }

    @Test
    void enlargingVerticallyInterpolatesBetweenRows() {
        float[] pixels = {0, 100};
        assertArrayEquals(new float[] {0, 25, 75, 100}, Resampling.resize(pixels, 2, 1, 1, 4, 1), 1e-4f);
    }

    @Test
    void rowsAreReadOnceEachInOrder() {
        float[] pixels = random(40 * 3 * 2, 2);
        List<Integer> requested = new ArrayList<>();
        float[] resized = Resampling.resize((y, out) -> {
            requested.add(y);
            System.arraycopy(pixels, y * 6, out, 0, 6);
        }, 40, 3, 2, 7, 5);
        assertEquals(IntStream.range(0, 40).boxed().toList(), requested);
        assertArrayEquals(Resampling.resize(pixels, 40, 3, 2, 7, 5), resized);
    }

    private static float[] random(int n, long seed) {
        Random random = new Random(seed);
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextInt(256);
        }
        return values;
    }
}

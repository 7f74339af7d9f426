package dev.fovea.data.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RandomFlipTest {
    @Test
    void mirrorReversesTheColumnsAndKeepsEachPixelsChannels() {
        // 2 rows, 3 columns, 2 channels: pixel (r, c) holds (10 r + c, 100 + 10 r + c).
        float[] image = {0, 100, 1, 101, 2, 102, 10, 110, 11, 111, 12, 112};
        RandomFlip.mirror(image, 2, 3, 2);
        assertArrayEquals(new float[] {2, 102, 1, 101, 0, 100, 12, 112, 11, 111, 10, 110}, image);
    }

    @Test
    void eachDrawEitherKeepsTheImageOrMirrorsItExactly() {
        for (int width : new int[] {1, 4, 7}) {
            float[] image = Pictures.random(3, width, 3, width);
            float[] mirrored = new float[image.length];
            for (int y = 0; y < 3; y++) {
                for (int x = 0; x < width; x++) {
                    System.arraycopy(image, (y * width + x) * 3, mirrored, (y * width + width - 1 - x) * 3, 3);
                }
            }
            for (long seed = 0; seed < 50; seed++) {
                float[] out = Pictures.applied(new RandomFlip(), image, 3, width, 3, seed);
                assertTrue(java.util.Arrays.equals(out, image) || java.util.Arrays.equals(out, mirrored),
                        "width " + width + ", seed " + seed);
            }
        }
    }

    @Test
    void flipsAboutHalfOfTheImages() {
        float[] image = Pictures.random(4, 5, 1, 1);
        int flipped = 0;
        int draws = 4000;
        for (long seed = 0; seed < draws; seed++) {
            flipped += java.util.Arrays.equals(Pictures.applied(new RandomFlip(), image, 4, 5, 1, seed), image) ? 0 : 1;
        }
        // Binomial(4000, 1/2) has a standard deviation of 31.6: 6 of them either way, and the seeds are fixed.
        assertTrue(Math.abs(flipped - draws / 2) <= 190, flipped + " of " + draws + " flipped");
    }

    @Test
    void isWrittenFlip() {
        assertEquals("flip", new RandomFlip().toString());
    }
}

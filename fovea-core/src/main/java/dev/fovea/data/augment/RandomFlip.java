package dev.fovea.data.augment;

import java.util.SplittableRandom;

/**
 * Mirrors the image left to right with probability 1/2: column x becomes column width - 1 - x,
 * each pixel's channels kept in their order. Written {@code flip}.
 */
public record RandomFlip() implements Augmentation {
    @Override
    public void apply(float[] image, int height, int width, int channels, SplittableRandom random, float[] scratch) {
        if (random.nextBoolean()) {
            mirror(image, height, width, channels);
        }
    }

    /** Reverses the order of the columns of every row. */
    static void mirror(float[] image, int height, int width, int channels) {
        for (int y = 0; y < height; y++) {
            int row = y * width * channels;
            for (int left = 0, right = width - 1; left < right; left++, right--) {
                for (int c = 0; c < channels; c++) {
                    int a = row + left * channels + c;
                    int b = row + right * channels + c;
                    float t = image[a];
                    image[a] = image[b];
                    image[b] = t;
                }
            }
        }
    }

    @Override
    public String toString() {
        return "flip";
    }
}

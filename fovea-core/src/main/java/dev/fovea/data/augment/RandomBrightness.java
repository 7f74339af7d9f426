package dev.fovea.data.augment;

import java.util.SplittableRandom;

/**
 * Adds one value drawn uniformly from [-amount * 255, amount * 255] to every pixel and channel,
 * then clamps the results to 0-255. Written {@code brightness:F}.
 */
public record RandomBrightness(double amount) implements Augmentation {
    public RandomBrightness {
        if (!(amount >= 0 && amount <= 1)) {
            throw new IllegalArgumentException("brightness must be a fraction from 0 to 1 of 255, got " + amount);
        }
    }

    @Override
    public void apply(float[] image, int height, int width, int channels, SplittableRandom random, float[] scratch) {
        float delta = (float) ((2 * random.nextDouble() - 1) * amount * 255);
        int size = height * width * channels;
        for (int i = 0; i < size; i++) {
            image[i] = Math.min(255f, Math.max(0f, image[i] + delta));
        }
    }

    @Override
    public String toString() {
        return "brightness:" + Numbers.format(amount);
    }
}

package dev.fovea.data.augment;

import java.util.SplittableRandom;

/**
 * Stretches every value away from the image's mean m (over all pixels and channels) by a factor f
 * drawn uniformly from [1 - amount, 1 + amount]: v becomes m + f (v - m), clamped to 0-255. Below
 * 1 the image turns greyer, above 1 harsher. Written {@code contrast:F}.
 */
public record RandomContrast(double amount) implements Augmentation {
    public RandomContrast {
        if (!(amount >= 0 && amount <= 1)) {
            throw new IllegalArgumentException("contrast must be a fraction from 0 to 1, got " + amount);
        }
    }

    @Override
    public void apply(float[] image, int height, int width, int channels, SplittableRandom random, float[] scratch) {
        double factor = 1 + (2 * random.nextDouble() - 1) * amount;
        int size = height * width * channels;
        double sum = 0;
        for (int i = 0; i < size; i++) {
            sum += image[i];
        }
        double mean = sum / Math.max(1, size);
        // In double, so that a factor of 1 gives every value back exactly.
        for (int i = 0; i < size; i++) {
            image[i] = (float) Math.min(255, Math.max(0, mean + factor * (image[i] - mean)));
        }
    }

    @Override
    public String toString() {
        return "contrast:" + Numbers.format(amount);
    }
}

package dev.fovea.data.augment;

import java.util.SplittableRandom;

/**
 * Pads the image with {@code padding} rows and columns of zeros on every side, then takes a window
 * of the original size at a place drawn uniformly from all (2 * padding + 1)² possible ones: the
 * CIFAR recipe. Equivalently, the content moves by a whole number of pixels in [-padding, padding]
 * down and, independently, across, with zeros where it leaves the frame. Padding 0 changes nothing.
 * Written {@code crop:P}.
 */
public record RandomCrop(int padding) implements Augmentation {
    public RandomCrop {
        if (padding < 0) {
            throw new IllegalArgumentException("crop padding must be >= 0 pixels, got " + padding);
        }
    }

    @Override
    public void apply(float[] image, int height, int width, int channels, SplittableRandom random, float[] scratch) {
        int top = random.nextInt(2 * padding + 1);
        int left = random.nextInt(2 * padding + 1);
        // The window's top-left corner at (top, left) of the padded image shows original pixel (top - padding, ...).
        Warp.shift(image, scratch, height, width, channels, padding - top, padding - left);
    }

    @Override
    public String toString() {
        return "crop:" + padding;
    }
}

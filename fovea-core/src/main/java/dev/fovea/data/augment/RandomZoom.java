package dev.fovea.data.augment;

import java.util.SplittableRandom;

/**
 * Scales the image about its centre by a factor drawn uniformly from [1 - amount, 1 + amount]:
 * above 1 it zooms in (the content grows and its edges leave the frame), below 1 it zooms out (the
 * content shrinks and a black border appears). The same factor applies to both axes. Output pixel
 * p shows source point c + (p - c) / factor, interpolated bilinearly, zero outside the image.
 * A factor of 1 changes nothing. Written {@code zoom:F}.
 */
public record RandomZoom(double amount) implements Augmentation {
    public RandomZoom {
        if (!(amount >= 0 && amount < 1)) {
            throw new IllegalArgumentException("zoom must be a fraction from 0 up to (not including) 1, got " + amount);
        }
    }

    @Override
    public void apply(float[] image, int height, int width, int channels, SplittableRandom random, float[] scratch) {
        double factor = 1 + (2 * random.nextDouble() - 1) * amount;
        zoom(image, scratch, height, width, channels, factor);
    }

    /** Scales by exactly {@code factor} about the centre. */
    static void zoom(float[] image, float[] scratch, int height, int width, int channels, double factor) {
        double inverse = 1 / factor;
        double cx = (width - 1) / 2.0;
        double cy = (height - 1) / 2.0;
        Warp.affine(image, scratch, height, width, channels,
                inverse, 0, cx - inverse * cx,
                0, inverse, cy - inverse * cy);
    }

    @Override
    public String toString() {
        return "zoom:" + Numbers.format(amount);
    }
}

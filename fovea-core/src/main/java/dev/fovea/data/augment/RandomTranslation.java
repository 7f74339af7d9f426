package dev.fovea.data.augment;

import java.util.SplittableRandom;

/**
 * Moves the content by a whole number of pixels, drawn uniformly from [-round(fraction * height),
 * round(fraction * height)] down and, independently, from [-round(fraction * width),
 * round(fraction * width)] across, with zeros where it leaves the frame. Whole pixels copy values
 * exactly (no interpolation blur). Fraction 0 changes nothing. Written {@code translate:F}.
 */
public record RandomTranslation(double fraction) implements Augmentation {
    public RandomTranslation {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("translation must be a fraction from 0 to 1 of the image size, got "
                    + fraction);
        }
    }

    @Override
    public void apply(float[] image, int height, int width, int channels, SplittableRandom random, float[] scratch) {
        int maxDown = (int) Math.round(fraction * height);
        int maxAcross = (int) Math.round(fraction * width);
        int dy = random.nextInt(2 * maxDown + 1) - maxDown;
        int dx = random.nextInt(2 * maxAcross + 1) - maxAcross;
        Warp.shift(image, scratch, height, width, channels, dy, dx);
    }

    @Override
    public String toString() {
        return "translate:" + Numbers.format(fraction);
    }
}

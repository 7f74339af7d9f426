package dev.fovea.data.augment;

import java.util.SplittableRandom;

/**
 * Random erasing (Zhong et al., "Random Erasing Data Augmentation", 2017): with probability
 * {@code probability}, overwrites one axis-aligned rectangle with random values, each pixel and
 * channel a whole number drawn uniformly from 0-255 (the paper's best-performing fill).
 *
 * <p>The rectangle covers a fraction of the image's area drawn uniformly from [0.02, 0.33], with an
 * aspect ratio (height / width) drawn log-uniformly from [0.3, 3.3] (so tall and wide are equally
 * likely); its sides are rounded to whole pixels, and a draw whose rounded rectangle does not fit
 * the image or leaves those two ranges is drawn again, up to 10 times, after which the image stays
 * unchanged (only very small images run out of tries). Its place is uniform among all positions
 * where it fits. So an erased rectangle always covers 2 % to 33 % of the image with sides in a
 * ratio from 0.3 to 3.3. Written {@code erase:P}.
 */
public record RandomErasing(double probability) implements Augmentation {
    static final double MIN_AREA = 0.02;
    static final double MAX_AREA = 0.33;
    static final double MIN_ASPECT = 0.3;
    static final double MAX_ASPECT = 3.3;
    private static final int TRIES = 10;

    public RandomErasing {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("erasing probability must be from 0 to 1, got " + probability);
        }
    }

    @Override
    public void apply(float[] image, int height, int width, int channels, SplittableRandom random, float[] scratch) {
        if (random.nextDouble() >= probability) {
            return;
        }
        double area = (double) height * width;
        for (int attempt = 0; attempt < TRIES; attempt++) {
            double target = area * (MIN_AREA + random.nextDouble() * (MAX_AREA - MIN_AREA));
            double aspect = Math.exp(Math.log(MIN_ASPECT) + random.nextDouble() * Math.log(MAX_ASPECT / MIN_ASPECT));
            int h = (int) Math.round(Math.sqrt(target * aspect));
            int w = (int) Math.round(Math.sqrt(target / aspect));
            if (fits(h, w, height, width)) {
                int top = random.nextInt(height - h + 1);
                int left = random.nextInt(width - w + 1);
                fill(image, width, channels, top, left, h, w, random);
                return;
            }
        }
    }

    /** Whether an h x w rectangle fits the image and its area fraction and aspect stay in range. */
    private static boolean fits(int h, int w, int height, int width) {
        if (h < 1 || w < 1 || h > height || w > width) {
            return false;
        }
        double fraction = (double) h * w / ((double) height * width);
        double aspect = (double) h / w;
        return fraction >= MIN_AREA && fraction <= MAX_AREA && aspect >= MIN_ASPECT && aspect <= MAX_ASPECT;
    }

    private static void fill(float[] image, int width, int channels, int top, int left, int h, int w,
                             SplittableRandom random) {
        for (int y = top; y < top + h; y++) {
            int from = (y * width + left) * channels;
            for (int i = from; i < from + w * channels; i++) {
                image[i] = random.nextInt(256);
            }
        }
    }

    @Override
    public String toString() {
        return "erase:" + Numbers.format(probability);
    }
}

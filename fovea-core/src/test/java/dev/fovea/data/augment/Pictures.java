package dev.fovea.data.augment;

import java.util.SplittableRandom;

/** Small HWC images for the augmentation tests, and plain-loop versions of what the transforms should do. */
final class Pictures {
    private Pictures() {}

    /** Whole-number values 1-255 at random: no zeros, so a zero border shows, and shifts rarely coincide. */
    static float[] random(int height, int width, int channels, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] image = new float[height * width * channels];
        for (int i = 0; i < image.length; i++) {
            image[i] = 1 + random.nextInt(255);
        }
        return image;
    }

    /** A black image with one pixel of value 255 at (row, column). */
    static float[] dot(int height, int width, int row, int column) {
        float[] image = new float[height * width];
        image[row * width + column] = 255;
        return image;
    }

    /** The image with its content moved down by dy and right by dx, zeros where nothing moved in. */
    static float[] shifted(float[] image, int height, int width, int channels, int dy, int dx) {
        float[] out = new float[image.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int sy = y - dy;
                int sx = x - dx;
                if (sy >= 0 && sy < height && sx >= 0 && sx < width) {
                    for (int c = 0; c < channels; c++) {
                        out[(y * width + x) * channels + c] = image[(sy * width + sx) * channels + c];
                    }
                }
            }
        }
        return out;
    }

    /** The weighted mean position (column, row) of a one-channel image's values. */
    static double[] centroid(float[] image, int height, int width) {
        double sum = 0;
        double x = 0;
        double y = 0;
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                double v = image[r * width + c];
                sum += v;
                x += v * c;
                y += v * r;
            }
        }
        return new double[] {x / sum, y / sum};
    }

    /** The image after {@code augmentation} with a stream seeded by {@code seed}. */
    static float[] applied(Augmentation augmentation, float[] image, int height, int width, int channels, long seed) {
        float[] copy = image.clone();
        augmentation.apply(copy, height, width, channels, new SplittableRandom(seed));
        return copy;
    }
}

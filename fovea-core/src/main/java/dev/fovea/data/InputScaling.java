package dev.fovea.data;

import java.util.Locale;

/**
 * How raw 0-255 pixels become the network's float input. Stored with a model so that
 * {@code predict} on a new image applies exactly what training applied.
 *
 * <ul>
 *   <li>{@code unit}: x / 255, in [0, 1] (the default).</li>
 *   <li>{@code centered}: x / 255 - 0.5, in [-0.5, 0.5] (the from-scratch tutorial's choice).</li>
 *   <li>{@code mean_image}: (x - mean image) / 255, the mean image computed on the training
 *       split only, pixel by pixel.</li>
 * </ul>
 */
public final class InputScaling {
    public enum Kind { UNIT, CENTERED, MEAN_IMAGE }

    private static final float INV_255 = 1f / 255f;

    private final Kind kind;
    private final float[] meanImage;

    private InputScaling(Kind kind, float[] meanImage) {
        this.kind = kind;
        this.meanImage = meanImage;
    }

    public static InputScaling unit() {
        return new InputScaling(Kind.UNIT, null);
    }

    public static InputScaling centered() {
        return new InputScaling(Kind.CENTERED, null);
    }

    /**
     * The scaling of a kind; for mean_image, one whose mean image is still to be computed from the
     * training split (a model's {@code fit} does that).
     */
    public static InputScaling of(Kind kind) {
        return new InputScaling(kind, null);
    }

    /** Mean-image subtraction with a mean image in pixel units (one value per pixel and channel). */
    public static InputScaling meanImage(float[] meanImage) {
        return new InputScaling(Kind.MEAN_IMAGE, meanImage.clone());
    }

    /** Mean-image subtraction with the mean of {@code training}'s images. */
    public static InputScaling meanImageOf(ImageDataset training) {
        int size = training.imageSize();
        double[] sum = new double[size];
        byte[] pixels = training.pixels();
        for (int i = 0; i < training.size(); i++) {
            int o = i * size;
            for (int p = 0; p < size; p++) {
                sum[p] += pixels[o + p] & 0xFF;
            }
        }
        float[] mean = new float[size];
        for (int p = 0; p < size; p++) {
            mean[p] = (float) (sum[p] / Math.max(1, training.size()));
        }
        return new InputScaling(Kind.MEAN_IMAGE, mean);
    }

    /** Reads "unit", "centered" or "mean_image" (the last needs the mean image: see {@link #meanImageOf}). */
    public static Kind parseKind(String text) {
        try {
            return Kind.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown input scaling '" + text
                    + "': expected unit, centered or mean_image");
        }
    }

    public Kind kind() { return kind; }

    /** The mean image in pixel units, or null unless the kind is mean_image. */
    public float[] meanImage() { return meanImage == null ? null : meanImage.clone(); }

    /**
     * Scales {@code count} images of {@code imageSize} bytes from {@code pixels} (starting at image
     * {@code first} of the array) into {@code out} starting at {@code outOffset}.
     */
    public void apply(byte[] pixels, int first, int count, int imageSize, float[] out, int outOffset) {
        if (kind == Kind.MEAN_IMAGE && meanImage == null) {
            throw new IllegalStateException("mean-image scaling has no mean image yet: it is computed by fit "
                    + "from the training data");
        }
        if (kind == Kind.MEAN_IMAGE && meanImage.length != imageSize) {
            throw new IllegalArgumentException("mean image has " + meanImage.length + " values, images have "
                    + imageSize);
        }
        for (int i = 0; i < count; i++) {
            int src = (first + i) * imageSize;
            int dst = outOffset + i * imageSize;
            for (int p = 0; p < imageSize; p++) {
                out[dst + p] = scale(pixels[src + p] & 0xFF, p);
            }
        }
    }

    /** Scales one pixel value (0-255) at position {@code index} of an image. */
    public float scale(float value, int index) {
        switch (kind) {
            case UNIT: return value * INV_255;
            case CENTERED: return value * INV_255 - 0.5f;
            case MEAN_IMAGE: return (value - meanImage[index]) * INV_255;
            default: throw new AssertionError(kind);
        }
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}

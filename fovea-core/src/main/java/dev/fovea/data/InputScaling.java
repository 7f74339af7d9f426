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
 *   <li>{@code standardize}: (x - mean[c]) / std[c], one mean and standard deviation per channel,
 *       computed on the training split only.</li>
 * </ul>
 * The last two need statistics of the training data: {@link #of} gives a scaling without them, and
 * {@link #fittedTo} computes them (a model's {@code fit} does that).
 */
public final class InputScaling {
    public enum Kind { UNIT, CENTERED, MEAN_IMAGE, STANDARDIZE }

    private static final float INV_255 = 1f / 255f;

    private final Kind kind;
    /** Per pixel for mean_image, per channel for standardize, else null; pixel units. */
    private final float[] mean;
    /** Reciprocal of the per-channel standard deviation for standardize, else null. */
    private final float[] inverseStd;

    private InputScaling(Kind kind, float[] mean, float[] inverseStd) {
        this.kind = kind;
        this.mean = mean;
        this.inverseStd = inverseStd;
    }

    public static InputScaling unit() {
        return new InputScaling(Kind.UNIT, null, null);
    }

    public static InputScaling centered() {
        return new InputScaling(Kind.CENTERED, null, null);
    }

    /** The scaling of a kind; for mean_image and standardize, without the statistics yet. */
    public static InputScaling of(Kind kind) {
        return new InputScaling(kind, null, null);
    }

    /** Mean-image subtraction with a mean image in pixel units (one value per pixel and channel). */
    public static InputScaling meanImage(float[] meanImage) {
        return new InputScaling(Kind.MEAN_IMAGE, meanImage.clone(), null);
    }

    /** Per-channel standardisation with means and standard deviations in pixel units (0-255). */
    public static InputScaling standardize(float[] channelMean, float[] channelStd) {
        if (channelMean.length != channelStd.length || channelMean.length == 0) {
            throw new IllegalArgumentException("standardize needs one mean and one standard deviation per channel, got "
                    + channelMean.length + " and " + channelStd.length);
        }
        float[] inverse = new float[channelStd.length];
        for (int c = 0; c < inverse.length; c++) {
            if (!(channelStd[c] > 0) || !Float.isFinite(channelStd[c])) {
                throw new IllegalArgumentException("standard deviation of channel " + c + " must be positive, got "
                        + channelStd[c]);
            }
            inverse[c] = 1f / channelStd[c];
        }
        return new InputScaling(Kind.STANDARDIZE, channelMean.clone(), inverse);
    }

    /** Mean-image subtraction with the mean of {@code training}'s images. */
    public static InputScaling meanImageOf(ImageSource training) {
        int size = training.imageSize();
        double[] sum = new double[size];
        byte[] image = new byte[size];
        for (int i = 0; i < training.size(); i++) {
            training.read(i, image, 0);
            for (int p = 0; p < size; p++) {
                sum[p] += image[p] & 0xFF;
            }
        }
        float[] mean = new float[size];
        for (int p = 0; p < size; p++) {
            mean[p] = (float) (sum[p] / Math.max(1, training.size()));
        }
        return new InputScaling(Kind.MEAN_IMAGE, mean, null);
    }

    /**
     * Per-channel standardisation with the mean and standard deviation of every pixel of
     * {@code training} in each channel. A channel that never varies keeps a deviation of 1.
     */
    public static InputScaling standardizeOf(ImageSource training) {
        int channels = training.channels();
        double[] sum = new double[channels];
        double[] squares = new double[channels];
        byte[] image = new byte[training.imageSize()];
        for (int i = 0; i < training.size(); i++) {
            training.read(i, image, 0);
            for (int p = 0; p < image.length; p++) {
                int v = image[p] & 0xFF;
                sum[p % channels] += v;
                squares[p % channels] += (double) v * v;
            }
        }
        double n = Math.max(1.0, (double) training.size() * training.height() * training.width());
        float[] mean = new float[channels];
        float[] std = new float[channels];
        for (int c = 0; c < channels; c++) {
            double m = sum[c] / n;
            double variance = Math.max(0, squares[c] / n - m * m);
            mean[c] = (float) m;
            std[c] = variance > 1e-6 ? (float) Math.sqrt(variance) : 1f;
        }
        return standardize(mean, std);
    }

    /** Whether this scaling still needs statistics of the training data (see {@link #fittedTo}). */
    public boolean needsStatistics() {
        return (kind == Kind.MEAN_IMAGE || kind == Kind.STANDARDIZE) && mean == null;
    }

    /** This scaling with its statistics computed from {@code training}; itself if it needs none. */
    public InputScaling fittedTo(ImageSource training) {
        if (!needsStatistics()) {
            return this;
        }
        return kind == Kind.MEAN_IMAGE ? meanImageOf(training) : standardizeOf(training);
    }

    /** Reads "unit", "centered", "mean_image" or "standardize". */
    public static Kind parseKind(String text) {
        try {
            return Kind.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown input scaling '" + text
                    + "': expected unit, centered, mean_image or standardize");
        }
    }

    public Kind kind() { return kind; }

    /** The mean image in pixel units, or null unless the kind is mean_image with its statistics. */
    public float[] meanImage() { return kind == Kind.MEAN_IMAGE && mean != null ? mean.clone() : null; }

    /** The per-channel means in pixel units, or null unless the kind is standardize with its statistics. */
    public float[] channelMean() { return kind == Kind.STANDARDIZE && mean != null ? mean.clone() : null; }

    /** The per-channel standard deviations in pixel units, or null unless the kind is standardize. */
    public float[] channelStd() {
        if (kind != Kind.STANDARDIZE || inverseStd == null) {
            return null;
        }
        float[] std = new float[inverseStd.length];
        for (int c = 0; c < std.length; c++) {
            std[c] = 1f / inverseStd[c];
        }
        return std;
    }

    /**
     * Scales {@code count} images of {@code imageSize} bytes from {@code pixels} (starting at image
     * {@code first} of the array) into {@code out} starting at {@code outOffset}.
     */
    public void apply(byte[] pixels, int first, int count, int imageSize, float[] out, int outOffset) {
        requireStatisticsFor(imageSize);
        for (int i = 0; i < count; i++) {
            int src = (first + i) * imageSize;
            int dst = outOffset + i * imageSize;
            for (int p = 0; p < imageSize; p++) {
                out[dst + p] = scale(pixels[src + p] & 0xFF, p);
            }
        }
    }

    /** Scales {@code count} images of 0-255 float values in place. */
    public void applyInPlace(float[] images, int count, int imageSize) {
        requireStatisticsFor(imageSize);
        for (int i = 0; i < count; i++) {
            int o = i * imageSize;
            for (int p = 0; p < imageSize; p++) {
                images[o + p] = scale(images[o + p], p);
            }
        }
    }

    /** Scales one pixel value (0-255) at position {@code index} of an HWC image. */
    public float scale(float value, int index) {
        switch (kind) {
            case UNIT: return value * INV_255;
            case CENTERED: return value * INV_255 - 0.5f;
            case MEAN_IMAGE: return (value - mean[index]) * INV_255;
            case STANDARDIZE: {
                int c = index % mean.length;
                return (value - mean[c]) * inverseStd[c];
            }
            default: throw new AssertionError(kind);
        }
    }

    private void requireStatisticsFor(int imageSize) {
        if (needsStatistics()) {
            throw new IllegalStateException(this + " scaling has no statistics yet: fit computes them "
                    + "from the training data");
        }
        if (kind == Kind.MEAN_IMAGE && mean.length != imageSize) {
            throw new IllegalArgumentException("mean image has " + mean.length + " values, images have " + imageSize);
        }
        if (kind == Kind.STANDARDIZE && imageSize % mean.length != 0) {
            throw new IllegalArgumentException("standardize has " + mean.length + " channels, images of "
                    + imageSize + " values do not divide into them");
        }
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}

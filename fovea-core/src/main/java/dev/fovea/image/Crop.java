package dev.fovea.image;

import java.awt.Rectangle;

/** Which part of an image is resized to the requested height and width. */
public enum Crop {
    /** The whole image, stretched to the requested size: a photo of another shape is distorted. */
    NONE,
    /**
     * The largest centred region of the requested shape: the image is scaled so that its shorter
     * side (relative to the requested shape) fits, and what sticks out on the other side is cut
     * off equally at both ends. Keeps proportions; loses the edges.
     */
    CENTER;

    /** The region of a {@code width x height} image that becomes a {@code targetWidth x targetHeight} one. */
    public Rectangle region(int width, int height, int targetWidth, int targetHeight) {
        if (this == NONE) {
            return new Rectangle(0, 0, width, height);
        }
        // Compare the aspect ratios without division: width / height against targetWidth / targetHeight.
        if ((long) width * targetHeight > (long) height * targetWidth) {
            int croppedWidth = (int) Math.max(1, roundedRatio((long) height * targetWidth, targetHeight));
            return new Rectangle((width - croppedWidth) / 2, 0, croppedWidth, height);
        }
        int croppedHeight = (int) Math.max(1, roundedRatio((long) width * targetHeight, targetWidth));
        return new Rectangle(0, (height - croppedHeight) / 2, width, croppedHeight);
    }

    private static long roundedRatio(long numerator, long denominator) {
        return (2 * numerator + denominator) / (2 * denominator);
    }
}

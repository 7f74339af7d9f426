package dev.fovea.data.augment;

import java.util.SplittableRandom;

/**
 * Rotates the image about its centre by an angle drawn uniformly from [-maxDegrees, maxDegrees];
 * a positive angle turns it counter-clockwise as displayed (rows running down). Each output pixel
 * is the bilinear interpolation of the four source pixels around the point that lands on it, with
 * zeros outside the image, so the corners of a rotated image are black. Rotating by 0 changes
 * nothing, and by a multiple of 90 degrees a square image's pixels move exactly. Written
 * {@code rotate:D}.
 */
public record RandomRotation(double maxDegrees) implements Augmentation {
    public RandomRotation {
        if (!(maxDegrees >= 0 && maxDegrees <= 180)) {
            throw new IllegalArgumentException("rotation must be from 0 to 180 degrees, got " + maxDegrees);
        }
    }

    @Override
    public void apply(float[] image, int height, int width, int channels, SplittableRandom random, float[] scratch) {
        double degrees = (2 * random.nextDouble() - 1) * maxDegrees;
        rotate(image, scratch, height, width, channels, degrees);
    }

    /** Rotates by exactly {@code degrees}, counter-clockwise as displayed. */
    static void rotate(float[] image, float[] scratch, int height, int width, int channels, double degrees) {
        double radians = Math.toRadians(degrees);
        double cos = Math.cos(radians);
        double sin = Math.sin(radians);
        double cx = (width - 1) / 2.0;
        double cy = (height - 1) / 2.0;
        // Output pixel p shows the source point turned back by the angle: c + R(-angle) (p - c),
        // where (with y pointing down) R(-angle) = [[cos, -sin], [sin, cos]].
        Warp.affine(image, scratch, height, width, channels,
                cos, -sin, cx - cos * cx + sin * cy,
                sin, cos, cy - sin * cx - cos * cy);
    }

    @Override
    public String toString() {
        return "rotate:" + Numbers.format(maxDegrees);
    }
}

package dev.fovea.data.augment;

import java.util.Arrays;

/**
 * Moves the pixels of an HWC image to new places, filling with zeros where the source lies outside
 * the image: whole-pixel shifts (exact copies), and affine maps sampled bilinearly.
 *
 * <p>Coordinates are pixel centres: pixel (row y, column x) sits at (x, y), the image's centre at
 * ((width - 1) / 2, (height - 1) / 2).
 */
final class Warp {
    /**
     * Source coordinates this close to a pixel centre are taken as that centre, so that maps
     * which land on the grid (a rotation by 90 degrees, where cos 90° comes out as 6e-17 rather
     * than 0) copy pixels exactly instead of mixing in 1e-16 of a neighbour.
     */
    private static final double ON_GRID = 1e-9;

    private Warp() {}

    /** out(y, x) = in(y - dy, x - dx): the content moves down by dy rows and right by dx columns. */
    static void shift(float[] image, float[] scratch, int height, int width, int channels, int dy, int dx) {
        if (dy == 0 && dx == 0) {
            return;
        }
        int row = width * channels;
        System.arraycopy(image, 0, scratch, 0, height * row);
        // Output columns [toX, toX + n) come from input columns [toX - dx, toX - dx + n).
        int toX = Math.max(0, Math.min(width, dx));
        int n = Math.max(0, Math.min(width, width + dx) - toX);
        for (int y = 0; y < height; y++) {
            int out = y * row;
            int sy = y - dy;
            if (sy < 0 || sy >= height || n == 0) {
                Arrays.fill(image, out, out + row, 0f);
                continue;
            }
            Arrays.fill(image, out, out + toX * channels, 0f);
            System.arraycopy(scratch, (sy * width + toX - dx) * channels, image, out + toX * channels, n * channels);
            Arrays.fill(image, out + (toX + n) * channels, out + row, 0f);
        }
    }

    /**
     * out(x, y) = in(m00 x + m01 y + m02, m10 x + m11 y + m12), bilinear between the four nearest
     * source pixels, a source pixel outside the image counting as 0.
     */
    static void affine(float[] image, float[] scratch, int height, int width, int channels,
                       double m00, double m01, double m02, double m10, double m11, double m12) {
        System.arraycopy(image, 0, scratch, 0, height * width * channels);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double sx = snap(m00 * x + m01 * y + m02);
                double sy = snap(m10 * x + m11 * y + m12);
                sample(scratch, height, width, channels, sx, sy, image, (y * width + x) * channels);
            }
        }
    }

    /** Writes the bilinear sample of {@code from} at (sx, sy) into {@code to} at {@code offset}, all channels. */
    private static void sample(float[] from, int height, int width, int channels, double sx, double sy,
                               float[] to, int offset) {
        if (!(sx > -1 && sx < width && sy > -1 && sy < height)) {
            Arrays.fill(to, offset, offset + channels, 0f);
            return;
        }
        int x0 = (int) Math.floor(sx);
        int y0 = (int) Math.floor(sy);
        double ax = sx - x0;
        double ay = sy - y0;
        boolean left = x0 >= 0;
        boolean right = x0 + 1 < width && ax > 0;
        boolean top = y0 >= 0;
        boolean bottom = y0 + 1 < height && ay > 0;
        double w00 = (1 - ax) * (1 - ay);
        double w01 = ax * (1 - ay);
        double w10 = (1 - ax) * ay;
        double w11 = ax * ay;
        int p00 = (y0 * width + x0) * channels;
        int p10 = p00 + width * channels;
        for (int c = 0; c < channels; c++) {
            double v = 0;
            if (top && left) {
                v += w00 * from[p00 + c];
            }
            if (top && right) {
                v += w01 * from[p00 + channels + c];
            }
            if (bottom && left) {
                v += w10 * from[p10 + c];
            }
            if (bottom && right) {
                v += w11 * from[p10 + channels + c];
            }
            to[offset + c] = (float) v;
        }
    }

    private static double snap(double coordinate) {
        double nearest = Math.rint(coordinate);
        return Math.abs(coordinate - nearest) < ON_GRID ? nearest : coordinate;
    }
}

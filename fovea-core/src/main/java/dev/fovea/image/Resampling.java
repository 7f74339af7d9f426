package dev.fovea.image;

/**
 * Resizes images held as HWC float arrays, each axis on its own (both methods below are
 * separable, so two one-dimensional passes give the two-dimensional result):
 * <ul>
 *   <li>area averaging on an axis that shrinks: each output pixel is the mean of the source area it
 *       covers, every source pixel weighted by its overlap, so fine detail averages out instead of
 *       aliasing;</li>
 *   <li>bilinear interpolation on an axis that grows or keeps its length, with pixel centres
 *       aligned (as OpenCV and PIL do), which makes an unchanged length the identity.</li>
 * </ul>
 */
public final class Resampling {
    private Resampling() {}

    /** The source pixels along one axis that make one output pixel, and their weights (summing to 1). */
    private record Taps(int[] sources, float[] weights) {}

    public static float[] resize(float[] pixels, int height, int width, int channels, int newHeight, int newWidth) {
        Taps[] across = taps(width, newWidth);
        float[] resizedRows = new float[height * newWidth * channels];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < newWidth; x++) {
                accumulate(pixels, y * width, across[x], channels, resizedRows, (y * newWidth + x) * channels, 1);
            }
        }
        Taps[] down = taps(height, newHeight);
        float[] resized = new float[newHeight * newWidth * channels];
        for (int y = 0; y < newHeight; y++) {
            for (int x = 0; x < newWidth; x++) {
                accumulate(resizedRows, x, down[y], channels, resized, (y * newWidth + x) * channels, newWidth);
            }
        }
        return resized;
    }

    /**
     * Adds up the weighted source pixels of one output pixel: source pixel {@code s} of the taps is
     * pixel number {@code first + s * stride} of {@code from}.
     */
    private static void accumulate(float[] from, int first, Taps taps, int channels,
                                   float[] to, int toOffset, int stride) {
        for (int t = 0; t < taps.sources().length; t++) {
            int fromOffset = (first + taps.sources()[t] * stride) * channels;
            float weight = taps.weights()[t];
            for (int c = 0; c < channels; c++) {
                to[toOffset + c] += weight * from[fromOffset + c];
            }
        }
    }

    private static Taps[] taps(int from, int to) {
        Taps[] taps = new Taps[to];
        for (int i = 0; i < to; i++) {
            taps[i] = to < from ? area(from, to, i) : bilinear(from, to, i);
        }
        return taps;
    }

    /** Output pixel {@code i} covers source interval [i * scale, (i + 1) * scale). */
    private static Taps area(int from, int to, int i) {
        double scale = (double) from / to;
        double start = i * scale;
        double end = (i + 1) * scale;
        int first = (int) Math.floor(start);
        int last = Math.min(from - 1, (int) Math.ceil(end) - 1);
        int[] sources = new int[last - first + 1];
        float[] weights = new float[sources.length];
        for (int j = first; j <= last; j++) {
            sources[j - first] = j;
            weights[j - first] = (float) ((Math.min(end, j + 1) - Math.max(start, j)) / scale);
        }
        return new Taps(sources, weights);
    }

    /** Output pixel centre {@code i + 0.5} maps to source position {@code (i + 0.5) * scale - 0.5}, clamped. */
    private static Taps bilinear(int from, int to, int i) {
        double scale = (double) from / to;
        double x = Math.min(Math.max((i + 0.5) * scale - 0.5, 0), from - 1);
        int left = (int) Math.floor(x);
        int right = Math.min(left + 1, from - 1);
        float t = (float) (x - left);
        return new Taps(new int[] {left, right}, new float[] {1 - t, t});
    }
}

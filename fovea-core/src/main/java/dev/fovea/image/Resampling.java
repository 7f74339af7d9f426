package dev.fovea.image;

import java.util.Arrays;

/**
 * Resizes images held as HWC float arrays, each axis on its own (both methods below are
 * separable, so two one-dimensional passes give the two-dimensional result):
 * <ul>
 *   <li>area averaging on an axis that shrinks: each output pixel is the mean of the source area it
 *       covers, every source pixel weighted by its overlap, so fine detail averages out instead of
 *       aliasing (a large photo shrunk to a network's input is antialiased);</li>
 *   <li>bilinear interpolation on an axis that grows or keeps its length, with pixel centres
 *       aligned (as OpenCV and PIL do), which makes an unchanged length the identity.</li>
 * </ul>
 * The source is read one row at a time ({@link Rows}), and each row is added into the output rows
 * it contributes to, so a large source never needs to exist as floats.
 */
public final class Resampling {
    private Resampling() {}

    /** An image given one row at a time. */
    @FunctionalInterface
    public interface Rows {
        /** Writes row {@code y}, its width x channels values in HWC order, into {@code out} from index 0. */
        void read(int y, float[] out);
    }

    /** The source pixels along one axis that make one output pixel (increasing), and their weights (summing to 1). */
    private record Taps(int[] sources, float[] weights) {
        int first() {
            return sources[0];
        }

        int last() {
            return sources[sources.length - 1];
        }
    }

    public static float[] resize(float[] pixels, int height, int width, int channels, int newHeight, int newWidth) {
        int rowLength = width * channels;
        return resize((y, out) -> System.arraycopy(pixels, y * rowLength, out, 0, rowLength),
                height, width, channels, newHeight, newWidth);
    }

    /** Reads rows 0 .. height - 1 of {@code rows} once each, in order. */
    public static float[] resize(Rows rows, int height, int width, int channels, int newHeight, int newWidth) {
        Taps[] across = taps(width, newWidth);
        Taps[] down = taps(height, newHeight);
        float[] row = new float[width * channels];
        float[] narrowed = new float[newWidth * channels];
        float[] resized = new float[newHeight * newWidth * channels];
        int firstOutputRow = 0;
        for (int y = 0; y < height; y++) {
            rows.read(y, row);
            Arrays.fill(narrowed, 0f);
            for (int x = 0; x < newWidth; x++) {
                accumulate(row, across[x], channels, narrowed, x * channels);
            }
            // Output rows use source rows in increasing order, so the ones that use row y are consecutive.
            while (down[firstOutputRow].last() < y) {
                firstOutputRow++;
            }
            for (int j = firstOutputRow; j < newHeight && down[j].first() <= y; j++) {
                addRow(narrowed, y, down[j], resized, j * narrowed.length);
            }
        }
        return resized;
    }

    /** Adds the weighted source pixels of one output pixel of a row. */
    private static void accumulate(float[] row, Taps taps, int channels, float[] to, int toOffset) {
        for (int t = 0; t < taps.sources().length; t++) {
            int fromOffset = taps.sources()[t] * channels;
            float weight = taps.weights()[t];
            for (int c = 0; c < channels; c++) {
                to[toOffset + c] += weight * row[fromOffset + c];
            }
        }
    }

    /** Adds source row {@code y}, weighted by its taps in {@code taps}, to the output row at {@code toOffset}. */
    private static void addRow(float[] row, int y, Taps taps, float[] to, int toOffset) {
        for (int t = 0; t < taps.sources().length; t++) {
            if (taps.sources()[t] != y) {
                continue;
            }
            float weight = taps.weights()[t];
            for (int i = 0; i < row.length; i++) {
                to[toOffset + i] += weight * row[i];
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

package dev.fovea.viz.training;

/**
 * Counts of values in equal-width bins over [{@code min}, {@code max}]; bin i holds
 * min + i w &lt;= v &lt; min + (i + 1) w, the last bin also v = max. When every value is equal, all
 * are in bin 0. NaN values are left out.
 */
public record Histogram(String name, double min, double max, long[] counts) {
    public Histogram {
        counts = counts.clone();
    }

    /** The histogram of {@code values} in {@code bins} bins spanning their range. */
    public static Histogram of(String name, float[] values, int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("a histogram needs at least one bin, got " + bins);
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (float v : values) {
            if (!Float.isNaN(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        long[] counts = new long[bins];
        if (min > max) {
            return new Histogram(name, 0, 0, counts);
        }
        for (float v : values) {
            if (!Float.isNaN(v)) {
                int bin = max > min ? (int) Math.floor((v - min) / (max - min) * bins) : 0;
                counts[Math.min(bins - 1, bin)]++;
            }
        }
        return new Histogram(name, min, max, counts);
    }

    @Override
    public long[] counts() {
        return counts.clone();
    }

    /** Values counted. */
    public long total() {
        long n = 0;
        for (long c : counts) {
            n += c;
        }
        return n;
    }
}

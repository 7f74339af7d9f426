package dev.fovea.viz.tensorboard;

/**
 * The distribution of a set of values as TensorBoard's HistogramProto holds it: count, minimum,
 * maximum, sum, sum of squares, and buckets given by their right edges and counts.
 *
 * <p>Bucket {@code i} covers {@code bucketLimits[i-1] .. bucketLimits[i]}, the first starting at
 * {@code min}; the last limit is {@code max}. TensorBoard reads the buckets that way (min as the
 * first left edge, max as the last right edge) and re-bins them for display.
 *
 * @param min          the smallest value (0 when there are none)
 * @param max          the largest value (0 when there are none)
 * @param num          how many values
 * @param sum          their sum
 * @param sumSquares   the sum of their squares
 * @param bucketLimits each bucket's right edge, ascending
 * @param bucketCounts how many values each bucket holds
 */
public record Histogram(double min, double max, double num, double sum, double sumSquares,
                        double[] bucketLimits, double[] bucketCounts) {
    /** TensorBoard's own histogram summaries default to 30 buckets, and it displays 30. */
    public static final int DEFAULT_BUCKETS = 30;

    public Histogram {
        if (bucketLimits.length != bucketCounts.length) {
            throw new IllegalArgumentException(bucketLimits.length + " bucket limits for " + bucketCounts.length
                    + " bucket counts; a histogram needs one limit per bucket");
        }
        bucketLimits = bucketLimits.clone();
        bucketCounts = bucketCounts.clone();
    }

    /**
     * Counts {@code values} in {@code buckets} buckets of equal width from their minimum to their
     * maximum (one bucket when all values are equal, none when there are none). NaN and infinite
     * values are left out of every field, so one diverged weight does not hide the others.
     *
     * <p>Equal widths rather than TensorFlow's exponentially growing edges: TensorBoard re-bins any
     * histogram into equal-width bins for display, so these lose nothing and stay few.
     */
    public static Histogram of(float[] values, int buckets) {
        if (buckets < 1) {
            throw new IllegalArgumentException("a histogram needs at least one bucket, got " + buckets);
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        double sumSquares = 0;
        long count = 0;
        for (float v : values) {
            if (Float.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
                sum += v;
                sumSquares += (double) v * v;
                count++;
            }
        }
        if (count == 0) {
            return new Histogram(0, 0, 0, 0, 0, new double[0], new double[0]);
        }
        if (min == max) {
            return new Histogram(min, max, count, sum, sumSquares, new double[] {max}, new double[] {count});
        }
        double width = (max - min) / buckets;
        double[] counts = new double[buckets];
        for (float v : values) {
            if (Float.isFinite(v)) {
                counts[Math.min(buckets - 1, (int) ((v - min) / width))]++; // the maximum falls in the last bucket
            }
        }
        double[] limits = new double[buckets];
        for (int i = 0; i < buckets - 1; i++) {
            limits[i] = min + width * (i + 1);
        }
        limits[buckets - 1] = max;
        return new Histogram(min, max, count, sum, sumSquares, limits, counts);
    }

    @Override
    public double[] bucketLimits() {
        return bucketLimits.clone();
    }

    @Override
    public double[] bucketCounts() {
        return bucketCounts.clone();
    }
}

package dev.fovea.viz;

/**
 * Values to grey levels 0-255 by a linear map of a range: {@code min} becomes 0 (black) and
 * {@code max} 255 (white). Levels are rounded to the nearest integer, halves up, so the middle of
 * the range, 127.5, becomes 128. Values outside the range are clamped. A range with
 * {@code max == min} (a constant filter, a dead feature map) maps everything to 0.
 */
public final class GreyLevels {
    private GreyLevels() {}

    /** The level of {@code value} in the range [{@code min}, {@code max}]. */
    public static int level(float value, float min, float max) {
        if (!(max > min)) {
            return 0;
        }
        double t = ((double) value - min) / ((double) max - min);
        long level = Math.round(255 * t);
        return (int) Math.max(0, Math.min(255, level));
    }

    /** The levels of {@code values[from .. from + count)}, each scaled by the range of those values. */
    public static int[] ofOwnRange(float[] values, int from, int count) {
        float[] range = range(values, from, count);
        int[] levels = new int[count];
        for (int i = 0; i < count; i++) {
            levels[i] = level(values[from + i], range[0], range[1]);
        }
        return levels;
    }

    /** The smallest and largest of {@code values[from .. from + count)}, as {min, max}. */
    public static float[] range(float[] values, int from, int count) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (int i = from; i < from + count; i++) {
            min = Math.min(min, values[i]);
            max = Math.max(max, values[i]);
        }
        return new float[] {min, max};
    }
}

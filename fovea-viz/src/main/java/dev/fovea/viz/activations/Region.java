package dev.fovea.viz.activations;

/**
 * A rectangle of input pixels: rows {@code top .. top + height - 1}, columns
 * {@code left .. left + width - 1}.
 */
public record Region(int top, int left, int height, int width) {
    public Region {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("a region has at least one pixel, got " + height + "x" + width);
        }
    }

    /** One past the last row. */
    public int bottom() { return top + height; }

    /** One past the last column. */
    public int right() { return left + width; }

    public boolean contains(int y, int x) {
        return y >= top && y < bottom() && x >= left && x < right();
    }

    @Override
    public String toString() {
        return height + "x" + width + " at (" + top + ", " + left + ")";
    }
}

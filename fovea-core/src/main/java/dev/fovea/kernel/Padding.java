package dev.fovea.kernel;

/**
 * How a sliding window (convolution or pooling) treats the image border.
 *
 * <ul>
 *   <li>{@link #VALID}: no padding; output = floor((W - F) / S) + 1.</li>
 *   <li>{@link #SAME}: TensorFlow's rule: output = ceil(W / S); the padding needed for that is
 *       split evenly, the odd pixel going to the bottom/right.</li>
 *   <li>{@link #explicit}: given pixels on each side; output = floor((W - F + P1 + P2) / S) + 1,
 *       the textbook (W - F + 2P) / S + 1 when both sides are P.</li>
 * </ul>
 */
public final class Padding {
    public static final Padding VALID = new Padding("valid", 0, 0, 0, 0);
    public static final Padding SAME = new Padding("same", 0, 0, 0, 0);

    private final String mode;
    private final int top;
    private final int bottom;
    private final int left;
    private final int right;

    private Padding(String mode, int top, int bottom, int left, int right) {
        this.mode = mode;
        this.top = top;
        this.bottom = bottom;
        this.left = left;
        this.right = right;
    }

    /** The same number of pixels on all four sides. */
    public static Padding explicit(int pixels) {
        return explicit(pixels, pixels, pixels, pixels);
    }

    public static Padding explicit(int top, int bottom, int left, int right) {
        if (top < 0 || bottom < 0 || left < 0 || right < 0) {
            throw new IllegalArgumentException("padding must be >= 0, got " + top + "," + bottom + "," + left + "," + right);
        }
        return new Padding("explicit", top, bottom, left, right);
    }

    /** Parses "valid", "same", "P" or "top,bottom,left,right". */
    public static Padding parse(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.equals("valid")) {
            return VALID;
        }
        if (t.equals("same")) {
            return SAME;
        }
        try {
            String[] parts = t.split(",");
            if (parts.length == 1) {
                return explicit(Integer.parseInt(parts[0].trim()));
            }
            if (parts.length == 4) {
                return explicit(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()),
                        Integer.parseInt(parts[2].trim()), Integer.parseInt(parts[3].trim()));
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw new IllegalArgumentException("padding '" + text
                + "': expected valid, same, a pixel count or top,bottom,left,right");
    }

    public boolean isSame() { return this == SAME; }
    public boolean isExplicit() { return mode.equals("explicit"); }
    public int top() { return top; }
    public int bottom() { return bottom; }
    public int left() { return left; }
    public int right() { return right; }

    /** The text {@link #parse} reads back. */
    @Override
    public String toString() {
        return isExplicit() ? top + "," + bottom + "," + left + "," + right : mode;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Padding p && p.mode.equals(mode) && p.top == top && p.bottom == bottom
                && p.left == left && p.right == right;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(mode, top, bottom, left, right);
    }
}

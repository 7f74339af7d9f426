package dev.fovea.tensor;

/** Small helpers for shapes given as {@code int[]}. */
public final class Shapes {
    private Shapes() {}

    /** Number of elements; throws if any dimension is negative. */
    public static long size(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + toString(shape));
            }
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** Replaces a single -1 by the dimension that makes the total {@code size}. */
    public static int[] resolve(int[] shape, int size) {
        int[] out = shape.clone();
        int unknown = -1;
        long known = 1;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == -1 && unknown < 0) {
                unknown = i;
            } else {
                known *= out[i];
            }
        }
        if (unknown >= 0 && known > 0 && size % known == 0) {
            out[unknown] = (int) (size / known);
        }
        if (unknown >= 0 && out[unknown] == -1 || size(out) != size) {
            throw new IllegalArgumentException("cannot view " + size + " values as shape " + toString(shape));
        }
        return out;
    }

    /** Keras-style text: (2, 28, 28, 1). */
    public static String toString(int[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return sb.append(shape.length == 1 ? ",)" : ")").toString();
    }
}

package dev.fovea.io;

import java.util.Arrays;
import java.util.Objects;

/**
 * A named tensor's content as stored in a file: its shape and its float32 values in row-major
 * order. An empty shape is a scalar with one value; a shape with a zero dimension has no values.
 *
 * <p>The arrays are shared, not copied, so loading large weights does not double their memory.
 */
public record TensorData(int[] shape, float[] data) {
    public TensorData {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(data, "data");
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape)
                        + " has a negative dimension at index " + i);
            }
            // Stays below 2^62: once past the int range it can no longer match data.length.
            count = Math.min(count * shape[i], Integer.MAX_VALUE + 1L);
        }
        if (count != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " does not hold "
                    + "the " + data.length + " values of data");
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TensorData that
                && Arrays.equals(shape, that.shape)
                && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "TensorData[shape=" + Arrays.toString(shape) + ", " + data.length + " values]";
    }
}

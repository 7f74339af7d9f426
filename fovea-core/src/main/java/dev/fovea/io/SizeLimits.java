package dev.fovea.io;

import dev.fovea.FoveaException;
import dev.fovea.tensor.Shapes;

/**
 * The caps on what a size field of a file may make Fovea allocate, on top of the readers' checks
 * of each size field against the file's own length. A file whose header asks for more is refused
 * before anything is allocated, with an error naming the file and the field.
 *
 * <p>Each cap is a system property, read whenever a file is read, so it can be lowered for a
 * service that reads untrusted files or raised for unusual data: {@code java
 * -Dfovea.limit.imagePixels=20000000 ...}, {@code FOVEA_JAVA_OPTS} for the {@code fovea} command,
 * or {@link System#setProperty} before reading.
 * <table>
 *   <caption>The caps</caption>
 *   <tr><th>property</th><th>default</th><th>what it bounds</th></tr>
 *   <tr><td>{@value #IMAGE_PIXELS}</td><td>100,000,000</td>
 *       <td>width x height of a PNG, JPEG, GIF or BMP image (400 MB once decoded)</td></tr>
 *   <tr><td>{@value #SAFETENSORS_HEADER_BYTES}</td><td>100,000,000</td>
 *       <td>the JSON header of a model file or checkpoint (the reference implementation's cap)</td></tr>
 *   <tr><td>{@value #IDX_BYTES}</td><td>2,147,483,639</td>
 *       <td>the pixels, or labels, an IDX file's header declares (one Java array at most)</td></tr>
 *   <tr><td>{@value #LAYER_VALUES}</td><td>100,000,000</td>
 *       <td>the values one layer of a model read from a file outputs per example (400 MB; VGG16's
 *       largest layer outputs 3.2 million)</td></tr>
 * </table>
 */
public final class SizeLimits {
    /** System property of the largest image decoded, in pixels. */
    public static final String IMAGE_PIXELS = "fovea.limit.imagePixels";
    /** System property of the largest safetensors header read, in bytes. */
    public static final String SAFETENSORS_HEADER_BYTES = "fovea.limit.safetensorsHeaderBytes";
    /** System property of the largest IDX body read, in bytes. */
    public static final String IDX_BYTES = "fovea.limit.idxBytes";
    /** System property of the most values per example that one layer of a model read from a file may output. */
    public static final String LAYER_VALUES = "fovea.limit.layerValues";

    public static final long DEFAULT_IMAGE_PIXELS = 100_000_000L;
    public static final long DEFAULT_SAFETENSORS_HEADER_BYTES = 100_000_000L;
    /** The largest byte array the JVM reliably allocates. */
    public static final long DEFAULT_IDX_BYTES = Integer.MAX_VALUE - 8;
    public static final long DEFAULT_LAYER_VALUES = 100_000_000L;

    private SizeLimits() {}

    /** The largest image, in pixels, that a reader decodes. */
    public static long imagePixels() {
        return get(IMAGE_PIXELS, DEFAULT_IMAGE_PIXELS, Long.MAX_VALUE);
    }

    /** The largest safetensors JSON header, in bytes, that a reader parses. */
    public static long safeTensorsHeaderBytes() {
        return get(SAFETENSORS_HEADER_BYTES, DEFAULT_SAFETENSORS_HEADER_BYTES, Integer.MAX_VALUE - 8);
    }

    /** The largest IDX body, in bytes, that a reader allocates. */
    public static long idxBytes() {
        return get(IDX_BYTES, DEFAULT_IDX_BYTES, DEFAULT_IDX_BYTES);
    }

    /** The most values per example that one layer of a model read from a file may output. */
    public static long layerValues() {
        return get(LAYER_VALUES, DEFAULT_LAYER_VALUES, Long.MAX_VALUE);
    }

    /**
     * Refuses a layer of a model being read from a file whose output, {@code shape} per example,
     * is larger than {@link #layerValues()}: such a model would load (its weights can be small) and
     * then fail for want of memory at its first prediction.
     *
     * @throws IllegalArgumentException naming the layer, its output and the property; the reader
     *     adds the file
     */
    public static void requireLayerOutput(String layer, int[] shape) {
        long cap = layerValues();
        long values;
        try {
            values = Shapes.size(shape);
        } catch (ArithmeticException overflow) {
            values = Long.MAX_VALUE;
        }
        if (values > cap) {
            throw new IllegalArgumentException("layer " + layer + " outputs " + Shapes.toString(shape) + " = "
                    + (values == Long.MAX_VALUE ? "too many" : Long.toString(values)) + " values per example, more"
                    + " than the limit of " + cap + " (system property " + LAYER_VALUES + ")");
        }
    }

    /**
     * The property's value, or {@code defaultValue} when it is not set.
     *
     * @throws FoveaException naming the property when it is not a whole number from 1 to {@code max}
     */
    private static long get(String property, long defaultValue, long max) {
        String text = System.getProperty(property);
        if (text == null) {
            return defaultValue;
        }
        try {
            long value = Long.parseLong(text.strip());
            if (value >= 1 && value <= max) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // Reported below, with what was expected.
        }
        throw new FoveaException("system property " + property + " is \"" + text
                + "\"; expected a whole number from 1 to " + max);
    }
}

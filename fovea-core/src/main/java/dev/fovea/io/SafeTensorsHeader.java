package dev.fovea.io;

import dev.fovea.FoveaException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The JSON header of a safetensors file: validated completely when parsed, so that no size field
 * is trusted before it has been checked against the real data section, and written canonically.
 *
 * @param metadata the "__metadata__" strings, empty when absent
 * @param entries the tensors in the order of their data
 */
record SafeTensorsHeader(Map<String, String> metadata, List<SafeTensorsHeader.Entry> entries) {
    static final String METADATA_KEY = "__metadata__";
    static final String DTYPE_F32 = "F32";
    /** Writers keep to the reference implementation's cap, so every reader takes the file. */
    static final long MAX_HEADER_BYTES = SizeLimits.DEFAULT_SAFETENSORS_HEADER_BYTES;
    /** Writers pad the header so the data section starts at a multiple of this. */
    static final int ALIGNMENT = 8;
    /** Java arrays stop a few elements short of Integer.MAX_VALUE. */
    private static final long MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

    /** One tensor's header entry; offsets are relative to the data section, end exclusive. */
    record Entry(String name, int[] shape, long begin, long end) {
        int elementCount() {
            return (int) ((end - begin) / Float.BYTES);
        }
    }

    /**
     * Parses and validates a header against a data section of {@code dataBytes} bytes.
     *
     * @throws FoveaException naming {@code file}, the field, what was found and what was expected
     */
    static SafeTensorsHeader parse(String json, long dataBytes, Path file) {
        Map<String, Object> root;
        try {
            root = Json.parseObject(json);
        } catch (JsonException e) {
            throw fail(file, "header is not a valid JSON object: " + e.getMessage(), e);
        }
        Map<String, String> metadata = Map.of();
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, Object> field : root.entrySet()) {
            if (field.getKey().equals(METADATA_KEY)) {
                metadata = parseMetadata(field.getValue(), file);
            } else {
                entries.add(parseEntry(field.getKey(), field.getValue(), dataBytes, file));
            }
        }
        entries.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        checkContiguous(entries, dataBytes, file);
        return new SafeTensorsHeader(metadata, Collections.unmodifiableList(entries));
    }

    /** Encodes a header for tensors laid out back to back in the map's order, padded with spaces. */
    static byte[] encode(Map<String, String> metadata, SortedMap<String, TensorData> tensors) {
        Map<String, Object> root = new LinkedHashMap<>();
        if (!metadata.isEmpty()) {
            metadata.forEach((key, value) -> {
                if (key == null || value == null) {
                    throw new NullPointerException("metadata keys and values must not be null");
                }
            });
            root.put(METADATA_KEY, new TreeMap<>(metadata));
        }
        long offset = 0;
        for (Map.Entry<String, TensorData> tensor : tensors.entrySet()) {
            if (tensor.getKey().equals(METADATA_KEY)) {
                throw new IllegalArgumentException(METADATA_KEY + " is reserved, not a tensor name");
            }
            long end = offset + (long) Float.BYTES * tensor.getValue().data().length;
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("dtype", DTYPE_F32);
            info.put("shape", Arrays.stream(tensor.getValue().shape()).boxed().toList());
            info.put("data_offsets", List.of(offset, end));
            root.put(tensor.getKey(), info);
            offset = end;
        }
        byte[] json = Json.write(root).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
        if (padded > MAX_HEADER_BYTES) {
            throw new IllegalArgumentException("safetensors header of " + padded
                    + " bytes exceeds the limit of " + MAX_HEADER_BYTES);
        }
        byte[] header = Arrays.copyOf(json, padded);
        Arrays.fill(header, json.length, padded, (byte) ' ');
        return header;
    }

    private static Map<String, String> parseMetadata(Object value, Path file) {
        if (!(value instanceof Map<?, ?> map)) {
            throw fail(file, "field \"" + METADATA_KEY + "\" is " + describe(value)
                    + "; expected an object of strings");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getValue() instanceof String text)) {
                throw fail(file, "metadata key " + quote((String) entry.getKey()) + " has "
                        + describe(entry.getValue()) + "; expected a string");
            }
            metadata.put((String) entry.getKey(), text);
        }
        return Collections.unmodifiableMap(metadata);
    }

    private static Entry parseEntry(String name, Object value, long dataBytes, Path file) {
        String tensor = "tensor " + quote(name);
        if (!(value instanceof Map<?, ?> info)) {
            throw fail(file, tensor + " is " + describe(value)
                    + "; expected an object with dtype, shape and data_offsets");
        }
        Object dtype = required(info, "dtype", tensor, file);
        Object shapeValue = required(info, "shape", tensor, file);
        Object offsetsValue = required(info, "data_offsets", tensor, file);
        if (!(dtype instanceof String)) {
            throw fail(file, tensor + " field \"dtype\" is " + describe(dtype)
                    + "; expected a string such as \"F32\"");
        }
        if (!dtype.equals(DTYPE_F32)) {
            throw fail(file, tensor + " has dtype " + dtype + "; only F32 is supported");
        }
        int[] shape = parseShape(shapeValue, tensor, file);
        long[] offsets = parseOffsets(offsetsValue, tensor, file);
        long begin = offsets[0];
        long end = offsets[1];
        if (end > dataBytes) {
            throw fail(file, tensor + " field \"data_offsets\" is [" + begin + ", " + end
                    + "]; expected it within the data section of " + dataBytes + " bytes");
        }
        long count = 1;
        try {
            for (int dim : shape) {
                count = Math.multiplyExact(count, dim);
            }
            long bytes = Math.multiplyExact(count, Float.BYTES);
            if (bytes != end - begin) {
                throw fail(file, tensor + " field \"shape\" " + Arrays.toString(shape) + " of F32 needs "
                        + bytes + " bytes but data_offsets [" + begin + ", " + end + "] span "
                        + (end - begin));
            }
        } catch (ArithmeticException overflow) {
            throw fail(file, tensor + " field \"shape\" " + Arrays.toString(shape)
                    + " has more values than fit in 64 bits; expected it to match data_offsets ["
                    + begin + ", " + end + "]", overflow);
        }
        if (count > MAX_ARRAY_LENGTH) {
            throw fail(file, tensor + " has " + count + " values; at most " + MAX_ARRAY_LENGTH
                    + " fit in a Java array");
        }
        return new Entry(name, shape, begin, end);
    }

    private static Object required(Map<?, ?> info, String field, String tensor, Path file) {
        Object value = info.get(field);
        if (value == null) {
            throw fail(file, tensor + (info.containsKey(field) ? " field \"" + field + "\" is null"
                    : " has no field \"" + field + "\"") + "; expected dtype, shape and data_offsets");
        }
        return value;
    }

    private static int[] parseShape(Object value, String tensor, Path file) {
        if (!(value instanceof List<?> dims)) {
            throw fail(file, tensor + " field \"shape\" is " + describe(value)
                    + "; expected an array of non-negative integers");
        }
        int[] shape = new int[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            Object dim = dims.get(i);
            if (!(dim instanceof Long n) || n < 0 || n > Integer.MAX_VALUE) {
                throw fail(file, tensor + " field \"shape\" has " + describe(dim) + " at index " + i
                        + "; expected an integer from 0 to " + Integer.MAX_VALUE);
            }
            shape[i] = (int) (long) n;
        }
        return shape;
    }

    private static long[] parseOffsets(Object value, String tensor, Path file) {
        String expected = "; expected [begin, end] with 0 <= begin <= end";
        if (!(value instanceof List<?> list) || list.size() != 2
                || !(list.get(0) instanceof Long begin) || !(list.get(1) instanceof Long end)) {
            throw fail(file, tensor + " field \"data_offsets\" is " + describe(value) + expected);
        }
        if (begin < 0 || begin > end) {
            throw fail(file, tensor + " field \"data_offsets\" is " + describe(value) + expected);
        }
        return new long[] {begin, end};
    }

    /** Sorted entries must tile the data section exactly: no overlap, no gap, nothing left over. */
    private static void checkContiguous(List<Entry> entries, long dataBytes, Path file) {
        long covered = 0;
        Entry previous = null;
        for (Entry entry : entries) {
            if (entry.begin() < covered) {
                throw fail(file, "tensor " + quote(entry.name()) + " data_offsets " + span(entry)
                        + " overlap tensor " + quote(previous.name()) + " data_offsets "
                        + span(previous) + "; expected tensors not to share bytes");
            }
            if (entry.begin() > covered) {
                throw fail(file, "data section bytes [" + covered + ", " + entry.begin()
                        + ") belong to no tensor; expected tensor " + quote(entry.name())
                        + " (data_offsets " + span(entry) + ") to begin at " + covered);
            }
            covered = entry.end();
            previous = entry;
        }
        if (covered != dataBytes) {
            throw fail(file, "data section has " + dataBytes + " bytes but the tensors cover only "
                    + covered + "; expected the data_offsets to cover it completely");
        }
    }

    private static String span(Entry entry) {
        return "[" + entry.begin() + ", " + entry.end() + "]";
    }

    /** A short description of a parsed JSON value, for messages about what was found. */
    private static String describe(Object value) {
        if (value instanceof Map<?, ?>) {
            return "an object";
        }
        if (value instanceof List<?> list) {
            boolean small = list.size() <= 8 && list.stream().allMatch(v -> v instanceof Number);
            return small ? Json.write(list) : "an array of " + list.size() + " values";
        }
        if (value instanceof String text) {
            return text.length() <= 40 ? quote(text) : "a string of " + text.length() + " characters";
        }
        return String.valueOf(value);
    }

    private static String quote(String text) {
        return Json.write(text);
    }

    private static FoveaException fail(Path file, String message) {
        return new FoveaException(file + ": " + message);
    }

    private static FoveaException fail(Path file, String message, Throwable cause) {
        return new FoveaException(file + ": " + message, cause);
    }
}

package dev.fovea.io;

import java.util.Map;

/**
 * A small, strict JSON (RFC 8259) parser and writer working on plain Java values.
 *
 * <p>Parsed values are {@code Map<String, Object>} (a {@link java.util.LinkedHashMap} in document
 * order), {@code List<Object>}, {@code String}, {@code Long} for integers that fit in a long,
 * {@code Double} for all other numbers, {@code Boolean} and {@code null}. The writer accepts the
 * same kinds of values, plus the other boxed integer types, {@code Float}, {@code BigInteger} and
 * {@code BigDecimal}.
 *
 * <p>Strict means: no comments, no trailing commas, no leading zeros, no NaN or Infinity, no
 * duplicate keys, no unpaired surrogates, and nesting at most {@link #MAX_DEPTH} deep, so hostile
 * input cannot overflow the stack.
 */
public final class Json {
    /** The deepest nesting of arrays and objects that is parsed or written. */
    public static final int MAX_DEPTH = 64;

    private Json() {}

    /** Parses a complete JSON text; throws {@link JsonException} if it is not valid JSON. */
    public static Object parse(String text) {
        return new JsonParser(text, MAX_DEPTH).parseDocument();
    }

    /** Parses a complete JSON text whose top-level value must be an object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(String text) {
        JsonParser parser = new JsonParser(text, MAX_DEPTH);
        parser.requireObjectStart();
        return (Map<String, Object>) parser.parseDocument();
    }

    /**
     * Writes a value as compact JSON.
     *
     * @throws IllegalArgumentException if the value holds something JSON cannot represent: an
     *     unsupported type, a non-string map key, a NaN or infinite number, an unpaired surrogate,
     *     or nesting deeper than {@link #MAX_DEPTH}
     */
    public static String write(Object value) {
        return new JsonWriter(null, MAX_DEPTH).write(value);
    }

    /** Writes a value as JSON indented by two spaces per level; see {@link #write(Object)}. */
    public static String writePretty(Object value) {
        return new JsonWriter("  ", MAX_DEPTH).write(value);
    }
}

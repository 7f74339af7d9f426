package dev.fovea.io;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Serializer behind {@link Json#write} and {@link Json#writePretty}; one instance per call. */
final class JsonWriter {
    private final String indentUnit; // null for compact output
    private final int maxDepth;
    private final StringBuilder out = new StringBuilder();

    JsonWriter(String indentUnit, int maxDepth) {
        this.indentUnit = indentUnit;
        this.maxDepth = maxDepth;
    }

    String write(Object value) {
        writeValue(value, 0);
        return out.toString();
    }

    private void writeValue(Object value, int depth) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            writeString(s);
        } else if (value instanceof Boolean b) {
            out.append(b.booleanValue());
        } else if (value instanceof Number n) {
            writeNumber(n);
        } else if (value instanceof Map<?, ?> map) {
            writeObject(map, depth + 1);
        } else if (value instanceof List<?> list) {
            writeArray(list, depth + 1);
        } else {
            throw new IllegalArgumentException(
                    "cannot write a " + value.getClass().getName() + " as JSON");
        }
    }

    private void writeObject(Map<?, ?> map, int depth) {
        checkDepth(depth);
        out.append('{');
        Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<?, ?> entry = entries.next();
            if (!(entry.getKey() instanceof String key)) {
                throw new IllegalArgumentException("JSON object keys must be strings, found "
                        + (entry.getKey() == null ? "null" : entry.getKey().getClass().getName()));
            }
            newline(depth);
            writeString(key);
            out.append(indentUnit == null ? ":" : ": ");
            writeValue(entry.getValue(), depth);
            if (entries.hasNext()) {
                out.append(',');
            }
        }
        if (!map.isEmpty()) {
            newline(depth - 1);
        }
        out.append('}');
    }

    private void writeArray(List<?> list, int depth) {
        checkDepth(depth);
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
            newline(depth);
            writeValue(list.get(i), depth);
            if (i + 1 < list.size()) {
                out.append(',');
            }
        }
        if (!list.isEmpty()) {
            newline(depth - 1);
        }
        out.append(']');
    }

    /** Also stops self-containing collections before they overflow the stack. */
    private void checkDepth(int depth) {
        if (depth > maxDepth) {
            throw new IllegalArgumentException(
                    "JSON value nested deeper than " + maxDepth + " arrays and objects");
        }
    }

    private void newline(int depth) {
        if (indentUnit != null) {
            out.append('\n').append(indentUnit.repeat(depth));
        }
    }

    private void writeNumber(Number n) {
        if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte
                || n instanceof BigInteger || n instanceof BigDecimal) {
            out.append(n);
        } else if (n instanceof Double || n instanceof Float) {
            if (Double.isNaN(n.doubleValue()) || Double.isInfinite(n.doubleValue())) {
                throw new IllegalArgumentException("JSON has no representation for " + n);
            }
            // Java's shortest round-trip form ("1.0", "1.0E-5") is valid JSON and parses back as Double.
            out.append(n);
        } else {
            throw new IllegalArgumentException(
                    "cannot write a " + n.getClass().getName() + " as a JSON number");
        }
    }

    private void writeString(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        // Would turn into '?' when encoded as UTF-8, silently changing the text.
                        throw new IllegalArgumentException(String.format(
                                "string has an unpaired surrogate U+%04X at index %d", (int) c, i));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}

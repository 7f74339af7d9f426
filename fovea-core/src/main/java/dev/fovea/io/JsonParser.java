package dev.fovea.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Recursive-descent parser behind {@link Json#parse}; one instance parses one text. */
final class JsonParser {
    private final String text;
    private final int maxDepth;
    private int pos;
    private int depth;

    JsonParser(String text, int maxDepth) {
        this.text = text;
        this.maxDepth = maxDepth;
    }

    /** Fails unless the first non-whitespace character opens an object. */
    void requireObjectStart() {
        skipWhitespace();
        if (!at('{')) {
            throw error("'{' (a JSON object)");
        }
    }

    Object parseDocument() {
        skipWhitespace();
        Object value = parseValue();
        skipWhitespace();
        if (pos < text.length()) {
            throw error("end of input");
        }
        return value;
    }

    private Object parseValue() {
        if (pos >= text.length()) {
            throw error("a value");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return parseObject();
            case '[':
                return parseArray();
            case '"':
                return parseString();
            case 't':
                return parseLiteral("true", Boolean.TRUE);
            case 'f':
                return parseLiteral("false", Boolean.FALSE);
            case 'n':
                return parseLiteral("null", null);
            default:
                if (c == '-' || isDigit(c)) {
                    return parseNumber();
                }
                throw error("a value");
        }
    }

    private Map<String, Object> parseObject() {
        enterContainer();
        Map<String, Object> object = new LinkedHashMap<>();
        skipWhitespace();
        if (at('}')) {
            pos++;
            depth--;
            return object;
        }
        while (true) {
            skipWhitespace();
            if (!at('"')) {
                throw error("'\"' starting a key");
            }
            int keyOffset = pos;
            String key = parseString();
            if (object.containsKey(key)) {
                // RFC 8259 leaves duplicates undefined; rejecting them avoids silently picking one.
                throw new JsonException("a key not used before in this object", keyOffset,
                        "duplicate key " + quote(key));
            }
            skipWhitespace();
            expect(':');
            skipWhitespace();
            object.put(key, parseValue());
            skipWhitespace();
            if (at(',')) {
                pos++;
            } else if (at('}')) {
                pos++;
                depth--;
                return object;
            } else {
                throw error("',' or '}'");
            }
        }
    }

    private List<Object> parseArray() {
        enterContainer();
        List<Object> array = new ArrayList<>();
        skipWhitespace();
        if (at(']')) {
            pos++;
            depth--;
            return array;
        }
        while (true) {
            skipWhitespace();
            array.add(parseValue());
            skipWhitespace();
            if (at(',')) {
                pos++;
            } else if (at(']')) {
                pos++;
                depth--;
                return array;
            } else {
                throw error("',' or ']'");
            }
        }
    }

    /** Consumes the opening bracket, counting depth so hostile nesting cannot overflow the stack. */
    private void enterContainer() {
        if (depth == maxDepth) {
            throw error("at most " + maxDepth + " levels of nested arrays and objects");
        }
        depth++;
        pos++;
    }

    private String parseString() {
        pos++; // the opening quote
        StringBuilder out = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                return out.toString();
            } else if (c == '\\') {
                parseEscape(out);
            } else if (c < 0x20) {
                throw error("a control character to be escaped in a string");
            } else if (Character.isSurrogate(c)) {
                appendRawSurrogatePair(out);
            } else {
                out.append(c);
                pos++;
            }
        }
        throw error("'\"' closing the string");
    }

    private void parseEscape(StringBuilder out) {
        pos++; // the backslash
        if (pos >= text.length()) {
            throw error("an escape character");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '"', '\\', '/' -> out.append(c);
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            case 'u' -> {
                appendUnicodeEscape(out);
                return;
            }
            default -> throw error("one of \" \\ / b f n r t u after '\\'");
        }
        pos++;
    }

    /** Parses {@code uXXXX} (pos on the 'u'), joining a high and low surrogate into one code point. */
    private void appendUnicodeEscape(StringBuilder out) {
        int escapeStart = pos - 1;
        char unit = parseHex4();
        if (Character.isLowSurrogate(unit)) {
            throw new JsonException("a high surrogate escape before a low surrogate", escapeStart,
                    "an unpaired low surrogate \\u" + hex(unit));
        }
        if (Character.isHighSurrogate(unit)) {
            if (!text.startsWith("\\u", pos)) {
                throw error("a \\uDC00-\\uDFFF escape completing the surrogate pair");
            }
            pos++;
            int lowStart = pos - 1;
            char low = parseHex4();
            if (!Character.isLowSurrogate(low)) {
                throw new JsonException("a \\uDC00-\\uDFFF escape completing the surrogate pair",
                        lowStart, "\\u" + hex(low));
            }
            out.append(unit).append(low);
            return;
        }
        out.append(unit);
    }

    /** Reads four hex digits after the 'u' at pos, leaving pos after them. */
    private char parseHex4() {
        pos++;
        int value = 0;
        for (int i = 0; i < 4; i++) {
            char c = pos < text.length() ? text.charAt(pos) : ' ';
            // Only ASCII hex digits: Character.digit would also take fullwidth and other scripts' digits.
            int digit = c < 128 ? Character.digit(c, 16) : -1;
            if (digit < 0) {
                throw error("a hexadecimal digit in a \\u escape");
            }
            value = value * 16 + digit;
            pos++;
        }
        return (char) value;
    }

    /** Unescaped surrogates must come as a proper pair: a lone one is not Unicode text. */
    private void appendRawSurrogatePair(StringBuilder out) {
        char high = text.charAt(pos);
        char low = pos + 1 < text.length() ? text.charAt(pos + 1) : 0;
        if (!Character.isHighSurrogate(high) || !Character.isLowSurrogate(low)) {
            throw error("a complete surrogate pair");
        }
        out.append(high).append(low);
        pos += 2;
    }

    private Object parseNumber() {
        int start = pos;
        if (at('-')) {
            pos++;
        }
        if (at('0')) {
            pos++;
        } else if (pos < text.length() && isDigit(text.charAt(pos))) {
            skipDigits();
        } else {
            throw error("a digit");
        }
        boolean integral = true;
        if (at('.')) {
            integral = false;
            pos++;
            requireDigits("a digit after '.'");
        }
        if (at('e') || at('E')) {
            integral = false;
            pos++;
            if (at('+') || at('-')) {
                pos++;
            }
            requireDigits("a digit in the exponent");
        }
        String literal = text.substring(start, pos);
        if (integral) {
            try {
                return Long.parseLong(literal);
            } catch (NumberFormatException tooLarge) {
                // falls through: integers beyond the long range become doubles
            }
        }
        double value = Double.parseDouble(literal);
        if (Double.isInfinite(value)) {
            throw new JsonException("a number within the range of a double", start, literal);
        }
        return value;
    }

    private void requireDigits(String expected) {
        if (pos >= text.length() || !isDigit(text.charAt(pos))) {
            throw error(expected);
        }
        skipDigits();
    }

    private void skipDigits() {
        while (pos < text.length() && isDigit(text.charAt(pos))) {
            pos++;
        }
    }

    private Object parseLiteral(String word, Object value) {
        if (!text.startsWith(word, pos)) {
            throw error("'" + word + "'");
        }
        pos += word.length();
        return value;
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private void expect(char c) {
        if (!at(c)) {
            throw error("'" + c + "'");
        }
        pos++;
    }

    private boolean at(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private JsonException error(String expected) {
        return new JsonException(expected, pos, describeFound());
    }

    private String describeFound() {
        if (pos >= text.length()) {
            return "end of input";
        }
        char c = text.charAt(pos);
        if (c < 0x20 || c == 0x7f || Character.isSurrogate(c)) {
            return "U+" + hex(c);
        }
        return "'" + c + "'";
    }

    private static String hex(char c) {
        return String.format("%04X", (int) c);
    }

    private static String quote(String s) {
        return Json.write(s);
    }
}

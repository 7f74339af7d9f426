package dev.fovea.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.FoveaException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonParseTest {

    @Test
    void parsesLiteralsAndWhitespace() {
        assertEquals(Boolean.TRUE, Json.parse(" \t\r\ntrue\n"));
        assertEquals(Boolean.FALSE, Json.parse("false"));
        assertNull(Json.parse("null"));
        assertEquals("", Json.parse("\"\""));
    }

    @Test
    void integersThatFitAreLongsEverythingElseIsDouble() {
        assertEquals(0L, Json.parse("0"));
        assertEquals(-42L, Json.parse("-42"));
        assertEquals(Long.MAX_VALUE, Json.parse("9223372036854775807"));
        assertEquals(Long.MIN_VALUE, Json.parse("-9223372036854775808"));
        assertEquals(9.223372036854775808E18, Json.parse("9223372036854775808"));
        assertEquals(1.0, Json.parse("1.0"));
        assertEquals(-0.5, Json.parse("-0.5"));
        assertEquals(1e10, Json.parse("1e10"));
        assertEquals(2.5e-3, Json.parse("2.5E-3"));
        assertEquals(100.0, Json.parse("1E+2"));
        assertInstanceOf(Double.class, Json.parse("1e2"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"01", "-", "1.", ".5", "1e", "1e+", "+1", "0x10", "NaN", "Infinity",
            "-Infinity", "1.5.2", "--1"})
    void rejectsMalformedNumbers(String text) {
        assertThrows(JsonException.class, () -> Json.parse(text));
    }

    @Test
    void rejectsNumbersBeyondDoubleRange() {
        JsonException e = assertThrows(JsonException.class, () -> Json.parse("[1e400]"));
        assertEquals(1, e.offset());
        assertTrue(e.getMessage().contains("1e400"), e.getMessage());
    }

    @Test
    void decodesAllEscapes() {
        assertEquals("\" \\ / \b \f \n \r \t", Json.parse("\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t\""));
        assertEquals("é\u0000\u001f", Json.parse("\"\\u00e9\\u0000\\u001F\""));
    }

    @Test
    void joinsSurrogatePairEscapes() {
        String grinning = new String(Character.toChars(0x1F600));
        assertEquals(grinning, Json.parse("\"\\ud83d\\ude00\""));
        assertEquals("a" + grinning + "b", Json.parse("\"a" + grinning + "b\""));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"\\ud83d\"             | 7",
        "\"\\ud83dx\"            | 7",
        "\"\\ud83d\\u0041\"      | 7",
        "\"\\ude00\"             | 1",
        "\"\\u12g4\"             | 5",
        "\"\\x\"                 | 2",
        "\"abc                   | 4",
    })
    void rejectsBadEscapesWithOffset(String text, int offset) {
        JsonException e = assertThrows(JsonException.class, () -> Json.parse(text.strip()));
        assertEquals(offset, e.offset(), e.getMessage());
    }

    @Test
    void rejectsRawControlCharactersAndLoneSurrogatesInStrings() {
        JsonException control = assertThrows(JsonException.class, () -> Json.parse("\"a\nb\""));
        assertEquals(2, control.offset());
        assertTrue(control.getMessage().contains("U+000A"), control.getMessage());
        assertThrows(JsonException.class, () -> Json.parse("\"\ud83d\""));
        assertThrows(JsonException.class, () -> Json.parse("\"\ude00x\""));
    }

    @Test
    void objectsKeepInsertionOrder() {
        Map<String, Object> object = Json.parseObject("{\"z\": 1, \"a\": [true, null], \"m\": {}}");
        assertEquals(List.of("z", "a", "m"), new ArrayList<>(object.keySet()));
        assertEquals(1L, object.get("z"));
        assertEquals(java.util.Arrays.asList(true, null), object.get("a"));
        assertEquals(Map.of(), object.get("m"));
        assertEquals(List.of(), Json.parse("[ ]"));
    }

    @Test
    void rejectsDuplicateKeys() {
        JsonException e = assertThrows(JsonException.class, () -> Json.parse("{\"a\":1,\"a\":2}"));
        assertEquals(7, e.offset());
        assertTrue(e.getMessage().contains("duplicate key \"a\""), e.getMessage());
    }

    static Stream<Arguments> syntaxErrors() {
        return Stream.of(
                Arguments.of("", 0, "a value"),
                Arguments.of("[1,]", 3, "a value"),
                Arguments.of("[1 2]", 3, "',' or ']'"),
                Arguments.of("{\"a\":1,}", 7, "'\"' starting a key"),
                Arguments.of("{\"a\" 1}", 5, "':'"),
                Arguments.of("{a:1}", 1, "'\"' starting a key"),
                Arguments.of("{\"a\":1", 6, "',' or '}'"),
                Arguments.of("[1] x", 4, "end of input"),
                Arguments.of("tru", 0, "'true'"),
                Arguments.of("// comment", 0, "a value"),
                Arguments.of("[1,2", 4, "',' or ']'"));
    }

    @ParameterizedTest
    @MethodSource("syntaxErrors")
    void reportsOffsetAndExpectation(String text, int offset, String expected) {
        JsonException e = assertThrows(JsonException.class, () -> Json.parse(text));
        assertEquals(offset, e.offset(), e.getMessage());
        assertEquals(expected, e.expected());
        assertTrue(e.getMessage().startsWith("JSON error at character offset " + offset + ": expected "
                + expected + " but found "), e.getMessage());
        assertInstanceOf(FoveaException.class, e);
    }

    @Test
    void acceptsNestingUpToTheLimit() {
        String deepest = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
        Object value = Json.parse(deepest);
        for (int i = 1; i < Json.MAX_DEPTH; i++) {
            value = ((List<?>) value).get(0);
        }
        assertEquals(List.of(), value);
    }

    @Test
    void rejectsNestingBeyondTheLimit() {
        String tooDeep = "[".repeat(Json.MAX_DEPTH + 1) + "]".repeat(Json.MAX_DEPTH + 1);
        JsonException e = assertThrows(JsonException.class, () -> Json.parse(tooDeep));
        assertEquals(Json.MAX_DEPTH, e.offset());
        String objects = "{\"a\":".repeat(Json.MAX_DEPTH + 1) + "1" + "}".repeat(Json.MAX_DEPTH + 1);
        assertThrows(JsonException.class, () -> Json.parse(objects));
    }

    @Test
    void hostileNestingFailsCleanlyWithoutStackOverflow() {
        assertThrows(JsonException.class, () -> Json.parse("[".repeat(1_000_000)));
    }

    @Test
    void parseObjectRejectsOtherTopLevelValues() {
        JsonException e = assertThrows(JsonException.class, () -> Json.parseObject("  [1]"));
        assertEquals(2, e.offset());
        assertEquals("'{' (a JSON object)", e.expected());
    }
}

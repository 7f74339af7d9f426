package dev.fovea.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonWriteTest {

    private static Map<String, Object> sample() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("k", null);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("name", "conv");
        root.put("sizes", List.of(3L, 3L));
        root.put("rate", 0.5);
        root.put("on", true);
        root.put("inner", inner);
        root.put("empty", List.of());
        return root;
    }

    @Test
    void writesCompactJsonInInsertionOrder() {
        assertEquals("{\"name\":\"conv\",\"sizes\":[3,3],\"rate\":0.5,\"on\":true,"
                + "\"inner\":{\"k\":null},\"empty\":[]}", Json.write(sample()));
    }

    @Test
    void writesPrettyJson() {
        String expected = String.join("\n",
                "{",
                "  \"name\": \"conv\",",
                "  \"sizes\": [",
                "    3,",
                "    3",
                "  ],",
                "  \"rate\": 0.5,",
                "  \"on\": true,",
                "  \"inner\": {",
                "    \"k\": null",
                "  },",
                "  \"empty\": []",
                "}");
        assertEquals(expected, Json.writePretty(sample()));
    }

    @Test
    void compactAndPrettyOutputParseBackToTheSameValue() {
        assertEquals(sample(), Json.parse(Json.write(sample())));
        assertEquals(sample(), Json.parse(Json.writePretty(sample())));
    }

    @Test
    void escapesStrings() {
        String grinning = new String(Character.toChars(0x1F600));
        String text = "q\" b\\ / \b\f\n\r\t \u0001 é " + grinning;
        String json = Json.write(text);
        assertEquals("\"q\\\" b\\\\ / \\b\\f\\n\\r\\t \\u0001 é " + grinning + "\"", json);
        assertEquals(text, Json.parse(json));
    }

    @Test
    void writesNumbersSoTheyParseBackWithTheirKind() {
        assertEquals("[1,2,3,4,5,1.0,0.1,-0.0,1.0E-5,1E+3]", Json.write(List.of(1L, 2, (short) 3,
                (byte) 4, BigInteger.valueOf(5), 1.0, 0.1f, -0.0, 1e-5, new BigDecimal("1E+3"))));
        assertEquals(List.of(1.0, 1.0E-5), Json.parse(Json.write(List.of(1.0, 1e-5))));
    }

    @Test
    void rejectsValuesJsonCannotHold() {
        assertThrows(IllegalArgumentException.class, () -> Json.write(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Json.write(Float.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> Json.write(new Object()));
        assertThrows(IllegalArgumentException.class, () -> Json.write(Map.of(1, "x")));
        assertThrows(IllegalArgumentException.class, () -> Json.write("lone \ud83d here"));
        assertThrows(IllegalArgumentException.class, () -> Json.write(new int[] {1}));
    }

    @Test
    void writesNestingUpToTheLimitAndRejectsDeeper() {
        String deepest = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
        assertEquals(deepest, Json.write(nested(Json.MAX_DEPTH)));
        assertThrows(IllegalArgumentException.class, () -> Json.write(nested(Json.MAX_DEPTH + 1)));
    }

    @Test
    void rejectsSelfContainingCollections() {
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);
        assertThrows(IllegalArgumentException.class, () -> Json.write(cycle));
    }

    /** An empty list wrapped so that it sits {@code levels} arrays deep. */
    private static List<Object> nested(int levels) {
        List<Object> list = new ArrayList<>();
        for (int i = 1; i < levels; i++) {
            List<Object> outer = new ArrayList<>();
            outer.add(list);
            list = outer;
        }
        return list;
    }
}

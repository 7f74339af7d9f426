package dev.fovea.io.fuzz;

import static dev.fovea.testing.HostileInput.readsOrFails;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.fovea.io.Json;
import dev.fovea.io.JsonException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * Fuzzes the JSON parser with the input as UTF-8 text. What parses must also write back and parse
 * again to an equal value, since model files and checkpoints round-trip their metadata this way.
 */
class JsonFuzzTest {
    @FuzzTest
    void parse(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        readsOrFails(() -> {
            Object value = Json.parse(text);
            Object again = Json.parse(Json.write(value));
            if (!Objects.equals(value, again)) {
                throw new AssertionError("writing and parsing again changed " + value + " into " + again);
            }
        }, List.of(), JsonException.class);
        readsOrFails(() -> Json.parseObject(text), List.of(), JsonException.class);
    }
}

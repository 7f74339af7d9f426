package dev.fovea.model.fuzz;

import static dev.fovea.testing.HostileInput.readsOrFails;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.fovea.FoveaException;
import dev.fovea.io.SafeTensors;
import dev.fovea.model.Model;
import dev.fovea.testing.HostileInput;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Fuzzes model files (safetensors with the architecture, class names and input scaling in its
 * metadata); a model that loads must also print its summary. {@link #load} takes the input as the
 * whole file; {@link #architecture} as the "architecture" metadata of an otherwise valid file
 * without tensors, which a byte-level mutation of a whole file rarely reaches intact.
 */
class ModelFileFuzzTest {
    @FuzzTest
    void load(byte[] input) {
        Path file = HostileInput.asFile("model.safetensors", input);
        readsOrFails(() -> Model.load(file).summary(), file, FoveaException.class);
    }

    @FuzzTest
    void architecture(byte[] input) {
        Path file = HostileInput.asFile("model.safetensors", new byte[0]);
        SafeTensors.write(file, Map.of(), Map.of("format", "fovea-model", "format_version", "1",
                "architecture", new String(input, StandardCharsets.UTF_8), "class_names", "[]", "input_scaling", "unit"));
        readsOrFails(() -> Model.load(file).summary(), file, FoveaException.class);
    }
}

package dev.fovea.model.fuzz;

import static dev.fovea.testing.HostileInput.readsOrFails;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.fovea.FoveaException;
import dev.fovea.model.Model;
import dev.fovea.testing.HostileInput;
import java.nio.file.Path;

/**
 * Fuzzes model files (safetensors with the architecture, class names and input scaling in its
 * metadata) with the input as a file; a model that loads must also print its summary.
 */
class ModelFileFuzzTest {
    @FuzzTest
    void load(byte[] input) {
        Path file = HostileInput.asFile("model.safetensors", input);
        readsOrFails(() -> Model.load(file).summary(), file, FoveaException.class);
    }
}

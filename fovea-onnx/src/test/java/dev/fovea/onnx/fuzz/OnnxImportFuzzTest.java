package dev.fovea.onnx.fuzz;

import static dev.fovea.testing.HostileInput.readsOrFails;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.fovea.FoveaException;
import dev.fovea.onnx.OnnxImport;
import dev.fovea.testing.HostileInput;
import java.nio.file.Path;

/** Fuzzes ONNX import with the input as a file; a model that imports must also print its summary. */
class OnnxImportFuzzTest {
    @FuzzTest
    void read(byte[] input) {
        Path file = HostileInput.asFile("model.onnx", input);
        readsOrFails(() -> OnnxImport.read(file).summary(), file, FoveaException.class);
    }
}

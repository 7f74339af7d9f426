package dev.fovea.io.fuzz;

import static dev.fovea.testing.HostileInput.readsOrFails;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.fovea.FoveaException;
import dev.fovea.io.SafeTensors;
import dev.fovea.io.SafeTensorsFile;
import dev.fovea.testing.HostileInput;
import java.nio.file.Path;

/** Fuzzes the safetensors reader with the input as a file, and every tensor of what it reads. */
class SafeTensorsFuzzTest {
    @FuzzTest
    void read(byte[] input) {
        Path file = HostileInput.asFile("weights.safetensors", input);
        readsOrFails(() -> {
            SafeTensorsFile content = SafeTensors.read(file);
            for (String name : content.names()) {
                content.tensor(name);
            }
        }, file, FoveaException.class);
    }
}

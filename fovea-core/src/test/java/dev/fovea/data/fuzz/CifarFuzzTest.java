package dev.fovea.data.fuzz;

import static dev.fovea.testing.HostileInput.readsOrFails;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.fovea.FoveaException;
import dev.fovea.data.Cifar;
import dev.fovea.testing.HostileInput;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Fuzzes the CIFAR binary reader and the class-names reader. The first byte chooses the label
 * (CIFAR-10, CIFAR-100 coarse or fine); the rest is the file.
 */
class CifarFuzzTest {
    @FuzzTest
    void read(byte[] input) {
        Cifar.Label label = input.length == 0 ? Cifar.Label.CIFAR10 : Cifar.Label.values()[(input[0] & 0xFF) % 3];
        Path file = HostileInput.asFile("data_batch.bin", Arrays.copyOfRange(input, Math.min(1, input.length),
                input.length));
        List<String> classes = Collections.nCopies(label.classCount(), "class");
        readsOrFails(() -> Cifar.read("fuzz", List.of(file), label, classes), file, FoveaException.class);
        readsOrFails(() -> Cifar.readClassNames(file), file, FoveaException.class);
    }
}

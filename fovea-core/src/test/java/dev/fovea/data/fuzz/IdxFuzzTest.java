package dev.fovea.data.fuzz;

import static dev.fovea.testing.HostileInput.readsOrFails;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.fovea.FoveaException;
import dev.fovea.data.Idx;
import dev.fovea.testing.HostileInput;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzzes the IDX reader with an image file and a label file, raw or gzipped. The input is a
 * big-endian 16-bit length N, then N bytes of the image file, then the label file.
 */
class IdxFuzzTest {
    private static final List<String> CLASSES = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    @FuzzTest
    void read(byte[] input) {
        int split = input.length < 2 ? 0 : Math.min(input.length - 2, ((input[0] & 0xFF) << 8) | (input[1] & 0xFF));
        int start = Math.min(input.length, 2);
        Path images = HostileInput.asFile("images-idx3-ubyte", Arrays.copyOfRange(input, start, start + split));
        Path labels = HostileInput.asFile("labels-idx1-ubyte", Arrays.copyOfRange(input, start + split, input.length));
        readsOrFails(() -> Idx.readImages(images), images, FoveaException.class);
        readsOrFails(() -> Idx.readLabels(labels), labels, FoveaException.class);
        readsOrFails(() -> Idx.read("fuzz", images, labels, CLASSES), List.of(images, labels), FoveaException.class);
    }
}

package dev.fovea.image.fuzz;

import static dev.fovea.testing.HostileInput.readsOrFails;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.fovea.image.Crop;
import dev.fovea.image.ImageFileException;
import dev.fovea.image.ImageFiles;
import dev.fovea.testing.HostileInput;
import java.nio.file.Path;

/**
 * Fuzzes image decoding with the input as a file: its header, then the whole decode, colour
 * conversion, crop and resize that an image folder or {@code fovea predict} performs.
 */
class ImageFilesFuzzTest {
    @FuzzTest
    void read(byte[] input) {
        Path file = HostileInput.asFile("image", input);
        readsOrFails(() -> ImageFiles.header(file), file, ImageFileException.class);
        readsOrFails(() -> ImageFiles.readBytes(file, 8, 6, 3, Crop.CENTER), file, ImageFileException.class);
        readsOrFails(() -> ImageFiles.read(file, 5, 9, 1, Crop.NONE), file, ImageFileException.class);
    }
}

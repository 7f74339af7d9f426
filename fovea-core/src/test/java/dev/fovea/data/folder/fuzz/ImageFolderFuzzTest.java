package dev.fovea.data.folder.fuzz;

import static dev.fovea.testing.HostileInput.readsOrFails;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.fovea.FoveaException;
import dev.fovea.data.folder.FolderDataset;
import dev.fovea.data.folder.FolderImages;
import dev.fovea.data.folder.FolderOptions;
import dev.fovea.data.folder.ImageFolder;
import dev.fovea.testing.HostileInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Fuzzes image folders: the input describes a folder tree, one file per line as
 * {@code relative/path|content}, where content {@code @name} stands for the image seed {@code name}
 * of {@code ImageFilesFuzzTest} (a real PNG, JPEG, GIF or BMP) and anything else is the file's bytes.
 * A first line {@code strict} opens the folder in strict mode; a line wanting a folder where an
 * earlier line put a file is skipped. Every image of both splits is read.
 */
class ImageFolderFuzzTest {
    private static final int MAX_FILES = 16;
    private static final int MAX_DEPTH = 4;
    /** File systems refuse names past 255 bytes; the folder reader is not what that tests. */
    private static final int MAX_NAME = 64;
    private static final String IMAGE_SEEDS = "/dev/fovea/image/fuzz/ImageFilesFuzzTestInputs/read/";

    @FuzzTest
    void open(byte[] input) throws IOException {
        Path root = HostileInput.emptyDirectory("images");
        String[] lines = new String(input, StandardCharsets.ISO_8859_1).split("\n", MAX_FILES + 1);
        boolean strict = lines[0].equals("strict");
        for (String line : Arrays.copyOfRange(lines, strict ? 1 : 0, Math.min(lines.length, MAX_FILES))) {
            int bar = line.indexOf('|');
            Path file = safePath(root, bar < 0 ? line : line.substring(0, bar));
            if (file != null && !Files.isDirectory(file)) {
                try {
                    Files.createDirectories(file.getParent());
                    Files.write(file, content(bar < 0 ? "" : line.substring(bar + 1)));
                } catch (FileSystemException conflict) {
                    // a folder wanted where an earlier line put a file: the line is skipped
                }
            }
        }
        FolderOptions options = FolderOptions.of(6, 5, 3).strict(strict).probeThreads(1);
        readsOrFails(() -> {
            FolderDataset data = ImageFolder.open(root, options);
            readAll(data.train());
            readAll(data.test());
        }, root, FoveaException.class);
    }

    /** The file at {@code relative} under root, its names made of harmless characters; null if none is left. */
    private static Path safePath(Path root, String relative) {
        Path file = root;
        int depth = 0;
        for (String segment : relative.split("/")) {
            String name = segment.replaceAll("[^A-Za-z0-9._ -]", "_");
            name = name.substring(0, Math.min(name.length(), MAX_NAME));
            if (name.isEmpty() || name.equals(".") || name.equals("..") || ++depth > MAX_DEPTH) {
                continue;
            }
            file = file.resolve(name);
        }
        return file.equals(root) ? null : file;
    }

    private static byte[] content(String spec) {
        if (spec.startsWith("@")) {
            try (InputStream seed = ImageFolderFuzzTest.class.getResourceAsStream(IMAGE_SEEDS + spec.substring(1))) {
                if (seed != null) {
                    return seed.readAllBytes();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return spec.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void readAll(FolderImages images) {
        byte[] pixels = new byte[images.imageSize()];
        for (int i = 0; i < images.size(); i++) {
            images.read(i, pixels, 0);
            images.label(i);
        }
    }
}

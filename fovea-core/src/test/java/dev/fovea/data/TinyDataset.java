package dev.fovea.data;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A four-file dataset small enough to generate per test: 5 training and 3 test images of 2x3,
 * in the same file layout as MNIST, with a checksum table computed from the generated files.
 */
final class TinyDataset {
    static final String NAME = "tiny";
    static final List<String> CLASSES = List.of("a", "b", "c");
    static final int[] TRAIN_LABELS = {2, 0, 1, 1, 2};
    static final int[] TEST_LABELS = {1, 2, 0};

    private TinyDataset() {
    }

    /** Writes the gzipped files into {@code dir} and describes them with their real SHA-256s. */
    static IdxDataset writeTo(Path dir, URI baseUrl, Optional<Path> systemDir) throws IOException {
        Path trainImages = IdxBytes.write(dir, "train-images-idx3-ubyte.gz", IdxBytes.gzip(IdxBytes.images(5, 2, 3)));
        Path trainLabels = IdxBytes.write(dir, "train-labels-idx1-ubyte.gz", IdxBytes.gzip(IdxBytes.labels(TRAIN_LABELS)));
        Path testImages = IdxBytes.write(dir, "t10k-images-idx3-ubyte.gz", IdxBytes.gzip(IdxBytes.images(3, 2, 3)));
        Path testLabels = IdxBytes.write(dir, "t10k-labels-idx1-ubyte.gz", IdxBytes.gzip(IdxBytes.labels(TEST_LABELS)));
        return new IdxDataset(NAME, CLASSES, baseUrl, systemDir, Optional.of("dataset-tiny"),
                describe(trainImages), describe(trainLabels), describe(testImages), describe(testLabels));
    }

    /** Writes the files uncompressed, under the names without {@code .gz}. */
    static void writeUncompressedTo(Path dir) {
        IdxBytes.write(dir, "train-images-idx3-ubyte", IdxBytes.images(5, 2, 3));
        IdxBytes.write(dir, "train-labels-idx1-ubyte", IdxBytes.labels(TRAIN_LABELS));
        IdxBytes.write(dir, "t10k-images-idx3-ubyte", IdxBytes.images(3, 2, 3));
        IdxBytes.write(dir, "t10k-labels-idx1-ubyte", IdxBytes.labels(TEST_LABELS));
    }

    private static DatasetFile describe(Path file) throws IOException {
        return new DatasetFile(file.getFileName().toString(), Checksum.of(Checksum.Algorithm.SHA_256, file));
    }
}

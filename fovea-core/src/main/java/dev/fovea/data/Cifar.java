package dev.fovea.data;

import dev.fovea.FoveaException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the binary version of CIFAR-10 and CIFAR-100.
 *
 * <p>Each record is the label byte(s), then 3,072 pixel bytes of a 32x32 colour image: the 1,024
 * red values, then the green, then the blue, rows top to bottom. CIFAR-10 records have one label
 * byte; CIFAR-100 records have two, the coarse (20 superclasses) then the fine (100 classes)
 * label. Images are returned in Fovea's NHWC order.
 */
public final class Cifar {
    public static final int SIZE = 32;
    public static final int CHANNELS = 3;
    private static final int PIXELS = SIZE * SIZE * CHANNELS;

    /** Which label of a record to use. */
    public enum Label {
        /** CIFAR-10's single label byte: 10 classes. */
        CIFAR10(1, 0, 10),
        /** CIFAR-100's first label byte: 20 superclasses. */
        COARSE(2, 0, 20),
        /** CIFAR-100's second label byte: 100 classes. */
        FINE(2, 1, 100);

        private final int labelBytes;
        private final int offset;
        private final int classCount;

        Label(int labelBytes, int offset, int classCount) {
            this.labelBytes = labelBytes;
            this.offset = offset;
            this.classCount = classCount;
        }

        /** How many classes the dataset defines for this label. */
        public int classCount() {
            return classCount;
        }

        /** Bytes in one record: the label bytes and the pixels. */
        public int recordSize() {
            return labelBytes + PIXELS;
        }
    }

    private Cifar() {}

    /** Reads the records of {@code files}, in order, as one dataset. */
    public static ImageDataset read(String datasetName, List<Path> files, Label label, List<String> classNames) {
        long records = 0;
        for (Path file : files) {
            records += recordCount(file, label);
        }
        if (records * PIXELS > Integer.MAX_VALUE - 8) {
            throw new FoveaException("dataset '" + datasetName + "': " + records + " images do not fit in memory at once");
        }
        byte[] pixels = new byte[(int) records * PIXELS];
        int[] labels = new int[(int) records];
        int image = 0;
        byte[] record = new byte[label.recordSize()];
        for (Path file : files) {
            long count = recordCount(file, label);
            try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                for (long r = 0; r < count; r++, image++) {
                    if (in.readNBytes(record, 0, record.length) != record.length) {
                        throw new FoveaException(file + ": ended early, in record " + r + " of " + count);
                    }
                    int value = record[label.offset] & 0xFF;
                    if (value >= classNames.size()) {
                        throw new FoveaException(file + ": record " + r + " has label " + value + "; expected 0.."
                                + (classNames.size() - 1) + " for the " + classNames.size() + " classes of '"
                                + datasetName + "'");
                    }
                    labels[image] = value;
                    toNhwc(record, label.labelBytes, pixels, image * PIXELS);
                }
            } catch (IOException e) {
                throw new FoveaException(file + ": cannot read: " + e.getMessage(), e);
            }
        }
        return new ImageDataset(datasetName, SIZE, SIZE, CHANNELS, pixels, labels, classNames);
    }

    /** One class name per non-empty line, as in batches.meta.txt and CIFAR-100's *_label_names.txt. */
    public static List<String> readClassNames(Path file) {
        List<String> names = new ArrayList<>();
        try {
            if (Files.size(file) > 1 << 20) {
                throw new FoveaException(file + ": " + Files.size(file) + " bytes is too large for a list of class names");
            }
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    names.add(line.strip());
                }
            }
        } catch (IOException e) {
            throw new FoveaException(file + ": cannot read the class names: " + e.getMessage(), e);
        }
        if (names.isEmpty()) {
            throw new FoveaException(file + ": no class names (expected one per line)");
        }
        return names;
    }

    private static long recordCount(Path file, Label label) {
        long length;
        try {
            length = Files.size(file);
        } catch (IOException e) {
            throw new FoveaException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (length % label.recordSize() != 0) {
            throw new FoveaException(file + ": length " + length + " bytes is not a multiple of the record size "
                    + label.recordSize() + " (" + label.labelBytes + " label byte" + (label.labelBytes == 1 ? "" : "s")
                    + " + " + PIXELS + " pixels); is it a " + (label == Label.CIFAR10 ? "CIFAR-10" : "CIFAR-100")
                    + " binary file?");
        }
        return length / label.recordSize();
    }

    /** Planar R, G, B planes of one record into interleaved HWC pixels. */
    private static void toNhwc(byte[] record, int from, byte[] pixels, int to) {
        int plane = SIZE * SIZE;
        for (int p = 0; p < plane; p++) {
            for (int c = 0; c < CHANNELS; c++) {
                pixels[to + p * CHANNELS + c] = record[from + c * plane + p];
            }
        }
    }
}

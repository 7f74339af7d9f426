package dev.fovea.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.FoveaException;
import dev.fovea.testing.SharedDatasets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CifarTest {
    private static final List<String> TEN = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    @TempDir
    Path dir;

    /** A record whose pixel (row, col) has red = row, green = col, blue = 100 + label. */
    private static byte[] record(int labelBytes, int coarse, int fine) {
        byte[] r = new byte[labelBytes + 3072];
        r[0] = (byte) coarse;
        if (labelBytes == 2) {
            r[1] = (byte) fine;
        }
        for (int row = 0; row < 32; row++) {
            for (int col = 0; col < 32; col++) {
                int p = row * 32 + col;
                r[labelBytes + p] = (byte) row;
                r[labelBytes + 1024 + p] = (byte) col;
                r[labelBytes + 2048 + p] = (byte) (100 + fine);
            }
        }
        return r;
    }

    private Path write(String name, byte[]... records) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] r : records) {
            out.write(r);
        }
        return Files.write(dir.resolve(name), out.toByteArray());
    }

    @Test
    void planarRedGreenBlueBecomeInterleavedNhwcPixels() throws IOException {
        Path file = write("data_batch_1.bin", record(1, 3, 3), record(1, 7, 7));
        ImageDataset data = Cifar.read("cifar10/train", List.of(file), Cifar.Label.CIFAR10, TEN);
        assertEquals(2, data.size());
        assertEquals(3, data.label(0));
        assertEquals(7, data.label(1));
        // Image 1, row 5, column 9: red 5, green 9, blue 107.
        int at = 3072 + (5 * 32 + 9) * 3;
        assertArrayEquals(new byte[] {5, 9, 107}, java.util.Arrays.copyOfRange(data.pixels(), at, at + 3));
    }

    @Test
    void severalFilesAreReadInOrder() throws IOException {
        Path first = write("data_batch_1.bin", record(1, 1, 1));
        Path second = write("data_batch_2.bin", record(1, 2, 2), record(1, 0, 0));
        ImageDataset data = Cifar.read("cifar10/train", List.of(first, second), Cifar.Label.CIFAR10, TEN);
        assertArrayEquals(new int[] {1, 2, 0}, data.labels());
    }

    @Test
    void cifar100RecordsGiveTheCoarseOrTheFineLabel() throws IOException {
        Path file = write("train.bin", record(2, 4, 77), record(2, 19, 3));
        List<String> hundred = java.util.stream.IntStream.range(0, 100).mapToObj(Integer::toString).toList();
        ImageDataset fine = Cifar.read("cifar100", List.of(file), Cifar.Label.FINE, hundred);
        ImageDataset coarse = Cifar.read("cifar100", List.of(file), Cifar.Label.COARSE, hundred.subList(0, 20));
        assertArrayEquals(new int[] {77, 3}, fine.labels());
        assertArrayEquals(new int[] {4, 19}, coarse.labels());
        assertEquals((byte) 177, fine.pixels()[2], "the pixels follow both label bytes");
    }

    @Test
    void aLengthThatIsNotAWholeNumberOfRecordsNamesTheFile() throws IOException {
        Path file = write("test_batch.bin", record(1, 1, 1), new byte[100]);
        FoveaException e = assertThrows(FoveaException.class,
                () -> Cifar.read("cifar10/test", List.of(file), Cifar.Label.CIFAR10, TEN));
        assertEquals(file + ": length 3173 bytes is not a multiple of the record size 3073 (1 label byte + 3072 pixels);"
                + " is it a CIFAR-10 binary file?", e.getMessage());
    }

    @Test
    void aCifar10FileReadAsCifar100IsCaughtByItsLength() throws IOException {
        Path file = write("test_batch.bin", record(1, 1, 1), record(1, 2, 2));
        FoveaException e = assertThrows(FoveaException.class,
                () -> Cifar.read("cifar100", List.of(file), Cifar.Label.FINE, TEN));
        assertTrue(e.getMessage().contains("not a multiple of the record size 3074"), e.getMessage());
    }

    @Test
    void aLabelBeyondTheClassNamesIsReported() throws IOException {
        Path file = write("test_batch.bin", record(1, 1, 1), record(1, 12, 12));
        FoveaException e = assertThrows(FoveaException.class,
                () -> Cifar.read("cifar10/test", List.of(file), Cifar.Label.CIFAR10, TEN));
        assertEquals(file + ": record 1 has label 12; expected 0..9 for the 10 classes of 'cifar10/test'", e.getMessage());
    }

    @Test
    void classNamesAreOnePerLine() throws IOException {
        Path meta = Files.writeString(dir.resolve("batches.meta.txt"), "airplane\nautomobile\n\nbird \n");
        assertEquals(List.of("airplane", "automobile", "bird"), Cifar.readClassNames(meta));
        Path empty = Files.writeString(dir.resolve("empty.txt"), "\n\n");
        assertTrue(assertThrows(FoveaException.class, () -> Cifar.readClassNames(empty)).getMessage()
                .contains("no class names"));
    }

    @Test
    void theRealTestBatchHasAThousandImagesPerClassAndTheKnownFirstLabels() {
        Path cifar = SharedDatasets.directory("cifar-10-batches-bin");
        List<String> names = Cifar.readClassNames(cifar.resolve("batches.meta.txt"));
        assertEquals(List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"),
                names);
        ImageDataset test = Cifar.read("cifar10/test", List.of(cifar.resolve("test_batch.bin")), Cifar.Label.CIFAR10, names);
        assertEquals(10_000, test.size());
        assertArrayEquals(new int[] {3, 8, 8, 0, 6, 6, 1, 6, 3, 1}, java.util.Arrays.copyOf(test.labels(), 10));
        int[] perClass = new int[10];
        for (int label : test.labels()) {
            perClass[label]++;
        }
        int[] thousand = new int[10];
        java.util.Arrays.fill(thousand, 1000);
        assertArrayEquals(thousand, perClass);
    }
}

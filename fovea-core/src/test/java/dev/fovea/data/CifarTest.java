package dev.fovea.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.FoveaException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CifarTest {
    private static final List<String> TEN = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    @TempDir
    Path dir;

    private Path write(String name, byte[]... records) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] r : records) {
            out.write(r);
        }
        return Files.write(dir.resolve(name), out.toByteArray());
    }

    @Test
    void planarRedGreenBlueBecomeInterleavedNhwcPixels() throws IOException {
        Path file = write("data_batch_1.bin", CifarBytes.record(1, 3, 3), CifarBytes.record(1, 7, 7));
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
        Path first = write("data_batch_1.bin", CifarBytes.record(1, 1, 1));
        Path second = write("data_batch_2.bin", CifarBytes.record(1, 2, 2), CifarBytes.record(1, 0, 0));
        ImageDataset data = Cifar.read("cifar10/train", List.of(first, second), Cifar.Label.CIFAR10, TEN);
        assertArrayEquals(new int[] {1, 2, 0}, data.labels());
    }

    @Test
    void cifar100RecordsGiveTheCoarseOrTheFineLabel() throws IOException {
        Path file = write("train.bin", CifarBytes.record(2, 4, 77), CifarBytes.record(2, 19, 3));
        List<String> hundred = java.util.stream.IntStream.range(0, 100).mapToObj(Integer::toString).toList();
        ImageDataset fine = Cifar.read("cifar100", List.of(file), Cifar.Label.FINE, hundred);
        ImageDataset coarse = Cifar.read("cifar100", List.of(file), Cifar.Label.COARSE, hundred.subList(0, 20));
        assertArrayEquals(new int[] {77, 3}, fine.labels());
        assertArrayEquals(new int[] {4, 19}, coarse.labels());
        assertEquals((byte) 177, fine.pixels()[2], "the pixels follow both label bytes");
    }

    @Test
    void aLengthThatIsNotAWholeNumberOfRecordsNamesTheFile() throws IOException {
        Path file = write("test_batch.bin", CifarBytes.record(1, 1, 1), new byte[100]);
        FoveaException e = assertThrows(FoveaException.class,
                () -> Cifar.read("cifar10/test", List.of(file), Cifar.Label.CIFAR10, TEN));
        assertEquals(file + ": length 3173 bytes is not a multiple of the record size 3073 (1 label byte + 3072 pixels);"
                + " is it a CIFAR-10 binary file?", e.getMessage());
    }

    @Test
    void aCifar10FileReadAsCifar100IsCaughtByItsLength() throws IOException {
        Path file = write("test_batch.bin", CifarBytes.record(1, 1, 1), CifarBytes.record(1, 2, 2));
        FoveaException e = assertThrows(FoveaException.class,
                () -> Cifar.read("cifar100", List.of(file), Cifar.Label.FINE, TEN));
        assertTrue(e.getMessage().contains("not a multiple of the record size 3074"), e.getMessage());
    }

    @Test
    void aLabelBeyondTheClassNamesIsReported() throws IOException {
        Path file = write("test_batch.bin", CifarBytes.record(1, 1, 1), CifarBytes.record(1, 12, 12));
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
    void filesTooLargeToHoldInMemoryAreRefusedBeforeAllocating() throws IOException {
        // A sparse file: its length says 699,051 records, whose pixels exceed the largest Java array.
        Path huge = dir.resolve("huge.bin");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(699_051L * 3073);
        }
        FoveaException e = assertThrows(FoveaException.class,
                () -> Cifar.read("cifar10/train", List.of(huge), Cifar.Label.CIFAR10, TEN));
        assertEquals("dataset 'cifar10/train': 699051 images do not fit in memory at once", e.getMessage());
    }
}

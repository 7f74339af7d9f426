package dev.fovea.data.archive.fuzz;

import static dev.fovea.testing.HostileInput.readsOrFails;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.fovea.FoveaException;
import dev.fovea.data.archive.TarEntry;
import dev.fovea.data.archive.TarGz;
import dev.fovea.data.archive.TarReader;
import dev.fovea.testing.HostileInput;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Fuzzes the tar reader: a gzipped input is unpacked with {@link TarGz#extract} as a CIFAR download
 * is, any other is read member by member with {@link TarReader}, every content copied.
 * {@link #readWithChecksums} first gives every header the checksum it needs, which a byte-level
 * mutation almost never keeps, so that the fields after the checksum are fuzzed too.
 */
class TarReaderFuzzTest {
    private static final String SOURCE = "fuzz.tar";
    private static final long MAX_MEMBER_BYTES = 1 << 20;
    /** Offsets in a tar header block, from the POSIX ustar format. */
    private static final int SIZE = 124;
    private static final int CHECKSUM = 148;
    private static final int TYPE = 156;

    @FuzzTest
    void read(byte[] input) {
        if (input.length >= 2 && input[0] == (byte) 0x1f && input[1] == (byte) 0x8b) {
            Path archive = HostileInput.asFile("fuzz.tar.gz", input);
            Path target = HostileInput.emptyDirectory("unpacked").resolve("cifar");
            List<String> members = List.of("cifar-10-batches-bin/test_batch.bin");
            readsOrFails(() -> TarGz.extract(archive, members, target, MAX_MEMBER_BYTES), archive,
                    FoveaException.class);
        } else {
            readsOrFails(() -> readAll(input), List.of(Path.of(SOURCE)), FoveaException.class);
        }
    }

    @FuzzTest
    void readWithChecksums(byte[] input) {
        byte[] archive = input.clone();
        long at = 0;
        while (at + TarReader.BLOCK <= archive.length && !zeroBlock(archive, (int) at)) {
            int header = (int) at;
            Arrays.fill(archive, header + CHECKSUM, header + CHECKSUM + 8, (byte) ' ');
            int sum = 0;
            for (int i = header; i < header + TarReader.BLOCK; i++) {
                sum += archive[i] & 0xFF;
            }
            byte[] field = String.format("%06o\0 ", sum).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(field, 0, archive, header + CHECKSUM, field.length);
            long content = "123456".indexOf(archive[header + TYPE]) >= 0 ? 0 : octal(archive, header + SIZE, 12);
            at += TarReader.BLOCK + (content + TarReader.BLOCK - 1) / TarReader.BLOCK * TarReader.BLOCK;
        }
        readsOrFails(() -> readAll(archive), List.of(Path.of(SOURCE)), FoveaException.class);
    }

    /** The octal digits a header field starts with, as a number (12 digits at most: no overflow). */
    private static long octal(byte[] bytes, int offset, int length) {
        long value = 0;
        for (int i = offset; i < offset + length && bytes[i] >= '0' && bytes[i] <= '7'; i++) {
            value = value * 8 + (bytes[i] - '0');
        }
        return value;
    }

    private static boolean zeroBlock(byte[] bytes, int offset) {
        for (int i = offset; i < offset + TarReader.BLOCK; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static void readAll(byte[] input) throws Exception {
        TarReader tar = new TarReader(new ByteArrayInputStream(input), SOURCE, MAX_MEMBER_BYTES);
        for (Optional<TarEntry> entry = tar.next(); entry.isPresent(); entry = tar.next()) {
            if (entry.get().size() % 2 == 0) { // half the members are skipped rather than copied
                tar.copyContentTo(OutputStream.nullOutputStream());
            }
        }
    }
}

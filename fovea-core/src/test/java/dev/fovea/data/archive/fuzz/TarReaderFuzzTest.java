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
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Fuzzes the tar reader: a gzipped input is unpacked with {@link TarGz#extract} as a CIFAR download
 * is, any other is read member by member with {@link TarReader}, every content copied.
 */
class TarReaderFuzzTest {
    private static final String SOURCE = "fuzz.tar";
    private static final long MAX_MEMBER_BYTES = 1 << 20;

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

    private static void readAll(byte[] input) throws Exception {
        TarReader tar = new TarReader(new ByteArrayInputStream(input), SOURCE, MAX_MEMBER_BYTES);
        for (Optional<TarEntry> entry = tar.next(); entry.isPresent(); entry = tar.next()) {
            if (entry.get().size() % 2 == 0) { // half the members are skipped rather than copied
                tar.copyContentTo(OutputStream.nullOutputStream());
            }
        }
    }
}

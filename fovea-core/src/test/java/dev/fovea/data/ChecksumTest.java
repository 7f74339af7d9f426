package dev.fovea.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecksumTest {
    @TempDir
    Path tmp;

    @Test
    void digestsAFileWithEitherAlgorithm() throws IOException {
        // "abc" is the first test vector of both standards (FIPS 180-2 for SHA-256, RFC 1321 for MD5).
        Path file = Files.write(tmp.resolve("abc"), "abc".getBytes(StandardCharsets.US_ASCII));

        assertEquals(Checksum.sha256("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
                Checksum.of(Checksum.Algorithm.SHA_256, file));
        assertEquals(Checksum.md5("900150983cd24fb0d6963f7d28e17f72"), Checksum.of(Checksum.Algorithm.MD5, file));
    }

    @Test
    void namesItsAlgorithmInMessages() {
        assertEquals("MD5 c32a1d4ab5d03f1284b67883e8d87530", Checksum.md5("c32a1d4ab5d03f1284b67883e8d87530").toString());
    }

    @Test
    void refusesDigitsOfTheWrongLengthOrCase() {
        assertThrows(IllegalArgumentException.class, () -> Checksum.md5("0".repeat(64)));
        assertThrows(IllegalArgumentException.class, () -> Checksum.sha256("0".repeat(32)));
        assertThrows(IllegalArgumentException.class, () -> Checksum.md5("C32A1D4AB5D03F1284B67883E8D87530"));
    }
}

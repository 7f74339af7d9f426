package dev.fovea.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks the bytes against the safetensors specification, not just a round trip. */
class SafeTensorsFormatTest {
    @TempDir
    Path dir;

    @Test
    void writesTheSpecifiedBytes() throws IOException {
        Path file = dir.resolve("tiny.safetensors");
        SafeTensors.write(file, Map.of("a", new TensorData(new int[] {2}, new float[] {1f, -2f})),
                Map.of());

        // 54 bytes of JSON padded with two spaces to 56, a multiple of 8.
        String header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}  ";
        byte[] expected = concat(
                new byte[] {56, 0, 0, 0, 0, 0, 0, 0},
                header.getBytes(StandardCharsets.US_ASCII),
                new byte[] {0, 0, (byte) 0x80, 0x3f, 0, 0, 0, (byte) 0xc0}); // 1.0f, -2.0f
        assertArrayEquals(expected, Files.readAllBytes(file));
    }

    @Test
    void writesMetadataFirstAndTensorsSortedByNameBackToBack() throws IOException {
        Path file = dir.resolve("two.safetensors");
        SafeTensors.write(file, Map.of(
                "b", new TensorData(new int[] {}, new float[] {3f}),
                "a", new TensorData(new int[] {1, 2}, new float[] {1f, 2f})),
                Map.of("format", "pt"));

        String json = "{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[1,2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[8,12]}}";
        String padded = json + " ".repeat(-json.length() & 7);
        assertArrayEquals(RawSafeTensors.file(padded, RawSafeTensors.floats(1f, 2f, 3f)),
                Files.readAllBytes(file));
    }

    @Test
    void readsAHandWrittenFile() throws IOException {
        // Entries out of data order, header padded with spaces, offsets of a zero-size tensor.
        String header = "{\"w\": {\"dtype\": \"F32\", \"shape\": [2, 1], \"data_offsets\": [4, 12]},"
                + " \"__metadata__\": {\"note\": \"hi\"},"
                + " \"bias\": {\"data_offsets\": [0, 4], \"shape\": [1], \"dtype\": \"F32\"},"
                + " \"none\": {\"dtype\": \"F32\", \"shape\": [0, 5], \"data_offsets\": [12, 12]}}   ";
        Path file = RawSafeTensors.save(dir,
                RawSafeTensors.file(header, RawSafeTensors.floats(0.5f, 7f, -8f)));

        SafeTensorsFile read = SafeTensors.read(file);
        assertEquals(Map.of("note", "hi"), read.metadata());
        assertEquals(List.of("bias", "w", "none"), read.names());
        assertEquals(new TensorData(new int[] {1}, new float[] {0.5f}), read.tensor("bias"));
        assertEquals(new TensorData(new int[] {2, 1}, new float[] {7f, -8f}), read.tensor("w"));
        assertEquals(new TensorData(new int[] {0, 5}, new float[0]), read.tensor("none"));
    }

    @Test
    void readsAnUnpaddedHeader() throws IOException {
        String header = "{\"x\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]}}";
        Path file = RawSafeTensors.save(dir, RawSafeTensors.file(header, RawSafeTensors.floats(9f)));
        assertArrayEquals(new float[] {9f}, SafeTensors.read(file).tensor("x").data());
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}

package dev.fovea.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.FoveaException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsRoundTripTest {
    @TempDir
    Path dir;

    private static Map<String, TensorData> sampleTensors() {
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        tensors.put("conv1.weight", new TensorData(new int[] {2, 1, 2, 2},
                new float[] {1, 2, 3, 4, -5, 6.5f, 7e-8f, Float.MAX_VALUE}));
        tensors.put("conv1.bias", new TensorData(new int[] {2}, new float[] {0.25f, -0.0f}));
        tensors.put("scale", new TensorData(new int[] {}, new float[] {3.5f}));
        tensors.put("empty", new TensorData(new int[] {3, 0}, new float[0]));
        return tensors;
    }

    @Test
    void roundTripsTensorsAndUnicodeMetadata() {
        Path file = dir.resolve("model.safetensors");
        Map<String, String> metadata = Map.of("format", "fovea", "名前", "ñandú 😀", "", "empty key");
        SafeTensors.write(file, sampleTensors(), metadata);

        SafeTensorsFile read = SafeTensors.read(file);
        assertEquals(file, read.file());
        assertEquals(metadata, read.metadata());
        assertEquals(List.of("conv1.bias", "conv1.weight", "empty", "scale"), read.names());
        sampleTensors().forEach((name, tensor) -> {
            assertTrue(read.contains(name));
            assertEquals(tensor, read.tensor(name), name);
            assertArrayEquals(tensor.shape(), read.shape(name));
        });
    }

    @Test
    void roundTripsEmptyMetadataAndNoTensors() {
        Path file = dir.resolve("empty.safetensors");
        SafeTensors.write(file, Map.of(), Map.of());
        SafeTensorsFile read = SafeTensors.read(file);
        assertEquals(Map.of(), read.metadata());
        assertEquals(List.of(), read.names());
    }

    @Test
    void preservesSpecialFloatBitsExactly() {
        float[] values = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0.0f,
            Float.MIN_VALUE, Float.intBitsToFloat(0x7fc00123)};
        Path file = dir.resolve("special.safetensors");
        SafeTensors.write(file, Map.of("v", new TensorData(new int[] {6}, values)), Map.of());
        float[] read = SafeTensors.read(file).tensor("v").data();
        for (int i = 0; i < values.length; i++) {
            assertEquals(Float.floatToRawIntBits(values[i]), Float.floatToRawIntBits(read[i]), "index " + i);
        }
    }

    @Test
    void roundTripsTensorsLargerThanTheCopyBuffer() {
        float[] values = new float[100_003];
        for (int i = 0; i < values.length; i++) {
            values[i] = i * 0.5f - 7;
        }
        Path file = dir.resolve("large.safetensors");
        SafeTensors.write(file, Map.of("big", new TensorData(new int[] {values.length}, values),
                "after", new TensorData(new int[] {1}, new float[] {42f})), Map.of());
        SafeTensorsFile read = SafeTensors.read(file);
        assertArrayEquals(values, read.tensor("big").data());
        assertArrayEquals(new float[] {42f}, read.tensor("after").data());
    }

    @Test
    void outputIsDeterministicRegardlessOfMapOrder() throws IOException {
        Path first = dir.resolve("first.safetensors");
        Path second = dir.resolve("second.safetensors");
        SafeTensors.write(first, sampleTensors(), Map.of("b", "2", "a", "1"));
        Map<String, String> reordered = new LinkedHashMap<>();
        reordered.put("a", "1");
        reordered.put("b", "2");
        SafeTensors.write(second, new TreeMap<>(sampleTensors()).descendingMap(), reordered);
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
        long headerLength = ByteBuffer.wrap(Files.readAllBytes(first), 0, 8)
                .order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, headerLength % 8, "header padded to a multiple of 8");
    }

    @Test
    void overwritesAnExistingFile() {
        Path file = dir.resolve("model.safetensors");
        SafeTensors.write(file, sampleTensors(), Map.of());
        SafeTensors.write(file, Map.of("only", new TensorData(new int[] {1}, new float[] {1f})),
                Map.of("v", "2"));
        SafeTensorsFile read = SafeTensors.read(file);
        assertEquals(List.of("only"), read.names());
        assertEquals(Map.of("v", "2"), read.metadata());
    }

    @Test
    void tensorReturnsACopy() {
        Path file = dir.resolve("model.safetensors");
        SafeTensors.write(file, sampleTensors(), Map.of());
        SafeTensorsFile read = SafeTensors.read(file);
        read.tensor("conv1.bias").data()[0] = 99f;
        read.shape("conv1.bias")[0] = 99;
        assertEquals(sampleTensors().get("conv1.bias"), read.tensor("conv1.bias"));
    }

    @Test
    void missingTensorNamesTheFileAndTheTensor() {
        Path file = dir.resolve("model.safetensors");
        SafeTensors.write(file, sampleTensors(), Map.of());
        SafeTensorsFile read = SafeTensors.read(file);
        assertFalse(read.contains("fc.weight"));
        FoveaException e = assertThrows(FoveaException.class, () -> read.tensor("fc.weight"));
        assertTrue(e.getMessage().startsWith(file + ": no tensor named \"fc.weight\""), e.getMessage());
        assertTrue(e.getMessage().contains("conv1.bias"), e.getMessage());
    }

    @Test
    void rejectsTheReservedMetadataNameWithoutWriting() {
        Path file = dir.resolve("model.safetensors");
        Map<String, TensorData> tensors =
                Map.of("__metadata__", new TensorData(new int[] {1}, new float[] {1f}));
        assertThrows(IllegalArgumentException.class, () -> SafeTensors.write(file, tensors, Map.of()));
        assertFalse(Files.exists(file));
    }

    @Test
    void tensorDataChecksShapeAgainstData() {
        assertThrows(IllegalArgumentException.class, () -> new TensorData(new int[] {2, 2}, new float[3]));
        assertThrows(IllegalArgumentException.class, () -> new TensorData(new int[] {-1}, new float[0]));
        assertThrows(IllegalArgumentException.class, () -> new TensorData(
                new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, 2}, new float[0]));
        assertEquals(new TensorData(new int[] {0, Integer.MAX_VALUE}, new float[0]).data().length, 0);
    }
}

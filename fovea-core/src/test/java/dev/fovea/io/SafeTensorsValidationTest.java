package dev.fovea.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.FoveaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every malformed input is a FoveaException naming the file and what is wrong, never a crash. */
class SafeTensorsValidationTest {
    @TempDir
    Path dir;

    /** A header with one tensor entry whose fields are given as raw JSON. */
    private static String entry(String fields) {
        return "{\"t\":{" + fields + "}}";
    }

    private FoveaException rejectBytes(byte[] bytes, String... fragments) throws IOException {
        Path file = RawSafeTensors.save(dir, bytes);
        FoveaException e = assertThrows(FoveaException.class, () -> SafeTensors.read(file));
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment),
                    "message lacks \"" + fragment + "\": " + e.getMessage());
        }
        return e;
    }

    private FoveaException reject(String header, int dataBytes, String... fragments)
            throws IOException {
        return rejectBytes(RawSafeTensors.file(header, new byte[dataBytes]), fragments);
    }

    @Test
    void rejectsFilesShorterThanTheLengthField() throws IOException {
        rejectBytes(new byte[0], "0 bytes", "at least 8");
        rejectBytes(new byte[7], "7 bytes", "at least 8");
    }

    @Test
    void rejectsHeaderLengthBeyondTheFile() throws IOException {
        byte[] bytes = RawSafeTensors.file("{}", new byte[0]);
        bytes[0] = 100;
        rejectBytes(bytes, "header length is 100 bytes", "only 2 follow");
    }

    @Test
    void rejectsHugeHeaderLengthsBeforeAllocating() throws IOException {
        byte[] unsignedMax = new byte[16];
        Arrays.fill(unsignedMax, 0, 8, (byte) 0xff);
        rejectBytes(unsignedMax, "header length is 18446744073709551615 bytes", "at most 100000000");
        rejectBytes(RawSafeTensors.littleEndianLong(Integer.MAX_VALUE), "2147483647", "at most");
        rejectBytes(RawSafeTensors.littleEndianLong(100_000_001), "100000001", "at most 100000000");
    }

    @Test
    void rejectsHeadersThatAreNotJsonObjects() throws IOException {
        FoveaException e = reject("{\"t\":", 0, "not a valid JSON object", "offset 5");
        assertTrue(e.getCause() instanceof JsonException);
        reject("", 0, "not a valid JSON object", "expected '{'");
        reject("[1, 2]", 0, "not a valid JSON object", "expected '{'");
        reject("{} x", 0, "offset 3", "end of input");
        reject("{\"t\":" + "[".repeat(10_000), 0, "not a valid JSON object", "at most 64 levels");
    }

    @Test
    void rejectsHeadersThatAreNotUtf8() throws IOException {
        byte[] header = {'{', '"', (byte) 0xc3, '"', ':', '1', '}', ' '};
        rejectBytes(RawSafeTensors.file(header, new byte[0]), "not valid UTF-8 at byte 10");
    }

    @Test
    void rejectsEntriesThatAreNotObjects() throws IOException {
        reject("{\"t\": [0, 4]}", 4, "tensor \"t\" is [0,4]", "expected an object");
    }

    @Test
    void rejectsMissingFields() throws IOException {
        reject(entry("\"shape\":[1],\"data_offsets\":[0,4]"), 4, "tensor \"t\" has no field \"dtype\"");
        reject(entry("\"dtype\":\"F32\",\"data_offsets\":[0,4]"), 4, "no field \"shape\"");
        reject(entry("\"dtype\":\"F32\",\"shape\":[1]"), 4, "no field \"data_offsets\"");
        reject(entry("\"dtype\":\"F32\",\"shape\":null,\"data_offsets\":[0,4]"), 4,
                "field \"shape\" is null");
    }

    @Test
    void rejectsFieldsOfTheWrongType() throws IOException {
        reject(entry("\"dtype\":32,\"shape\":[1],\"data_offsets\":[0,4]"), 4,
                "field \"dtype\" is 32", "expected a string");
        reject(entry("\"dtype\":\"F32\",\"shape\":\"1\",\"data_offsets\":[0,4]"), 4,
                "field \"shape\" is \"1\"", "expected an array");
        reject(entry("\"dtype\":\"F32\",\"shape\":[1.0],\"data_offsets\":[0,4]"), 4,
                "field \"shape\" has 1.0 at index 0", "expected an integer");
        reject(entry("\"dtype\":\"F32\",\"shape\":[1,[2]],\"data_offsets\":[0,4]"), 4,
                "field \"shape\" has [2] at index 1");
        reject(entry("\"dtype\":\"F32\",\"shape\":[4294967296],\"data_offsets\":[0,4]"), 4,
                "has 4294967296 at index 0", "from 0 to 2147483647");
        reject(entry("\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4]"), 4,
                "field \"data_offsets\" is [4]", "expected [begin, end]");
        reject(entry("\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[\"0\",\"4\"]"), 4,
                "field \"data_offsets\" is an array of 2 values");
        reject(entry("\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":{}"), 4,
                "field \"data_offsets\" is an object");
    }

    @Test
    void rejectsNegativeDimensions() throws IOException {
        reject(entry("\"dtype\":\"F32\",\"shape\":[2,-2],\"data_offsets\":[0,16]"), 16,
                "field \"shape\" has -2 at index 1", "expected an integer from 0");
    }

    @Test
    void rejectsShapesThatDoNotMatchTheByteLength() throws IOException {
        reject(entry("\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,20]"), 20,
                "[2, 3] of F32 needs 24 bytes but data_offsets [0, 20] span 20");
        reject(entry("\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,0]"), 0,
                "needs 4 bytes");
    }

    @Test
    void rejectsShapesWhoseSizeOverflows() throws IOException {
        reject(entry("\"dtype\":\"F32\",\"shape\":[2147483647,2147483647,2147483647],"
                + "\"data_offsets\":[0,4]"), 4, "more values than fit in 64 bits");
        // 2^61 values fit in a long, their byte count 2^63 does not.
        reject(entry("\"dtype\":\"F32\",\"shape\":[1073741824,1073741824,2],"
                + "\"data_offsets\":[0,4]"), 4, "more values than fit in 64 bits");
    }

    @Test
    void rejectsOffsetsOutsideTheDataSection() throws IOException {
        reject(entry("\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,12]"), 8,
                "data_offsets\" is [0, 12]", "within the data section of 8 bytes");
        reject(entry("\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[9223372036854775807,"
                + "9223372036854775807]"), 8, "within the data section of 8 bytes");
        reject(entry("\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,4]"), 8,
                "is [8,4]", "begin <= end");
        reject(entry("\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[-4,0]"), 8,
                "is [-4,0]", "0 <= begin");
    }

    @Test
    void rejectsOverlappingTensors() throws IOException {
        reject("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12,
                "tensor \"b\" data_offsets [4, 12] overlap tensor \"a\" data_offsets [0, 8]");
    }

    @Test
    void rejectsGapsBetweenTensors() throws IOException {
        reject("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}", 12,
                "bytes [4, 8) belong to no tensor", "tensor \"b\"");
        reject(entry("\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]"), 8,
                "bytes [0, 4) belong to no tensor");
    }

    @Test
    void rejectsDataNotCoveredByTensors() throws IOException {
        reject(entry("\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]"), 8,
                "data section has 8 bytes but the tensors cover only 4");
        reject("{\"__metadata__\":{}}", 4, "data section has 4 bytes but the tensors cover only 0");
    }

    @Test
    void rejectsOtherDtypesNamingTensorAndDtype() throws IOException {
        reject(entry("\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]"), 4,
                "tensor \"t\" has dtype F16; only F32 is supported");
    }

    @Test
    void rejectsMetadataThatIsNotStrings() throws IOException {
        reject("{\"__metadata__\":[\"a\"]}", 0, "field \"__metadata__\" is an array",
                "expected an object of strings");
        reject("{\"__metadata__\":{\"epoch\":3}}", 0,
                "metadata key \"epoch\" has 3; expected a string");
        reject("{\"__metadata__\":{\"x\":null}}", 0, "metadata key \"x\" has null");
    }

    @Test
    void wrapsIoErrorsWithTheFileName() throws IOException {
        Path missing = dir.resolve("missing.safetensors");
        FoveaException e = assertThrows(FoveaException.class, () -> SafeTensors.read(missing));
        assertEquals("cannot read safetensors file " + missing + ": no such file or directory: "
                + missing, e.getMessage());

        Path directory = Files.createDirectory(dir.resolve("folder.safetensors"));
        FoveaException d = assertThrows(FoveaException.class, () -> SafeTensors.read(directory));
        assertTrue(d.getMessage().contains(directory.toString()), d.getMessage());
    }
}

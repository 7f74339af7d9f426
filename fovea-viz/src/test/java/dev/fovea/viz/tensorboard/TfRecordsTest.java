package dev.fovea.viz.tensorboard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TfRecordsTest {
    private static final byte[] NINE_DIGITS = "123456789".getBytes(StandardCharsets.US_ASCII);

    @Test
    void maskedCrcMatchesTensorBoardsOwnImplementation() {
        // Expected values from TensorBoard's Python masked_crc32c (tensorflow_stub.pywrap_tensorflow).
        assertEquals(0xc78ab0e5, TfRecords.maskedCrc32c(NINE_DIGITS, 0, 9));
        assertEquals(0xa282ead8, TfRecords.maskedCrc32c(new byte[0], 0, 0)); // CRC of nothing is 0: only the delta
        byte[] lengthNine = {9, 0, 0, 0, 0, 0, 0, 0};
        assertEquals(0x3971f937, TfRecords.maskedCrc32c(lengthNine, 0, 8));
    }

    @Test
    void aRecordIsLengthLengthCrcDataDataCrc() {
        byte[] record = TfRecords.frame(NINE_DIGITS);
        assertEquals(8 + 4 + 9 + 4, record.length);
        ByteBuffer in = ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(9L, in.getLong());
        assertEquals(0x3971f937, in.getInt());
        assertArrayEquals(NINE_DIGITS, Arrays.copyOfRange(record, 12, 21));
        in.position(21);
        assertEquals(0xc78ab0e5, in.getInt());
    }

    @Test
    void theReaderGetsBackEveryRecordIncludingAnEmptyOne() {
        byte[] file = concat(TfRecords.frame(NINE_DIGITS), TfRecords.frame(new byte[0]), TfRecords.frame(new byte[] {7}));
        List<byte[]> records = TfRecordReader.read(file);
        assertEquals(3, records.size());
        assertArrayEquals(NINE_DIGITS, records.get(0));
        assertArrayEquals(new byte[0], records.get(1));
        assertArrayEquals(new byte[] {7}, records.get(2));
    }

    @Test
    void everySingleChangedByteIsDetected() {
        byte[] file = concat(TfRecords.frame(NINE_DIGITS), TfRecords.frame("tensorboard".getBytes(StandardCharsets.UTF_8)));
        for (int position = 0; position < file.length; position++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] damaged = file.clone();
                damaged[position] ^= (byte) (1 << bit);
                int at = position;
                assertThrows(TfRecordReader.CorruptRecordException.class, () -> TfRecordReader.read(damaged),
                        "flipped bit " + bit + " of byte " + at);
            }
        }
    }

    @Test
    void aCutShortFileIsDetected() {
        byte[] file = concat(TfRecords.frame(NINE_DIGITS), TfRecords.frame(NINE_DIGITS));
        for (int length = 1; length < file.length; length++) {
            if (length == file.length / 2) {
                assertEquals(1, TfRecordReader.read(Arrays.copyOf(file, length)).size()); // a whole first record
                continue;
            }
            byte[] cut = Arrays.copyOf(file, length);
            assertThrows(TfRecordReader.CorruptRecordException.class, () -> TfRecordReader.read(cut), "cut at " + length);
        }
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        ByteBuffer all = ByteBuffer.allocate(length);
        for (byte[] part : parts) {
            all.put(part);
        }
        return all.array();
    }
}

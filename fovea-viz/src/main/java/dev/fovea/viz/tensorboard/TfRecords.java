package dev.fovea.viz.tensorboard;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * TFRecord framing, the container of TensorBoard events files: each record is its length as a
 * little-endian uint64, a masked CRC-32C of those 8 bytes, the data, and a masked CRC-32C of the data.
 */
final class TfRecords {
    /** Bytes a record adds around its data: length, length CRC, data CRC. */
    static final int OVERHEAD = 8 + 4 + 4;
    private static final int MASK_DELTA = 0xa282ead8;

    private TfRecords() {}

    /** The complete record holding {@code data}, ready to append to a file in one write. */
    static byte[] frame(byte[] data) {
        if (data.length > Integer.MAX_VALUE - OVERHEAD - 8) {
            throw new IllegalArgumentException("a record of " + data.length + " bytes is too large for one array");
        }
        byte[] record = new byte[OVERHEAD + data.length];
        ByteBuffer buffer = ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(data.length);
        buffer.putInt(maskedCrc32c(record, 0, 8));
        buffer.put(data);
        buffer.putInt(maskedCrc32c(data, 0, data.length));
        return record;
    }

    /**
     * CRC-32C, rotated right by 15 bits plus a constant: the format stores this masked form because a
     * CRC computed over data that itself contains CRCs is weak.
     */
    static int maskedCrc32c(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        int value = (int) crc.getValue();
        return ((value >>> 15) | (value << 17)) + MASK_DELTA; // int arithmetic wraps modulo 2^32, as the format wants
    }
}

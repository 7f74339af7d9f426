package dev.fovea.viz.tensorboard;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Reads the records of a TFRecord file, checking both CRCs of every record and that the file ends
 * exactly after the last one. Written apart from {@link TfRecords}, to check it.
 */
public final class TfRecordReader {
    private TfRecordReader() {}

    /** The data of every record, in order; throws {@link CorruptRecordException} on any damage. */
    static List<byte[]> read(Path file) throws IOException {
        return read(Files.readAllBytes(file));
    }

    static List<byte[]> read(byte[] file) {
        ByteBuffer in = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        List<byte[]> records = new ArrayList<>();
        while (in.hasRemaining()) {
            int index = records.size();
            if (in.remaining() < 12) {
                throw new CorruptRecordException("record " + index + ": header cut short, " + in.remaining() + " bytes left");
            }
            int start = in.position();
            long length = in.getLong();
            if (in.getInt() != masked(file, start, 8)) {
                throw new CorruptRecordException("record " + index + ": the length's CRC does not match");
            }
            if (length < 0 || length > in.remaining() - 4) {
                throw new CorruptRecordException("record " + index + ": length " + length + " but only "
                        + in.remaining() + " bytes left");
            }
            int dataStart = in.position();
            byte[] data = Arrays.copyOfRange(file, dataStart, dataStart + (int) length);
            in.position(dataStart + (int) length);
            if (in.getInt() != masked(data, 0, data.length)) {
                throw new CorruptRecordException("record " + index + ": the data's CRC does not match");
            }
            records.add(data);
        }
        return records;
    }

    /** The format's masked CRC-32C: rotate right by 15 bits, add 0xa282ead8. */
    public static int masked(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return Integer.rotateRight((int) crc.getValue(), 15) + 0xa282ead8;
    }

    /** A record whose framing or checksums are wrong. */
    public static final class CorruptRecordException extends RuntimeException {
        CorruptRecordException(String message) {
            super(message);
        }
    }
}

package dev.fovea.onnx;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The protobuf wire format as the ONNX message classes use it: length-delimited sub-messages,
 * repeated numbers written packed or one per tag, and sizes computed before writing so a model
 * streams to disk without being assembled in memory.
 *
 * <p>Every length read from a file is checked against the bytes left in its enclosing message
 * before anything is allocated for it.
 */
final class Wire {
    /** Floats are converted to bytes through a buffer of this size, so no tensor is copied whole. */
    private static final int CHUNK_BYTES = 1 << 16;

    private Wire() {}

    /** Reads one message's fields; the stream ends where the message ends. */
    @FunctionalInterface
    interface MessageReader<T> {
        T read(CodedInputStream in) throws IOException;
    }

    /** Reads a length-delimited sub-message with {@code reader}, which sees only its bytes. */
    static <T> T message(CodedInputStream in, MessageReader<T> reader) throws IOException {
        int length = length(in);
        int outer = in.pushLimit(length);
        T value = reader.read(in);
        in.popLimit(outer);
        return value;
    }

    /** A length prefix, checked against the bytes left in the enclosing message. */
    static int length(CodedInputStream in) throws IOException {
        int length = in.readRawVarint32();
        if (length < 0 || length > in.getBytesUntilLimit()) {
            throw new InvalidProtocolBufferException("a field claims " + Integer.toUnsignedString(length)
                    + " bytes, but only " + in.getBytesUntilLimit() + " remain in its message");
        }
        return length;
    }

    /** Appends one or more values of a repeated int64 field (packed or not) to {@code into}. */
    static void longs(CodedInputStream in, int tag, LongList into) throws IOException {
        if (WireFormat.getTagWireType(tag) != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            into.add(in.readInt64());
            return;
        }
        int outer = in.pushLimit(length(in));
        while (!in.isAtEnd()) {
            into.add(in.readInt64());
        }
        in.popLimit(outer);
    }

    /** Appends one or more values of a repeated float field (packed or not) to {@code into}. */
    static void floats(CodedInputStream in, int tag, FloatList into) throws IOException {
        if (WireFormat.getTagWireType(tag) != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            into.add(in.readFloat());
            return;
        }
        int length = length(in);
        if (length % Float.BYTES != 0) {
            throw new InvalidProtocolBufferException("a packed float field has " + length
                    + " bytes, not a multiple of 4");
        }
        int outer = in.pushLimit(length);
        into.reserve(length / Float.BYTES);
        while (!in.isAtEnd()) {
            into.add(in.readFloat());
        }
        in.popLimit(outer);
    }

    /** The encoded size of a length-delimited field whose content has {@code contentSize} bytes. */
    static long delimitedSize(int field, long contentSize) {
        return CodedOutputStream.computeTagSize(field)
                + CodedOutputStream.computeUInt32SizeNoTag((int) Math.min(contentSize, Integer.MAX_VALUE))
                + contentSize;
    }

    /** Writes the tag and length of a length-delimited field; its content must follow. */
    static void delimitedHeader(CodedOutputStream out, int field, long contentSize) throws IOException {
        if (contentSize > Integer.MAX_VALUE) {
            throw new IllegalStateException("a protobuf field of " + contentSize + " bytes exceeds the 2 GB limit");
        }
        out.writeTag(field, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        out.writeUInt32NoTag((int) contentSize);
    }

    static long stringSize(int field, String value) {
        return value.isEmpty() ? 0 : CodedOutputStream.computeStringSize(field, value);
    }

    /** Writes a string field unless it is empty (absent and empty read back the same). */
    static void string(CodedOutputStream out, int field, String value) throws IOException {
        if (!value.isEmpty()) {
            out.writeString(field, value);
        }
    }

    /** Writes {@code values} as little-endian IEEE 754 bytes, the raw_data layout of a float tensor. */
    static void rawFloats(CodedOutputStream out, float[] values) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        int i = 0;
        while (i < values.length) {
            chunk.clear();
            int n = Math.min(values.length - i, CHUNK_BYTES / Float.BYTES);
            chunk.asFloatBuffer().put(values, i, n);
            out.writeRawBytes(chunk.array(), 0, n * Float.BYTES);
            i += n;
        }
    }

    /** A growable long array, so repeated fields cost no boxing. */
    static final class LongList {
        private final int limit;
        private long[] values = new long[4];
        private int size;

        LongList() {
            this(Integer.MAX_VALUE - 8);
        }

        /** A list refusing more than {@code limit} values (a tensor's rank), so a file cannot make it huge. */
        LongList(int limit) {
            this.limit = limit;
        }

        void add(long value) throws InvalidProtocolBufferException {
            if (size == limit) {
                throw new InvalidProtocolBufferException("more than " + limit + " values in a field that holds fewer");
            }
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }

    /** A growable float array, so repeated fields cost no boxing. */
    static final class FloatList {
        private float[] values = new float[4];
        private int size;

        /** Makes room for {@code more} values; callers bound it by the bytes present in the file. */
        void reserve(int more) {
            if (size + more > values.length) {
                values = Arrays.copyOf(values, size + more);
            }
        }

        void add(float value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        float[] toArray() {
            return Arrays.copyOf(values, size);
        }

        int size() {
            return size;
        }
    }
}

package dev.fovea.viz.tensorboard;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Encodes one protocol-buffer message to bytes with {@link CodedOutputStream}. A nested message is
 * written as its encoded bytes in a length-delimited field, which is exactly the wire form of an
 * embedded message.
 */
final class ProtoMessage {
    /** Writes a message's fields in order. */
    @FunctionalInterface
    interface Fields {
        void writeTo(CodedOutputStream out) throws IOException;
    }

    private ProtoMessage() {}

    static byte[] encode(Fields fields) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            fields.writeTo(out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("encoding to memory failed", e); // a ByteArrayOutputStream never throws
        }
        return bytes.toByteArray();
    }

    /** A repeated double field in packed form (proto3's default for repeated scalars). */
    static void writePackedDoubles(CodedOutputStream out, int field, double[] values) throws IOException {
        if (values.length == 0) {
            return;
        }
        out.writeTag(field, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        out.writeUInt32NoTag(values.length * Double.BYTES);
        for (double v : values) {
            out.writeDoubleNoTag(v);
        }
    }
}

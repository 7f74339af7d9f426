package dev.fovea.viz.tensorboard;

import java.nio.charset.StandardCharsets;

/**
 * TensorFlow's {@code TensorProto} (tensor.proto: dtype = 1, tensor_shape = 2, string_val = 8) for a
 * string scalar, and {@code TensorShapeProto} (tensor_shape.proto: dim = 2, each Dim with size = 1).
 */
final class TensorEncoding {
    /** DataType DT_STRING in types.proto. */
    static final int DT_STRING = 7;

    private TensorEncoding() {}

    /** A scalar (rank 0) tensor holding one UTF-8 string. */
    static byte[] stringScalar(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        return ProtoMessage.encode(out -> {
            out.writeEnum(1, DT_STRING);
            out.writeByteArray(2, shape(new long[0]));
            out.writeByteArray(8, utf8);
        });
    }

    /** A shape with the given dimension sizes; -1 means unknown, e.g. the batch dimension. */
    static byte[] shape(long[] dims) {
        return ProtoMessage.encode(out -> {
            for (long size : dims) {
                out.writeByteArray(2, ProtoMessage.encode(dim -> dim.writeInt64(1, size)));
            }
        });
    }
}

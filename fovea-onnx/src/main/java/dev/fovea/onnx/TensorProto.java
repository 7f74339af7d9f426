package dev.fovea.onnx;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * ONNX's TensorProto, the subset Fovea uses: a name, dims and float, int32 or int64 values, held
 * either in the typed fields or in raw_data (little-endian). Fovea writes float tensors as raw_data.
 * Values are decoded on demand by {@link #floats} and {@link #longs}, which check the dims against
 * the data before allocating.
 */
record TensorProto(String name, long[] dims, int dataType, float[] floatData, long[] intData, ByteBuffer rawData,
                   boolean external) {
    static final int FLOAT = 1;
    static final int INT32 = 6;
    static final int INT64 = 7;

    private static final int DIMS = 1;
    private static final int DATA_TYPE = 2;
    private static final int FLOAT_DATA = 4;
    private static final int INT32_DATA = 5;
    private static final int INT64_DATA = 7;
    private static final int NAME = 8;
    private static final int RAW_DATA = 9;
    private static final int DATA_LOCATION = 14;
    private static final int EXTERNAL = 1;
    /** More dims than any tensor Fovea reads has; the bound keeps a damaged file from listing millions. */
    private static final int MAX_RANK = 64;

    /** A float tensor to write. */
    static TensorProto ofFloats(String name, float[] values, long... dims) {
        return new TensorProto(name, dims.clone(), FLOAT, values, null, null, false);
    }

    /** A scalar float tensor (no dims) to write. */
    static TensorProto scalar(String name, float value) {
        return ofFloats(name, new float[] {value});
    }

    /** An int64 tensor, as a Constant node's value or an integer initializer. */
    static TensorProto ofLongs(String name, long[] values, long... dims) {
        return new TensorProto(name, dims.clone(), INT64, null, values.clone(), null, false);
    }

    /** The number of values the dims declare; throws if a dim is negative or there are too many to hold. */
    long elementCount() {
        long count = 1;
        for (long d : dims) {
            if (d < 0) {
                throw new InvalidOnnx("tensor '" + name + "' has a negative dimension in " + Arrays.toString(dims));
            }
            count = d == 0 ? 0 : count <= Integer.MAX_VALUE / d ? count * d : Long.MAX_VALUE;
        }
        if (count > Integer.MAX_VALUE - 8) {
            throw new InvalidOnnx("tensor '" + name + "' with dims " + Arrays.toString(dims)
                    + " has more values than one array holds");
        }
        return count;
    }

    /** The values of a FLOAT tensor, checked against its dims. */
    float[] floats() {
        if (dataType != FLOAT) {
            throw new InvalidOnnx("tensor '" + name + "' has data type " + dataType + ", expected FLOAT (1)");
        }
        int count = checkedCount(Float.BYTES, floatData == null ? 0 : floatData.length);
        if (rawData == null) {
            return floatData == null ? new float[0] : floatData.clone();
        }
        float[] values = new float[count];
        rawData.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    }

    /** The values of an INT32 or INT64 tensor (shapes, indices, axes), checked against its dims. */
    long[] longs() {
        if (dataType != INT64 && dataType != INT32) {
            throw new InvalidOnnx("tensor '" + name + "' has data type " + dataType + ", expected INT64 (7) or INT32 (6)");
        }
        int width = dataType == INT64 ? Long.BYTES : Integer.BYTES;
        int count = checkedCount(width, intData == null ? 0 : intData.length);
        if (rawData == null) {
            return intData == null ? new long[0] : intData.clone();
        }
        ByteBuffer raw = rawData.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        long[] values = new long[count];
        for (int i = 0; i < count; i++) {
            values[i] = width == Long.BYTES ? raw.getLong() : raw.getInt();
        }
        return values;
    }

    /** The declared value count, after checking that the stored data holds exactly that many. */
    private int checkedCount(int bytesPerValue, int typedValues) {
        if (external) {
            throw new InvalidOnnx("tensor '" + name + "' keeps its data in an external file, which Fovea does not read");
        }
        int count = (int) elementCount();
        long stored = rawData != null ? rawData.remaining() : (long) typedValues * bytesPerValue;
        if (stored != (long) count * bytesPerValue) {
            throw new InvalidOnnx("tensor '" + name + "' with dims " + Arrays.toString(dims) + " needs "
                    + (long) count * bytesPerValue + " bytes of data, the file has " + stored);
        }
        return count;
    }

    static TensorProto read(CodedInputStream in) throws IOException {
        Wire.LongList dims = new Wire.LongList(MAX_RANK);
        Wire.FloatList floats = new Wire.FloatList();
        Wire.LongList ints = new Wire.LongList();
        boolean hasInts = false;
        String name = "";
        int dataType = 0;
        ByteBuffer raw = null;
        boolean external = false;
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case DIMS -> Wire.longs(in, tag, dims);
                case DATA_TYPE -> dataType = in.readInt32();
                case FLOAT_DATA -> Wire.floats(in, tag, floats);
                case INT32_DATA, INT64_DATA -> {
                    Wire.longs(in, tag, ints);
                    hasInts = true;
                }
                case NAME -> name = in.readString();
                case RAW_DATA -> raw = in.readByteBuffer();
                case DATA_LOCATION -> external = in.readInt32() == EXTERNAL;
                default -> in.skipField(tag);
            }
        }
        return new TensorProto(name, dims.toArray(), dataType, floats.size() > 0 ? floats.toArray() : null,
                hasInts ? ints.toArray() : null, raw, external);
    }

    long serializedSize() {
        long size = Wire.stringSize(NAME, name) + CodedOutputStream.computeInt32Size(DATA_TYPE, dataType);
        for (long d : dims) {
            size += CodedOutputStream.computeInt64Size(DIMS, d);
        }
        return size + Wire.delimitedSize(RAW_DATA, dataBytes());
    }

    void writeTo(CodedOutputStream out) throws IOException {
        for (long d : dims) {
            out.writeInt64(DIMS, d);
        }
        out.writeInt32(DATA_TYPE, dataType);
        Wire.string(out, NAME, name);
        Wire.delimitedHeader(out, RAW_DATA, dataBytes());
        if (dataType == FLOAT) {
            Wire.rawFloats(out, floatData);
        } else {
            for (long v : intData) {
                out.writeFixed64NoTag(v);
            }
        }
    }

    private long dataBytes() {
        return dataType == FLOAT ? (long) floatData.length * Float.BYTES : (long) intData.length * Long.BYTES;
    }
}

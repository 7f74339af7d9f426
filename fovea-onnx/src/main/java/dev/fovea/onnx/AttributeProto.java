package dev.fovea.onnx;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * ONNX's AttributeProto: a named float, int, string, tensor, or list of floats or ints. Graph
 * and other attribute kinds are recognised by their type only (no operator Fovea reads has them).
 */
record AttributeProto(String name, int type, float f, long i, String s, TensorProto t, float[] floats, long[] ints) {
    static final int FLOAT = 1;
    static final int INT = 2;
    static final int STRING = 3;
    static final int TENSOR = 4;
    static final int FLOATS = 6;
    static final int INTS = 7;

    private static final int NAME = 1;
    private static final int F = 2;
    private static final int I = 3;
    private static final int S = 4;
    private static final int T = 5;
    private static final int FLOATS_FIELD = 7;
    private static final int INTS_FIELD = 8;
    private static final int TYPE = 20;

    /** ONNX's name of an attribute type, for messages. */
    static String typeName(int type) {
        String[] names = {"UNDEFINED", "FLOAT", "INT", "STRING", "TENSOR", "GRAPH", "FLOATS", "INTS", "STRINGS",
                "TENSORS", "GRAPHS"};
        return type >= 0 && type < names.length ? names[type] : "type " + type;
    }

    static AttributeProto ofInt(String name, long value) {
        return new AttributeProto(name, INT, 0f, value, "", null, null, null);
    }

    static AttributeProto ofInts(String name, long... values) {
        return new AttributeProto(name, INTS, 0f, 0L, "", null, null, values.clone());
    }

    static AttributeProto ofFloat(String name, float value) {
        return new AttributeProto(name, FLOAT, value, 0L, "", null, null, null);
    }

    static AttributeProto ofString(String name, String value) {
        return new AttributeProto(name, STRING, 0f, 0L, value, null, null, null);
    }

    static AttributeProto read(CodedInputStream in) throws IOException {
        String name = "";
        int type = 0;
        float f = 0f;
        long i = 0L;
        String s = "";
        TensorProto t = null;
        Wire.FloatList floats = new Wire.FloatList();
        Wire.LongList ints = new Wire.LongList();
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case NAME -> name = in.readString();
                case F -> f = in.readFloat();
                case I -> i = in.readInt64();
                case S -> s = new String(in.readByteArray(), StandardCharsets.UTF_8);
                case T -> t = Wire.message(in, TensorProto::read);
                case FLOATS_FIELD -> Wire.floats(in, tag, floats);
                case INTS_FIELD -> Wire.longs(in, tag, ints);
                case TYPE -> type = in.readInt32();
                default -> in.skipField(tag);
            }
        }
        return new AttributeProto(name, type, f, i, s, t, floats.toArray(), ints.toArray());
    }

    long serializedSize() {
        long size = Wire.stringSize(NAME, name) + CodedOutputStream.computeInt32Size(TYPE, type);
        switch (type) {
            case FLOAT -> size += CodedOutputStream.computeFloatSize(F, f);
            case INT -> size += CodedOutputStream.computeInt64Size(I, i);
            case STRING -> size += CodedOutputStream.computeStringSize(S, s);
            case INTS -> {
                for (long v : ints) {
                    size += CodedOutputStream.computeInt64Size(INTS_FIELD, v);
                }
            }
            default -> throw new IllegalStateException("Fovea does not write attributes of type " + type);
        }
        return size;
    }

    void writeTo(CodedOutputStream out) throws IOException {
        Wire.string(out, NAME, name);
        switch (type) {
            case FLOAT -> out.writeFloat(F, f);
            case INT -> out.writeInt64(I, i);
            case STRING -> out.writeString(S, s);
            case INTS -> {
                for (long v : ints) {
                    out.writeInt64(INTS_FIELD, v);
                }
            }
            default -> throw new IllegalStateException("Fovea does not write attributes of type " + type);
        }
        out.writeInt32(TYPE, type);
    }
}

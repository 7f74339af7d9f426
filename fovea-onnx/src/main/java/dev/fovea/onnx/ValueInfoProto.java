package dev.fovea.onnx;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * ONNX's ValueInfoProto with the tensor case of its TypeProto flattened in: a graph input's or
 * output's name, element type and shape, each dimension a number or a symbol such as "N".
 * A value whose type is not a tensor (a sequence, a map) reads with {@code tensor} false.
 */
record ValueInfoProto(String name, boolean tensor, int elemType, List<Dim> dims) {
    /** A fixed size ({@code param} empty) or a symbolic one ({@code value} -1); both unknown is -1 and "". */
    record Dim(long value, String param) {
        static Dim of(long value) {
            return new Dim(value, "");
        }

        static Dim symbol(String param) {
            return new Dim(-1, param);
        }

        boolean fixed() {
            return value >= 0;
        }

        @Override
        public String toString() {
            return fixed() ? Long.toString(value) : param.isEmpty() ? "?" : param;
        }

        long serializedSize() {
            return fixed() ? CodedOutputStream.computeInt64Size(DIM_VALUE, value) : Wire.stringSize(DIM_PARAM, param);
        }

        void writeTo(CodedOutputStream out) throws IOException {
            if (fixed()) {
                out.writeInt64(DIM_VALUE, value);
            } else {
                Wire.string(out, DIM_PARAM, param);
            }
        }
    }

    private static final int NAME = 1;
    private static final int TYPE = 2;
    private static final int TENSOR_TYPE = 1;
    private static final int ELEM_TYPE = 1;
    private static final int SHAPE = 2;
    private static final int DIM = 1;
    private static final int DIM_VALUE = 1;
    private static final int DIM_PARAM = 2;

    ValueInfoProto {
        dims = List.copyOf(dims);
    }

    /** A float tensor value of the given dims. */
    static ValueInfoProto floats(String name, List<Dim> dims) {
        return new ValueInfoProto(name, true, TensorProto.FLOAT, dims);
    }

    static ValueInfoProto read(CodedInputStream in) throws IOException {
        String name = "";
        ValueInfoProto type = new ValueInfoProto("", false, 0, List.of());
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case NAME -> name = in.readString();
                case TYPE -> type = Wire.message(in, ValueInfoProto::readType);
                default -> in.skipField(tag);
            }
        }
        return new ValueInfoProto(name, type.tensor, type.elemType, type.dims);
    }

    /** TypeProto: only its tensor_type case is kept. */
    private static ValueInfoProto readType(CodedInputStream in) throws IOException {
        ValueInfoProto type = new ValueInfoProto("", false, 0, List.of());
        int tag;
        while ((tag = in.readTag()) != 0) {
            if (WireFormat.getTagFieldNumber(tag) == TENSOR_TYPE) {
                type = Wire.message(in, ValueInfoProto::readTensorType);
            } else {
                in.skipField(tag);
            }
        }
        return type;
    }

    private static ValueInfoProto readTensorType(CodedInputStream in) throws IOException {
        int elemType = 0;
        List<Dim> dims = List.of();
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case ELEM_TYPE -> elemType = in.readInt32();
                case SHAPE -> dims = Wire.message(in, ValueInfoProto::readShape);
                default -> in.skipField(tag);
            }
        }
        return new ValueInfoProto("", true, elemType, dims);
    }

    private static List<Dim> readShape(CodedInputStream in) throws IOException {
        List<Dim> dims = new ArrayList<>();
        int tag;
        while ((tag = in.readTag()) != 0) {
            if (WireFormat.getTagFieldNumber(tag) == DIM) {
                dims.add(Wire.message(in, ValueInfoProto::readDim));
            } else {
                in.skipField(tag);
            }
        }
        return dims;
    }

    private static Dim readDim(CodedInputStream in) throws IOException {
        Dim dim = new Dim(-1, "");
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case DIM_VALUE -> dim = new Dim(in.readInt64(), "");
                case DIM_PARAM -> dim = Dim.symbol(in.readString());
                default -> in.skipField(tag);
            }
        }
        return dim;
    }

    long serializedSize() {
        return Wire.stringSize(NAME, name) + Wire.delimitedSize(TYPE, typeSize());
    }

    void writeTo(CodedOutputStream out) throws IOException {
        Wire.string(out, NAME, name);
        Wire.delimitedHeader(out, TYPE, typeSize());
        Wire.delimitedHeader(out, TENSOR_TYPE, tensorTypeSize());
        out.writeInt32(ELEM_TYPE, elemType);
        Wire.delimitedHeader(out, SHAPE, shapeSize());
        for (Dim d : dims) {
            Wire.delimitedHeader(out, DIM, d.serializedSize());
            d.writeTo(out);
        }
    }

    private long typeSize() {
        return Wire.delimitedSize(TENSOR_TYPE, tensorTypeSize());
    }

    private long tensorTypeSize() {
        return CodedOutputStream.computeInt32Size(ELEM_TYPE, elemType) + Wire.delimitedSize(SHAPE, shapeSize());
    }

    private long shapeSize() {
        long size = 0;
        for (Dim d : dims) {
            size += Wire.delimitedSize(DIM, d.serializedSize());
        }
        return size;
    }
}

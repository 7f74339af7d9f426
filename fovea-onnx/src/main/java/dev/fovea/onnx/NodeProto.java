package dev.fovea.onnx;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * ONNX's NodeProto: one operator application, its input and output value names and attributes,
 * with typed attribute look-ups that name the node when an attribute has the wrong kind.
 */
record NodeProto(String name, String opType, String domain, List<String> inputs, List<String> outputs,
                 List<AttributeProto> attributes) {
    private static final int INPUT = 1;
    private static final int OUTPUT = 2;
    private static final int NAME = 3;
    private static final int OP_TYPE = 4;
    private static final int ATTRIBUTE = 5;
    private static final int DOMAIN = 7;

    NodeProto {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        attributes = List.copyOf(attributes);
    }

    /** "node 'conv1' (Conv)", or by its first output when the node has no name; for messages. */
    String describe() {
        String id = !name.isEmpty() ? "'" + name + "'" : !outputs.isEmpty() ? "producing '" + outputs.get(0) + "'" : "(unnamed)";
        return "node " + id + " (" + opType + ")";
    }

    /** The attribute named {@code key}, or null. */
    AttributeProto attribute(String key) {
        for (AttributeProto a : attributes) {
            if (a.name().equals(key)) {
                return a;
            }
        }
        return null;
    }

    long intAttribute(String key, long fallback) {
        AttributeProto a = typed(key, AttributeProto.INT);
        return a == null ? fallback : a.i();
    }

    float floatAttribute(String key, float fallback) {
        AttributeProto a = typed(key, AttributeProto.FLOAT);
        return a == null ? fallback : a.f();
    }

    String stringAttribute(String key, String fallback) {
        AttributeProto a = typed(key, AttributeProto.STRING);
        return a == null ? fallback : a.s();
    }

    /** An INTS attribute, or null when absent. */
    long[] intsAttribute(String key) {
        AttributeProto a = typed(key, AttributeProto.INTS);
        return a == null ? null : a.ints();
    }

    private AttributeProto typed(String key, int type) {
        AttributeProto a = attribute(key);
        if (a != null && a.type() != type) {
            throw new InvalidOnnx(describe() + ": attribute '" + key + "' is " + AttributeProto.typeName(a.type())
                    + ", expected " + AttributeProto.typeName(type));
        }
        return a;
    }

    /** The input at {@code index}, or "" when the node has fewer (ONNX's mark of an omitted optional input). */
    String input(int index) {
        return index < inputs.size() ? inputs.get(index) : "";
    }

    static NodeProto read(CodedInputStream in) throws IOException {
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        List<AttributeProto> attributes = new ArrayList<>();
        String name = "";
        String opType = "";
        String domain = "";
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case INPUT -> inputs.add(in.readString());
                case OUTPUT -> outputs.add(in.readString());
                case NAME -> name = in.readString();
                case OP_TYPE -> opType = in.readString();
                case ATTRIBUTE -> attributes.add(Wire.message(in, AttributeProto::read));
                case DOMAIN -> domain = in.readString();
                default -> in.skipField(tag);
            }
        }
        return new NodeProto(name, opType, domain, inputs, outputs, attributes);
    }

    long serializedSize() {
        long size = Wire.stringSize(NAME, name) + Wire.stringSize(OP_TYPE, opType) + Wire.stringSize(DOMAIN, domain);
        for (String s : inputs) {
            size += CodedOutputStream.computeStringSize(INPUT, s);
        }
        for (String s : outputs) {
            size += CodedOutputStream.computeStringSize(OUTPUT, s);
        }
        for (AttributeProto a : attributes) {
            size += Wire.delimitedSize(ATTRIBUTE, a.serializedSize());
        }
        return size;
    }

    void writeTo(CodedOutputStream out) throws IOException {
        for (String s : inputs) {
            out.writeString(INPUT, s);
        }
        for (String s : outputs) {
            out.writeString(OUTPUT, s);
        }
        Wire.string(out, NAME, name);
        Wire.string(out, OP_TYPE, opType);
        for (AttributeProto a : attributes) {
            Wire.delimitedHeader(out, ATTRIBUTE, a.serializedSize());
            a.writeTo(out);
        }
        Wire.string(out, DOMAIN, domain);
    }
}

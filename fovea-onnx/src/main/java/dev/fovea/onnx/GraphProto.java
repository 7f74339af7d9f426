package dev.fovea.onnx;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** ONNX's GraphProto: nodes in topological order, initializers (constant tensors), inputs and outputs. */
record GraphProto(String name, List<NodeProto> nodes, List<TensorProto> initializers, List<ValueInfoProto> inputs,
                  List<ValueInfoProto> outputs) {
    private static final int NODE = 1;
    private static final int NAME = 2;
    private static final int INITIALIZER = 5;
    private static final int INPUT = 11;
    private static final int OUTPUT = 12;

    GraphProto {
        nodes = List.copyOf(nodes);
        initializers = List.copyOf(initializers);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    static GraphProto read(CodedInputStream in) throws IOException {
        List<NodeProto> nodes = new ArrayList<>();
        List<TensorProto> initializers = new ArrayList<>();
        List<ValueInfoProto> inputs = new ArrayList<>();
        List<ValueInfoProto> outputs = new ArrayList<>();
        String name = "";
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case NODE -> nodes.add(Wire.message(in, NodeProto::read));
                case NAME -> name = in.readString();
                case INITIALIZER -> initializers.add(Wire.message(in, TensorProto::read));
                case INPUT -> inputs.add(Wire.message(in, ValueInfoProto::read));
                case OUTPUT -> outputs.add(Wire.message(in, ValueInfoProto::read));
                default -> in.skipField(tag);
            }
        }
        return new GraphProto(name, nodes, initializers, inputs, outputs);
    }

    long serializedSize() {
        long size = Wire.stringSize(NAME, name);
        for (NodeProto n : nodes) {
            size += Wire.delimitedSize(NODE, n.serializedSize());
        }
        for (TensorProto t : initializers) {
            size += Wire.delimitedSize(INITIALIZER, t.serializedSize());
        }
        for (ValueInfoProto v : inputs) {
            size += Wire.delimitedSize(INPUT, v.serializedSize());
        }
        for (ValueInfoProto v : outputs) {
            size += Wire.delimitedSize(OUTPUT, v.serializedSize());
        }
        return size;
    }

    void writeTo(CodedOutputStream out) throws IOException {
        for (NodeProto n : nodes) {
            Wire.delimitedHeader(out, NODE, n.serializedSize());
            n.writeTo(out);
        }
        Wire.string(out, NAME, name);
        for (TensorProto t : initializers) {
            Wire.delimitedHeader(out, INITIALIZER, t.serializedSize());
            t.writeTo(out);
        }
        for (ValueInfoProto v : inputs) {
            Wire.delimitedHeader(out, INPUT, v.serializedSize());
            v.writeTo(out);
        }
        for (ValueInfoProto v : outputs) {
            Wire.delimitedHeader(out, OUTPUT, v.serializedSize());
            v.writeTo(out);
        }
    }
}

package dev.fovea.onnx;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ONNX's ModelProto, the top-level message of an .onnx file: IR version, operator sets by domain
 * (OperatorSetIdProto), producer, the graph, and metadata_props (StringStringEntryProto).
 */
record ModelProto(long irVersion, Map<String, Long> opsets, String producerName, String producerVersion,
                  GraphProto graph, Map<String, String> metadata) {
    private static final int IR_VERSION = 1;
    private static final int PRODUCER_NAME = 2;
    private static final int PRODUCER_VERSION = 3;
    private static final int GRAPH = 7;
    private static final int OPSET_IMPORT = 8;
    private static final int METADATA_PROPS = 14;
    /** Field numbers shared by OperatorSetIdProto (domain, version) and StringStringEntryProto (key, value). */
    private static final int FIRST = 1;
    private static final int SECOND = 2;

    ModelProto {
        // Insertion order kept, so a model is written byte for byte the same every time.
        opsets = Collections.unmodifiableMap(new LinkedHashMap<>(opsets));
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** Decodes a whole file's bytes; the graph's tensors keep pointing into {@code bytes}. */
    static ModelProto parse(byte[] bytes) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        in.enableAliasing(true);
        in.pushLimit(bytes.length);
        long irVersion = 0;
        Map<String, Long> opsets = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        String producerName = "";
        String producerVersion = "";
        GraphProto graph = null;
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case IR_VERSION -> irVersion = in.readInt64();
                case PRODUCER_NAME -> producerName = in.readString();
                case PRODUCER_VERSION -> producerVersion = in.readString();
                case GRAPH -> graph = Wire.message(in, GraphProto::read);
                case OPSET_IMPORT -> {
                    Map.Entry<String, String> e = Wire.message(in, ModelProto::readPair);
                    try {
                        opsets.put(e.getKey(), Long.parseLong(e.getValue()));
                    } catch (NumberFormatException bad) {
                        throw new InvalidOnnx("opset_import of domain '" + e.getKey() + "' has no version");
                    }
                }
                case METADATA_PROPS -> {
                    Map.Entry<String, String> e = Wire.message(in, ModelProto::readPair);
                    metadata.put(e.getKey(), e.getValue());
                }
                default -> in.skipField(tag);
            }
        }
        if (graph == null) {
            throw new InvalidOnnx("the model has no graph");
        }
        return new ModelProto(irVersion, opsets, producerName, producerVersion, graph, metadata);
    }

    /** An OperatorSetIdProto (its version as text) or a StringStringEntryProto. */
    private static Map.Entry<String, String> readPair(CodedInputStream in) throws IOException {
        String first = "";
        String second = "";
        int tag;
        while ((tag = in.readTag()) != 0) {
            int field = WireFormat.getTagFieldNumber(tag);
            int wireType = WireFormat.getTagWireType(tag);
            if (field == FIRST && wireType == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                first = in.readString();
            } else if (field == SECOND && wireType == WireFormat.WIRETYPE_VARINT) {
                second = Long.toString(in.readInt64());
            } else if (field == SECOND && wireType == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                second = in.readString();
            } else {
                in.skipField(tag);
            }
        }
        return Map.entry(first, second);
    }

    /** Streams the encoded model to {@code out}; throws if it exceeds protobuf's 2 GB limit. */
    void writeTo(OutputStream stream) throws IOException {
        long size = serializedSize();
        if (size > Integer.MAX_VALUE) {
            throw new IllegalStateException("the model needs " + size + " bytes, more than one ONNX file holds (2 GB)");
        }
        CodedOutputStream out = CodedOutputStream.newInstance(stream);
        out.writeInt64(IR_VERSION, irVersion);
        Wire.string(out, PRODUCER_NAME, producerName);
        Wire.string(out, PRODUCER_VERSION, producerVersion);
        Wire.delimitedHeader(out, GRAPH, graph.serializedSize());
        graph.writeTo(out);
        for (Map.Entry<String, Long> e : opsets.entrySet()) {
            long content = Wire.stringSize(FIRST, e.getKey()) + CodedOutputStream.computeInt64Size(SECOND, e.getValue());
            Wire.delimitedHeader(out, OPSET_IMPORT, content);
            Wire.string(out, FIRST, e.getKey());
            out.writeInt64(SECOND, e.getValue());
        }
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            Wire.delimitedHeader(out, METADATA_PROPS, pairSize(e.getKey(), e.getValue()));
            Wire.string(out, FIRST, e.getKey());
            Wire.string(out, SECOND, e.getValue());
        }
        out.flush();
    }

    long serializedSize() {
        long size = CodedOutputStream.computeInt64Size(IR_VERSION, irVersion) + Wire.stringSize(PRODUCER_NAME, producerName)
                + Wire.stringSize(PRODUCER_VERSION, producerVersion) + Wire.delimitedSize(GRAPH, graph.serializedSize());
        for (Map.Entry<String, Long> e : opsets.entrySet()) {
            size += Wire.delimitedSize(OPSET_IMPORT,
                    Wire.stringSize(FIRST, e.getKey()) + CodedOutputStream.computeInt64Size(SECOND, e.getValue()));
        }
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            size += Wire.delimitedSize(METADATA_PROPS, pairSize(e.getKey(), e.getValue()));
        }
        return size;
    }

    private static long pairSize(String key, String value) {
        return Wire.stringSize(FIRST, key) + Wire.stringSize(SECOND, value);
    }
}

package dev.fovea.viz.tensorboard;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the Event messages of an events file by field number, independently of the encoders: the
 * numbers here are typed from TensorBoard's .proto files. Strict: a field a message should not
 * have, or a field with the wrong wire type, fails the parse, so a wrong field number cannot pass
 * unnoticed.
 */
public final class EventReader {
    public record Event(double wallTime, long step, String fileVersion, byte[] graphDef, List<Value> values) {}

    /** One Summary.Value; exactly one of simpleValue, histogram, image, tensor is non-null. */
    record Value(String tag, Float simpleValue, Histo histogram, Image image, Tensor tensor, String pluginName) {}

    record Histo(double min, double max, double num, double sum, double sumSquares, List<Double> limits,
                 List<Double> counts) {}

    record Image(int height, int width, int colorspace, byte[] encoded) {}

    record Tensor(int dtype, List<Long> shape, List<String> strings) {}

    record Node(String name, String op, List<String> inputs, Map<String, Attr> attrs) {}

    /** An AttrValue: a string, or a list of shapes. */
    record Attr(String s, List<List<Long>> shapes) {}

    private EventReader() {}

    public static List<Event> read(Path file) throws IOException {
        List<Event> events = new ArrayList<>();
        for (byte[] record : TfRecordReader.read(file)) {
            events.add(event(record));
        }
        return events;
    }

    /** Every summary value in the file with the step of its event, in order. */
    static List<Map.Entry<Long, Value>> values(Path file) throws IOException {
        List<Map.Entry<Long, Value>> values = new ArrayList<>();
        for (Event event : read(file)) {
            for (Value value : event.values()) {
                values.add(Map.entry(event.step(), value));
            }
        }
        return values;
    }

    static Event event(byte[] bytes) {
        return parse(bytes, "Event", in -> {
            double wallTime = 0;
            long step = 0;
            String fileVersion = null;
            byte[] graphDef = null;
            List<Value> values = new ArrayList<>();
            for (int tag; (tag = in.readTag()) != 0; ) {
                switch (WireFormat.getTagFieldNumber(tag)) {
                    case 1 -> wallTime = wire(tag, WireFormat.WIRETYPE_FIXED64, in).readDouble();
                    case 2 -> step = wire(tag, WireFormat.WIRETYPE_VARINT, in).readInt64();
                    case 3 -> fileVersion = delimited(tag, in).readStringRequireUtf8();
                    case 4 -> graphDef = delimited(tag, in).readByteArray();
                    case 5 -> values.addAll(summary(delimited(tag, in).readByteArray()));
                    default -> throw unexpected(tag, "Event");
                }
            }
            return new Event(wallTime, step, fileVersion, graphDef, values);
        });
    }

    private static List<Value> summary(byte[] bytes) {
        return parse(bytes, "Summary", in -> {
            List<Value> values = new ArrayList<>();
            for (int tag; (tag = in.readTag()) != 0; ) {
                if (WireFormat.getTagFieldNumber(tag) != 1) {
                    throw unexpected(tag, "Summary");
                }
                values.add(value(delimited(tag, in).readByteArray()));
            }
            return values;
        });
    }

    private static Value value(byte[] bytes) {
        return parse(bytes, "Summary.Value", in -> {
            String tagName = null;
            Float simple = null;
            Histo histo = null;
            Image image = null;
            Tensor tensor = null;
            String plugin = null;
            for (int tag; (tag = in.readTag()) != 0; ) {
                switch (WireFormat.getTagFieldNumber(tag)) {
                    case 1 -> tagName = delimited(tag, in).readStringRequireUtf8();
                    case 2 -> simple = wire(tag, WireFormat.WIRETYPE_FIXED32, in).readFloat();
                    case 4 -> image = image(delimited(tag, in).readByteArray());
                    case 5 -> histo = histo(delimited(tag, in).readByteArray());
                    case 8 -> tensor = tensor(delimited(tag, in).readByteArray());
                    case 9 -> plugin = pluginName(delimited(tag, in).readByteArray());
                    default -> throw unexpected(tag, "Summary.Value");
                }
            }
            return new Value(tagName, simple, histo, image, tensor, plugin);
        });
    }

    private static Histo histo(byte[] bytes) {
        return parse(bytes, "HistogramProto", in -> {
            double[] scalars = new double[5];
            List<Double> limits = new ArrayList<>();
            List<Double> counts = new ArrayList<>();
            for (int tag; (tag = in.readTag()) != 0; ) {
                int field = WireFormat.getTagFieldNumber(tag);
                if (field >= 1 && field <= 5) {
                    scalars[field - 1] = wire(tag, WireFormat.WIRETYPE_FIXED64, in).readDouble();
                } else if (field == 6 || field == 7) {
                    readDoubles(tag, in, field == 6 ? limits : counts);
                } else {
                    throw unexpected(tag, "HistogramProto");
                }
            }
            return new Histo(scalars[0], scalars[1], scalars[2], scalars[3], scalars[4], limits, counts);
        });
    }

    private static Image image(byte[] bytes) {
        return parse(bytes, "Summary.Image", in -> {
            int[] ints = new int[3];
            byte[] encoded = null;
            for (int tag; (tag = in.readTag()) != 0; ) {
                int field = WireFormat.getTagFieldNumber(tag);
                if (field >= 1 && field <= 3) {
                    ints[field - 1] = wire(tag, WireFormat.WIRETYPE_VARINT, in).readInt32();
                } else if (field == 4) {
                    encoded = delimited(tag, in).readByteArray();
                } else {
                    throw unexpected(tag, "Summary.Image");
                }
            }
            return new Image(ints[0], ints[1], ints[2], encoded);
        });
    }

    private static Tensor tensor(byte[] bytes) {
        return parse(bytes, "TensorProto", in -> {
            int dtype = 0;
            List<Long> shape = null;
            List<String> strings = new ArrayList<>();
            for (int tag; (tag = in.readTag()) != 0; ) {
                switch (WireFormat.getTagFieldNumber(tag)) {
                    case 1 -> dtype = wire(tag, WireFormat.WIRETYPE_VARINT, in).readEnum();
                    case 2 -> shape = shape(delimited(tag, in).readByteArray());
                    case 8 -> strings.add(new String(delimited(tag, in).readByteArray(), StandardCharsets.UTF_8));
                    default -> throw unexpected(tag, "TensorProto");
                }
            }
            return new Tensor(dtype, shape, strings);
        });
    }

    private static List<Long> shape(byte[] bytes) {
        return parse(bytes, "TensorShapeProto", in -> {
            List<Long> dims = new ArrayList<>();
            for (int tag; (tag = in.readTag()) != 0; ) {
                if (WireFormat.getTagFieldNumber(tag) != 2) {
                    throw unexpected(tag, "TensorShapeProto");
                }
                dims.add(parse(delimited(tag, in).readByteArray(), "TensorShapeProto.Dim", dim -> {
                    long size = 0;
                    for (int t; (t = dim.readTag()) != 0; ) {
                        if (WireFormat.getTagFieldNumber(t) != 1) {
                            throw unexpected(t, "TensorShapeProto.Dim");
                        }
                        size = wire(t, WireFormat.WIRETYPE_VARINT, dim).readInt64();
                    }
                    return size;
                }));
            }
            return dims;
        });
    }

    /** SummaryMetadata.plugin_data (1).plugin_name (1); other metadata fields are not expected. */
    private static String pluginName(byte[] metadata) {
        byte[] pluginData = parse(metadata, "SummaryMetadata", in -> {
            byte[] found = null;
            for (int tag; (tag = in.readTag()) != 0; ) {
                if (WireFormat.getTagFieldNumber(tag) != 1) {
                    throw unexpected(tag, "SummaryMetadata");
                }
                found = delimited(tag, in).readByteArray();
            }
            return found;
        });
        if (pluginData == null) {
            throw new AssertionError("SummaryMetadata without plugin_data");
        }
        return parse(pluginData, "PluginData", in -> {
            String name = null;
            for (int tag; (tag = in.readTag()) != 0; ) {
                switch (WireFormat.getTagFieldNumber(tag)) {
                    case 1 -> name = delimited(tag, in).readStringRequireUtf8();
                    case 2 -> delimited(tag, in).readByteArray(); // content: plugin-specific, may be present
                    default -> throw unexpected(tag, "PluginData");
                }
            }
            return name;
        });
    }

    /** The nodes of a GraphDef. */
    public static List<Node> graph(byte[] graphDef) {
        return parse(graphDef, "GraphDef", in -> {
            List<Node> nodes = new ArrayList<>();
            for (int tag; (tag = in.readTag()) != 0; ) {
                if (WireFormat.getTagFieldNumber(tag) != 1) {
                    throw unexpected(tag, "GraphDef");
                }
                nodes.add(node(delimited(tag, in).readByteArray()));
            }
            return nodes;
        });
    }

    private static Node node(byte[] bytes) {
        return parse(bytes, "NodeDef", in -> {
            String name = null;
            String op = null;
            List<String> inputs = new ArrayList<>();
            Map<String, Attr> attrs = new LinkedHashMap<>();
            for (int tag; (tag = in.readTag()) != 0; ) {
                switch (WireFormat.getTagFieldNumber(tag)) {
                    case 1 -> name = delimited(tag, in).readStringRequireUtf8();
                    case 2 -> op = delimited(tag, in).readStringRequireUtf8();
                    case 3 -> inputs.add(delimited(tag, in).readStringRequireUtf8());
                    case 5 -> attrEntry(delimited(tag, in).readByteArray(), attrs);
                    default -> throw unexpected(tag, "NodeDef");
                }
            }
            return new Node(name, op, inputs, attrs);
        });
    }

    private static void attrEntry(byte[] bytes, Map<String, Attr> into) {
        parse(bytes, "NodeDef.AttrEntry", in -> {
            String key = null;
            Attr value = null;
            for (int tag; (tag = in.readTag()) != 0; ) {
                switch (WireFormat.getTagFieldNumber(tag)) {
                    case 1 -> key = delimited(tag, in).readStringRequireUtf8();
                    case 2 -> value = attrValue(delimited(tag, in).readByteArray());
                    default -> throw unexpected(tag, "NodeDef.AttrEntry");
                }
            }
            into.put(key, value);
            return null;
        });
    }

    private static Attr attrValue(byte[] bytes) {
        return parse(bytes, "AttrValue", in -> {
            String s = null;
            List<List<Long>> shapes = null;
            for (int tag; (tag = in.readTag()) != 0; ) {
                switch (WireFormat.getTagFieldNumber(tag)) {
                    case 2 -> s = new String(delimited(tag, in).readByteArray(), StandardCharsets.UTF_8);
                    case 1 -> shapes = shapeList(delimited(tag, in).readByteArray());
                    default -> throw unexpected(tag, "AttrValue");
                }
            }
            return new Attr(s, shapes);
        });
    }

    /** AttrValue.ListValue holding shapes (field 7). */
    private static List<List<Long>> shapeList(byte[] bytes) {
        return parse(bytes, "AttrValue.ListValue", in -> {
            List<List<Long>> shapes = new ArrayList<>();
            for (int tag; (tag = in.readTag()) != 0; ) {
                if (WireFormat.getTagFieldNumber(tag) != 7) {
                    throw unexpected(tag, "AttrValue.ListValue");
                }
                shapes.add(shape(delimited(tag, in).readByteArray()));
            }
            return shapes;
        });
    }

    /** A repeated double, packed (one length-delimited run) or not (one fixed64 per value). */
    private static void readDoubles(int tag, CodedInputStream in, List<Double> into) throws IOException {
        if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_FIXED64) {
            into.add(in.readDouble());
            return;
        }
        int limit = in.pushLimit(delimited(tag, in).readRawVarint32());
        while (!in.isAtEnd()) {
            into.add(in.readDouble());
        }
        in.popLimit(limit);
    }

    @FunctionalInterface
    private interface Parser<T> {
        T read(CodedInputStream in) throws IOException;
    }

    private static <T> T parse(byte[] bytes, String message, Parser<T> parser) {
        try {
            return parser.read(CodedInputStream.newInstance(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("malformed " + message, e);
        }
    }

    private static CodedInputStream wire(int tag, int wireType, CodedInputStream in) {
        if (WireFormat.getTagWireType(tag) != wireType) {
            throw new AssertionError("field " + WireFormat.getTagFieldNumber(tag) + " has wire type "
                    + WireFormat.getTagWireType(tag) + ", expected " + wireType);
        }
        return in;
    }

    private static CodedInputStream delimited(int tag, CodedInputStream in) {
        return wire(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, in);
    }

    private static AssertionError unexpected(int tag, String message) {
        return new AssertionError("unexpected field " + WireFormat.getTagFieldNumber(tag) + " in " + message);
    }
}

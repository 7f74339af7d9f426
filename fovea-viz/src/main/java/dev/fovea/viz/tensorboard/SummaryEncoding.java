package dev.fovea.viz.tensorboard;

/**
 * TensorBoard's {@code Summary} message (summary.proto) holding one {@code Value}: tag = 1 and one of
 * simple_value = 2 (float), image = 4, histo = 5, tensor = 8, with metadata = 9.
 *
 * <p>Oneof members are written even when they hold a default value (a scalar 0.0), since an absent
 * member would leave the value empty.
 */
final class SummaryEncoding {
    private SummaryEncoding() {}

    static byte[] scalar(String tag, float value) {
        return summaryOf(value(tag, out -> out.writeFloat(2, value)));
    }

    /** HistogramProto: min = 1, max = 2, num = 3, sum = 4, sum_squares = 5, bucket_limit = 6, bucket = 7. */
    static byte[] histogram(String tag, Histogram histogram) {
        byte[] histo = ProtoMessage.encode(out -> {
            out.writeDouble(1, histogram.min());
            out.writeDouble(2, histogram.max());
            out.writeDouble(3, histogram.num());
            out.writeDouble(4, histogram.sum());
            out.writeDouble(5, histogram.sumSquares());
            ProtoMessage.writePackedDoubles(out, 6, histogram.bucketLimits());
            ProtoMessage.writePackedDoubles(out, 7, histogram.bucketCounts());
        });
        return summaryOf(value(tag, out -> out.writeByteArray(5, histo)));
    }

    /**
     * Summary.Image: height = 1, width = 2, colorspace = 3 (1 grey, 2 grey + alpha, 3 RGB, 4 RGBA),
     * encoded_image_string = 4.
     */
    static byte[] image(String tag, int height, int width, int colorspace, byte[] encoded) {
        byte[] image = ProtoMessage.encode(out -> {
            out.writeInt32(1, height);
            out.writeInt32(2, width);
            out.writeInt32(3, colorspace);
            out.writeByteArray(4, encoded);
        });
        return summaryOf(value(tag, out -> out.writeByteArray(4, image)));
    }

    /**
     * A string tensor marked for the Text plugin: SummaryMetadata with plugin_data = 1, whose
     * PluginData has plugin_name = 1. Its content (TextPluginData, version 0) encodes to no bytes.
     */
    static byte[] text(String tag, String text) {
        byte[] pluginData = ProtoMessage.encode(out -> out.writeString(1, "text"));
        byte[] metadata = ProtoMessage.encode(out -> out.writeByteArray(1, pluginData));
        byte[] tensor = TensorEncoding.stringScalar(text);
        return summaryOf(value(tag, out -> {
            out.writeByteArray(8, tensor);
            out.writeByteArray(9, metadata);
        }));
    }

    private static byte[] value(String tag, ProtoMessage.Fields content) {
        return ProtoMessage.encode(out -> {
            out.writeString(1, tag);
            content.writeTo(out);
        });
    }

    /** Summary: value = 1 (repeated). */
    private static byte[] summaryOf(byte[] value) {
        return ProtoMessage.encode(out -> out.writeByteArray(1, value));
    }
}

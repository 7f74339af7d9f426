package dev.fovea.viz.tensorboard;

/**
 * TensorBoard's {@code Event} message (event.proto): wall_time = 1 (double), step = 2 (int64), and one
 * of file_version = 3 (string), graph_def = 4 (bytes of a GraphDef), summary = 5 (Summary).
 */
final class EventEncoding {
    private EventEncoding() {}

    /** The first event of every file, naming the format version. */
    static byte[] fileVersion(double wallTime, String version) {
        return ProtoMessage.encode(out -> {
            out.writeDouble(1, wallTime);
            out.writeString(3, version);
        });
    }

    static byte[] summary(double wallTime, long step, byte[] summary) {
        return ProtoMessage.encode(out -> {
            out.writeDouble(1, wallTime);
            out.writeInt64(2, step);
            out.writeByteArray(5, summary);
        });
    }

    static byte[] graph(double wallTime, long step, byte[] graphDef) {
        return ProtoMessage.encode(out -> {
            out.writeDouble(1, wallTime);
            out.writeInt64(2, step);
            out.writeByteArray(4, graphDef);
        });
    }
}

package dev.fovea.viz.tensorboard.fuzz;

import static dev.fovea.testing.HostileInput.readsOrFails;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.fovea.testing.HostileInput;
import dev.fovea.viz.tensorboard.EventReader;
import dev.fovea.viz.tensorboard.TfRecordReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;

/**
 * Fuzzes the only TensorBoard events reader Fovea has: the strict one its tests check the writer
 * with (Fovea itself only writes events files). Its documented failures are a corrupt record, a
 * malformed message (UncheckedIOException) and, being strict, an AssertionError for a field an
 * event should not have; its messages name the record or message, not the file. {@link #read}
 * takes the input as the whole file; {@link #event} as the data of one record, framed with valid
 * checksums, which a byte-level mutation of a whole file almost never keeps.
 */
class EventReaderFuzzTest {
    @FuzzTest
    void read(byte[] input) {
        readEvents(HostileInput.asFile("events.out.tfevents", input));
    }

    @FuzzTest
    void event(byte[] input) {
        readEvents(HostileInput.asFile("events.out.tfevents", framed(input)));
    }

    private static void readEvents(Path file) {
        readsOrFails(() -> {
            for (EventReader.Event event : EventReader.read(file)) {
                if (event.graphDef() != null) {
                    EventReader.graph(event.graphDef());
                }
            }
        }, List.of(), TfRecordReader.CorruptRecordException.class, UncheckedIOException.class, AssertionError.class);
    }

    /** The TFRecord holding {@code data}: its length, the length's masked CRC-32C, the data, the data's. */
    private static byte[] framed(byte[] data) {
        ByteBuffer record = ByteBuffer.allocate(data.length + 16).order(ByteOrder.LITTLE_ENDIAN);
        record.putLong(data.length);
        record.putInt(TfRecordReader.masked(record.array(), 0, 8));
        record.put(data);
        record.putInt(TfRecordReader.masked(data, 0, data.length));
        return record.array();
    }
}

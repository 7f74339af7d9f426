package dev.fovea.viz.tensorboard.fuzz;

import static dev.fovea.testing.HostileInput.readsOrFails;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.fovea.testing.HostileInput;
import dev.fovea.viz.tensorboard.EventReader;
import dev.fovea.viz.tensorboard.TfRecordReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Fuzzes the only TensorBoard events reader Fovea has: the strict one its tests check the writer
 * with (Fovea itself only writes events files). Its documented failures are a corrupt record, a
 * malformed message (UncheckedIOException) and, being strict, an AssertionError for a field an
 * event should not have; its messages name the record or message, not the file.
 */
class EventReaderFuzzTest {
    @FuzzTest
    void read(byte[] input) {
        Path file = HostileInput.asFile("events.out.tfevents", input);
        readsOrFails(() -> {
            for (EventReader.Event event : EventReader.read(file)) {
                if (event.graphDef() != null) {
                    EventReader.graph(event.graphDef());
                }
            }
        }, List.of(), TfRecordReader.CorruptRecordException.class, UncheckedIOException.class, AssertionError.class);
    }
}

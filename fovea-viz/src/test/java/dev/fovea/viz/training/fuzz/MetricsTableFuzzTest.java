package dev.fovea.viz.training.fuzz;

import static dev.fovea.testing.HostileInput.readsOrFails;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.fovea.FoveaException;
import dev.fovea.testing.HostileInput;
import dev.fovea.viz.training.MetricsTable;
import java.nio.file.Path;

/** Fuzzes the reader of metrics CSV files (what CsvLogger writes and the run report charts). */
class MetricsTableFuzzTest {
    @FuzzTest
    void readCsv(byte[] input) {
        Path file = HostileInput.asFile("metrics.csv", input);
        readsOrFails(() -> MetricsTable.readCsv(file), file, FoveaException.class);
    }
}

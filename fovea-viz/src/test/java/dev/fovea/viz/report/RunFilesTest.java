package dev.fovea.viz.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.FoveaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFilesTest {
    @TempDir
    Path temp;

    @Test
    void namesTheFilesOfARun() {
        RunFiles run = new RunFiles(temp.resolve("20250101-120000-keras-fashion"));
        assertEquals("20250101-120000-keras-fashion", run.name());
        assertEquals(run.directory().resolve("model.safetensors"), run.model());
        assertEquals(run.directory().resolve("batches.csv"), run.batches());
        assertEquals(run.directory().resolve("filters.gif"), run.filtersGif());
        assertEquals(run.directory().resolve("report.html"), run.report());
    }

    @Test
    void aFinishedRunHasItsModelAndConfiguration() throws IOException {
        RunFiles run = new RunFiles(Files.createDirectory(temp.resolve("run")));
        assertMessage(new RunFiles(temp.resolve("absent")), "absent is not a directory");
        assertMessage(run, "has no model.safetensors");
        Files.writeString(run.model(), "weights");
        assertMessage(run, "has no config.json");
        Files.writeString(run.config(), "{}");
        assertSame(run, run.requireFinishedRun());
    }

    @Test
    void theConfigurationKeepsTheFilesOrder() throws IOException {
        RunFiles run = new RunFiles(Files.createDirectory(temp.resolve("run")));
        Files.writeString(run.config(), "{\"model\": \"lenet5\", \"dataset\": \"mnist\", \"epochs\": \"3\"}");
        Map<String, Object> configuration = run.configuration();
        assertEquals(List.of("model", "dataset", "epochs"), List.copyOf(configuration.keySet()));
        assertEquals("mnist", configuration.get("dataset"));
    }

    @Test
    void aDamagedConfigurationIsAnErrorNamingTheFile() throws IOException {
        RunFiles run = new RunFiles(Files.createDirectory(temp.resolve("run")));
        Files.writeString(run.config(), "{\"model\": ");
        FoveaException e = assertThrows(FoveaException.class, run::configuration);
        assertTrue(e.getMessage().startsWith(run.config() + ": not a JSON object of options"), e.getMessage());
        Files.writeString(run.config(), "[1, 2]");
        assertThrows(FoveaException.class, run::configuration);
    }

    private static void assertMessage(RunFiles run, String expected) {
        FoveaException e = assertThrows(FoveaException.class, run::requireFinishedRun);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().contains("fovea train"), "says what a run directory is: " + e.getMessage());
    }
}

package dev.fovea.viz.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.FoveaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsTableTest {
    @TempDir
    Path dir;

    private Path csv(String text) throws IOException {
        Path file = dir.resolve("metrics.csv");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void readsColumnsByNameWithEmptyCellsAsMissing() throws IOException {
        MetricsTable t = MetricsTable.readCsv(csv("epoch,loss,val_loss\n1,0.5,\n2,0.25,0.4\n"));
        assertEquals(List.of(1, 2), t.epochs());
        assertEquals(List.of(0.5, 0.25), t.column("loss"));
        assertTrue(Double.isNaN(t.column("val_loss").get(0)));
        assertEquals(0.4, t.column("val_loss").get(1));
    }

    @Test
    void badFilesGetErrorsNamingFileLineAndColumn() throws IOException {
        FoveaException header = assertThrows(FoveaException.class, () -> MetricsTable.readCsv(csv("loss\n0.5\n")));
        assertTrue(header.getMessage().contains("line 1 must be a header starting with 'epoch'"), header.getMessage());
        FoveaException number = assertThrows(FoveaException.class,
                () -> MetricsTable.readCsv(csv("epoch,loss\n1,0.5\n2,abc\n")));
        assertEquals(dir.resolve("metrics.csv") + ": line 3, column loss: 'abc' is not a number", number.getMessage());
        FoveaException cells = assertThrows(FoveaException.class, () -> MetricsTable.readCsv(csv("epoch,loss\n1\n")));
        assertTrue(cells.getMessage().contains("line 2 has 1 cells, the header 2"), cells.getMessage());
        FoveaException epoch = assertThrows(FoveaException.class, () -> MetricsTable.readCsv(csv("epoch,loss\n1.5,1\n")));
        assertTrue(epoch.getMessage().contains("is not an epoch number"), epoch.getMessage());
        FoveaException missing = assertThrows(FoveaException.class,
                () -> MetricsTable.readCsv(dir.resolve("none.csv")));
        assertTrue(missing.getMessage().endsWith("none.csv: no such file"), missing.getMessage());
    }

    @Test
    void anUnknownColumnIsNamedWithTheKnownOnes() throws IOException {
        MetricsTable t = MetricsTable.readCsv(csv("epoch,loss\n1,0.5\n"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.column("accuracy"));
        assertEquals("no metric named 'accuracy': the table has loss", e.getMessage());
    }
}

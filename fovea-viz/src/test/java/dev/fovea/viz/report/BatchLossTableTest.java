package dev.fovea.viz.report;

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

class BatchLossTableTest {
    @TempDir
    Path temp;

    private Path write(String text) throws IOException {
        return Files.writeString(temp.resolve("batches.csv"), text);
    }

    @Test
    void positionsAreEpochsDoneWithFractions() throws IOException {
        BatchLossTable table = BatchLossTable.readCsv(write("epoch,batch,batches,loss\n1,1,4,2.5\n1,4,4,1.25\n"
                + "2,2,4,NaN\n3,1,3,1.0E-4\n"));
        assertEquals(List.of(0.25, 1.0, 1.5, 2 + 1.0 / 3), table.epochs());
        assertEquals(4, table.size());
        assertEquals(2.5, table.losses().get(0));
        assertTrue(Double.isNaN(table.losses().get(2)), "a diverged batch's loss reads back");
        assertEquals(1e-4, table.losses().get(3));
    }

    @Test
    void aFileWithOnlyTheHeaderHasNoBatches() throws IOException {
        assertEquals(0, BatchLossTable.readCsv(write("epoch,batch,batches,loss\n")).size());
    }

    @Test
    void anythingElseIsAnErrorNamingTheFileLineAndColumn() throws IOException {
        assertMessage(write(""), "line 1 must be the header epoch,batch,batches,loss");
        assertMessage(write("epoch,loss\n1,2\n"), "line 1 must be the header");
        assertMessage(write("epoch,batch,batches,loss\n1,1,4\n"), "line 2 has 3 cells, expected 4");
        assertMessage(write("epoch,batch,batches,loss\n1,1,4,0.5\n0,1,4,0.5\n"),
                "line 3, column epoch: '0' is not a whole number of at least 1");
        assertMessage(write("epoch,batch,batches,loss\n1,x,4,0.5\n"), "line 2, column batch: 'x'");
        assertMessage(write("epoch,batch,batches,loss\n1,5,4,0.5\n"), "line 2: batch 5 of only 4");
        assertMessage(write("epoch,batch,batches,loss\n1,1,4,low\n"), "line 2, column loss: 'low' is not a number");
        assertMessage(temp.resolve("absent.csv"), "cannot read " + temp.resolve("absent.csv") + ": no such file");
    }

    private static void assertMessage(Path file, String expected) {
        FoveaException e = assertThrows(FoveaException.class, () -> BatchLossTable.readCsv(file));
        assertTrue(e.getMessage().startsWith(file + ": ") || e.getMessage().startsWith("cannot read " + file),
                "names the file: " + e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}

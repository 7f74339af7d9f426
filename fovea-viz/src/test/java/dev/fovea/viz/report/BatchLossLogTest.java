package dev.fovea.viz.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fovea.model.Sequential;
import dev.fovea.nn.Loss;
import dev.fovea.optim.Sgd;
import dev.fovea.train.Callback;
import dev.fovea.train.EpochLogs;
import dev.fovea.train.FitOptions;
import dev.fovea.train.Metric;
import dev.fovea.viz.TinyData;
import dev.fovea.viz.training.BatchLosses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchLossLogTest {
    @TempDir
    Path temp;

    @Test
    void writesOneRowPerBatchAtTheEndOfEveryEpoch() throws IOException {
        Path file = temp.resolve("batches.csv");
        BatchLosses inMemory = new BatchLosses();
        List<Integer> rowsAfterEachEpoch = new ArrayList<>();
        Callback watcher = new Callback() {
            @Override
            public void onEpochEnd(EpochLogs logs) {
                try {
                    rowsAfterEachEpoch.add(Files.readAllLines(file).size() - 1);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        Sequential model = TinyRun.model();
        model.compile(new Sgd(0.05), Loss.sparseCategoricalCrossentropy(), Metric.ACCURACY);
        // 14 images in batches of 4: 4 batches an epoch, the last of 2 images.
        model.fit(TinyData.halves(14, TinyRun.SIZE, 1), FitOptions.epochs(3).batchSize(4).seed(1)
                .callbacks(inMemory, new BatchLossLog(file), watcher));

        assertEquals(List.of(4, 8, 12), rowsAfterEachEpoch, "the file is complete at every epoch's end");
        List<String> lines = Files.readAllLines(file);
        assertEquals("epoch,batch,batches,loss", lines.get(0));
        assertEquals("1,1,4," + (float) (double) inMemory.losses().get(0), lines.get(1));
        assertEquals("3,4,4," + (float) (double) inMemory.losses().get(11), lines.get(12));

        BatchLossTable table = BatchLossTable.readCsv(file);
        assertEquals(12, table.size());
        for (int i = 0; i < 12; i++) {
            assertEquals(inMemory.epochs().get(i), table.epochs().get(i), 1e-12, "position of batch " + i);
            assertEquals((float) (double) inMemory.losses().get(i), (float) (double) table.losses().get(i),
                    "loss of batch " + i + ", kept as a float");
        }
    }

    @Test
    void eachTrainingStartsTheFileAfresh() throws IOException {
        Path file = temp.resolve("batches.csv");
        BatchLossLog log = new BatchLossLog(file);
        Sequential model = TinyRun.model();
        model.compile(new Sgd(0.05), Loss.sparseCategoricalCrossentropy(), Metric.ACCURACY);
        model.fit(TinyData.halves(8, TinyRun.SIZE, 1), FitOptions.epochs(2).batchSize(4).seed(1).callbacks(log));
        model.fit(TinyData.halves(8, TinyRun.SIZE, 1), FitOptions.epochs(1).batchSize(4).seed(1).callbacks(log));
        assertEquals(2, BatchLossTable.readCsv(file).size());
    }
}

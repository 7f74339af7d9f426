package dev.fovea.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fovea.model.Sequential;
import dev.fovea.nn.Loss;
import dev.fovea.optim.Adam;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvLoggerTest {
    @TempDir
    Path directory;

    private static EpochLogs logs(int epoch, double loss, double accuracy, double learningRate) {
        EpochLogs logs = new EpochLogs(epoch);
        logs.put("loss", loss);
        logs.put("accuracy", accuracy);
        logs.put("learning_rate", learningRate);
        return logs;
    }

    @Test
    void writesAHeaderAndOneRowPerEpochWithNaNLeftEmpty() throws IOException {
        Path file = directory.resolve("log.csv");
        CsvLogger logger = new CsvLogger(file);
        logger.onEpochEnd(logs(0, 0.5, 0.75, 0.01));
        assertEquals("epoch,loss,accuracy,learning_rate\n1,0.5,0.75,0.01\n", Files.readString(file));
        logger.onEpochEnd(logs(1, 0.123456789, Double.NaN, 0.005));
        assertEquals("epoch,loss,accuracy,learning_rate\n1,0.5,0.75,0.01\n2,0.123457,,0.005\n",
                Files.readString(file));
    }

    @Test
    void theFileIsCompleteAfterEveryEpochOfAFit() {
        Path file = directory.resolve("training.csv");
        List<List<String>> seenAfterEpoch = new ArrayList<>();
        // Runs after the logger, so it sees the file as a reader would at that moment.
        Callback reader = new Callback() {
            @Override
            public void onEpochEnd(EpochLogs logs) {
                seenAfterEpoch.add(lines(file));
            }
        };
        Sequential model = BarsAndSquares.softmaxCnn(3, 1);
        model.compile(new Adam(1e-2), Loss.sparseCategoricalCrossentropy(), Metric.ACCURACY);
        var data = BarsAndSquares.generate("shapes", 48, 3, 3);
        History history = model.fit(data, FitOptions.epochs(3).batchSize(16).validationData(data)
                .callbacks(new CsvLogger(file), reader));

        for (int e = 0; e < 3; e++) {
            List<String> lines = seenAfterEpoch.get(e);
            assertEquals(e + 2, lines.size(), "header and " + (e + 1) + " rows after epoch " + e);
            assertEquals("epoch,loss,accuracy,val_loss,val_accuracy,learning_rate,seconds,data_wait_seconds", lines.get(0));
            String[] cells = lines.get(e + 1).split(",", -1);
            assertEquals(String.valueOf(e + 1), cells[0]);
            List<String> columns = List.of(lines.get(0).split(","));
            for (int c = 1; c < cells.length; c++) {
                double logged = history.epochs().get(e).get(columns.get(c));
                // Six significant digits.
                assertEquals(logged, Double.parseDouble(cells[c]), 5e-6 * Math.abs(logged), columns.get(c));
            }
        }
        try (Stream<Path> files = Files.list(directory)) {
            assertEquals(List.of(file), files.toList(), "no temporary files left behind");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.fovea.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.data.ImageDataset;
import dev.fovea.model.Sequential;
import dev.fovea.nn.Loss;
import dev.fovea.optim.Adam;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PeriodicLogTest {
    private static final ImageDataset TRAIN = BarsAndSquares.generate("shapes", 80, 3, 7); // 5 steps of 16
    private static final ImageDataset VALIDATION = BarsAndSquares.generate("shapes-val", 30, 3, 8);
    private static final Pattern LINE =
            Pattern.compile("step (\\d+), training batch loss (\\d+\\.\\d{4}), validation accuracy (\\d\\.\\d{4})");

    private static Sequential compiled() {
        Sequential model = BarsAndSquares.softmaxCnn(3, 1);
        model.compile(new Adam(1e-2), Loss.sparseCategoricalCrossentropy(), Metric.ACCURACY);
        return model;
    }

    @Test
    void reportsEveryNStepsAcrossEpochsWithTheBatchLossAndValidationAccuracy() {
        List<String> lines = new ArrayList<>();
        List<Double> batchLosses = new ArrayList<>();
        Callback losses = new Callback() {
            @Override
            public void onBatchEnd(int epoch, BatchLogs logs) {
                batchLosses.add(logs.batchLoss());
            }
        };
        Sequential model = compiled();
        model.fit(TRAIN, FitOptions.epochs(2).batchSize(16)
                .callbacks(losses, new PeriodicLog(3, VALIDATION, lines::add)));

        // 10 steps in all, counted across the epoch boundary: lines at steps 3, 6 and 9.
        assertEquals(3, lines.size(), lines.toString());
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = LINE.matcher(lines.get(i));
            assertTrue(m.matches(), lines.get(i));
            int step = Integer.parseInt(m.group(1));
            assertEquals(3 * (i + 1), step);
            assertEquals(String.format(Locale.ROOT, "%.4f", batchLosses.get(step - 1)), m.group(2));
            double accuracy = Double.parseDouble(m.group(3));
            assertTrue(accuracy >= 0 && accuracy <= 1, lines.get(i));
        }
    }

    @Test
    void theValidationAccuracyIsTheModelsAccuracyAtThatStep() {
        // Logging at the last of 5 steps: the weights then are the final ones.
        List<String> lines = new ArrayList<>();
        Sequential model = compiled();
        model.fit(TRAIN, FitOptions.epochs(1).batchSize(16).callbacks(new PeriodicLog(5, VALIDATION, lines::add)));
        assertEquals(1, lines.size(), lines.toString());
        String accuracy = String.format(Locale.ROOT, "%.4f", model.evaluate(VALIDATION, 64).accuracy());
        assertTrue(lines.get(0).endsWith("validation accuracy " + accuracy), lines.get(0));
    }

    @Test
    void withoutValidationDataReportsOnlyTheLoss() {
        List<String> lines = new ArrayList<>();
        compiled().fit(TRAIN, FitOptions.epochs(1).batchSize(16).callbacks(new PeriodicLog(2, null, lines::add)));
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).matches("step 2, training batch loss \\d+\\.\\d{4}"), lines.get(0));
    }

    @Test
    void rejectsAnIntervalBelowOneStep() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PeriodicLog(0, VALIDATION, s -> { }));
        assertTrue(e.getMessage().contains("log interval must be >= 1 step"), e.getMessage());
    }
}

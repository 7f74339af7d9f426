package dev.fovea.train;

import dev.fovea.io.AtomicFiles;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one CSV row per epoch (epoch, then every logged value by name). Each {@code fit} starts
 * the file afresh (with the finished epochs of a resumed run); the whole file is rewritten atomically after each epoch, so it is complete and
 * readable at any moment.
 */
public final class CsvLogger implements Callback {
    private static final MathContext SIGNIFICANT_DIGITS = new MathContext(6);

    private final Path file;
    private final List<String> columns = new ArrayList<>();
    private final StringBuilder rows = new StringBuilder();

    public CsvLogger(Path file) {
        this.file = file;
    }

    @Override
    public void onTrainBegin(TrainingContext context) {
        columns.clear();
        rows.setLength(0);
        // A resumed run starts with the epochs it finished before it stopped.
        context.state().epochs().forEach(this::onEpochEnd);
    }

    @Override
    public void onEpochEnd(EpochLogs logs) {
        if (columns.isEmpty()) {
            columns.addAll(logs.values().keySet());
        }
        StringBuilder row = new StringBuilder().append(logs.epoch() + 1);
        for (String column : columns) {
            double v = logs.get(column);
            row.append(',').append(format(v));
        }
        rows.append(row).append('\n');
        AtomicFiles.writeString(file, "epoch," + String.join(",", columns) + "\n" + rows);
    }

    /** Six significant digits, never in exponent notation (0.001, 0.412346, 12.3457); empty for NaN. */
    private static String format(double value) {
        if (Double.isNaN(value)) {
            return "";
        }
        if (Double.isInfinite(value)) {
            return Double.toString(value);
        }
        return new BigDecimal(value).round(SIGNIFICANT_DIGITS).stripTrailingZeros().toPlainString();
    }
}

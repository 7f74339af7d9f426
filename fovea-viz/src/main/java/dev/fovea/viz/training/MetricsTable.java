package dev.fovea.viz.training;

import dev.fovea.FoveaException;
import dev.fovea.train.EpochLogs;
import dev.fovea.train.History;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-epoch metrics by name ("loss", "accuracy", "val_loss", ...), one value per epoch, with the
 * epoch numbers counted from 1 as {@link dev.fovea.train.CsvLogger} writes them. A missing value
 * is NaN.
 */
public record MetricsTable(List<Integer> epochs, Map<String, List<Double>> columns) {
    /** Largest metrics file read: far more than any real training run writes. */
    public static final long MAX_FILE_BYTES = 16L << 20;

    public MetricsTable {
        epochs = List.copyOf(epochs);
        Map<String, List<Double>> copy = new LinkedHashMap<>();
        for (Map.Entry<String, List<Double>> column : columns.entrySet()) {
            if (column.getValue().size() != epochs.size()) {
                throw new IllegalArgumentException("column " + column.getKey() + " has " + column.getValue().size()
                        + " values for " + epochs.size() + " epochs");
            }
            copy.put(column.getKey(), Collections.unmodifiableList(new ArrayList<>(column.getValue())));
        }
        columns = Collections.unmodifiableMap(copy);
    }

    /** The table of a training run's {@link History}. */
    public static MetricsTable of(History history) {
        List<Integer> epochs = new ArrayList<>();
        for (EpochLogs logs : history.epochs()) {
            epochs.add(logs.epoch() + 1);
        }
        return new MetricsTable(epochs, history.asMap());
    }

    /**
     * Reads a metrics CSV as {@link dev.fovea.train.CsvLogger} writes it: a header starting with
     * "epoch", then one row per epoch; an empty cell is a missing value.
     *
     * @throws FoveaException naming the file, line and column of anything else
     */
    public static MetricsTable readCsv(Path file) {
        List<String> lines;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new FoveaException(file + ": " + Files.size(file) + " bytes, more than the " + MAX_FILE_BYTES
                        + " a metrics file may have");
            }
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            String reason = e instanceof NoSuchFileException ? "no such file"
                    : e instanceof AccessDeniedException ? "permission denied" : e.toString();
            throw new FoveaException("cannot read " + file + ": " + reason, e);
        }
        if (lines.isEmpty() || !lines.get(0).split(",", -1)[0].strip().equals("epoch")) {
            throw new FoveaException(file + ": line 1 must be a header starting with 'epoch', e.g. epoch,loss,accuracy");
        }
        String[] header = lines.get(0).split(",", -1);
        List<Integer> epochs = new ArrayList<>();
        Map<String, List<Double>> columns = new LinkedHashMap<>();
        for (int c = 1; c < header.length; c++) {
            columns.put(header[c].strip(), new ArrayList<>());
        }
        if (columns.size() != header.length - 1) {
            throw new FoveaException(file + ": line 1 names a column twice");
        }
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] cells = lines.get(i).split(",", -1);
            if (cells.length != header.length) {
                throw new FoveaException(file + ": line " + (i + 1) + " has " + cells.length + " cells, the header "
                        + header.length);
            }
            epochs.add((int) number(file, i, "epoch", cells[0], false));
            for (int c = 1; c < header.length; c++) {
                columns.get(header[c].strip()).add(number(file, i, header[c].strip(), cells[c], true));
            }
        }
        return new MetricsTable(epochs, columns);
    }

    private static double number(Path file, int line, String column, String cell, boolean emptyIsNaN) {
        String text = cell.strip();
        if (text.isEmpty() && emptyIsNaN) {
            return Double.NaN;
        }
        try {
            double v = Double.parseDouble(text);
            if (!emptyIsNaN && (v != Math.rint(v) || v < 0 || v > Integer.MAX_VALUE)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new FoveaException(file + ": line " + (line + 1) + ", column " + column + ": '" + cell + "' is not "
                    + (emptyIsNaN ? "a number" : "an epoch number"));
        }
    }

    /** Whether the table has a column of this name. */
    public boolean has(String name) {
        return columns.containsKey(name);
    }

    /** The values of one column over the epochs; throws naming the columns there are. */
    public List<Double> column(String name) {
        List<Double> values = columns.get(name);
        if (values == null) {
            throw new IllegalArgumentException("no metric named '" + name + "': the table has "
                    + String.join(", ", columns.keySet()));
        }
        return values;
    }
}

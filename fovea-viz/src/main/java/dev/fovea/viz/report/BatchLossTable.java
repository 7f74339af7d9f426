package dev.fovea.viz.report;

import dev.fovea.FoveaException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The batch losses of a run as {@link BatchLossLog} wrote them: for each batch in training order,
 * the epochs done when it ended (with fractions: 0.25 after the first of four batches, 1.0 at the
 * end of the first epoch) and its loss.
 */
public record BatchLossTable(List<Double> epochs, List<Double> losses) {
    /** Largest file read: a million batches take about 20 MB. */
    public static final long MAX_FILE_BYTES = 64L << 20;

    public BatchLossTable {
        if (epochs.size() != losses.size()) {
            throw new IllegalArgumentException(epochs.size() + " positions for " + losses.size() + " losses");
        }
        epochs = Collections.unmodifiableList(new ArrayList<>(epochs));
        losses = Collections.unmodifiableList(new ArrayList<>(losses));
    }

    /** Batches in the table. */
    public int size() {
        return losses.size();
    }

    /**
     * Reads a batches.csv file.
     *
     * @throws FoveaException naming the file, the line and the column of anything unexpected
     */
    public static BatchLossTable readCsv(Path file) {
        List<String> lines;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new FoveaException(file + ": " + Files.size(file) + " bytes, more than the " + MAX_FILE_BYTES
                        + " a batch-loss file may have");
            }
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new FoveaException("cannot read " + file + ": "
                    + (e instanceof NoSuchFileException ? "no such file" : e.toString()), e);
        }
        if (lines.isEmpty() || !(lines.get(0) + "\n").equals(BatchLossLog.HEADER)) {
            throw new FoveaException(file + ": line 1 must be the header " + BatchLossLog.HEADER.strip());
        }
        List<Double> epochs = new ArrayList<>();
        List<Double> losses = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",", -1);
            if (cells.length != 4) {
                throw new FoveaException(file + ": line " + (i + 1) + " has " + cells.length
                        + " cells, expected 4 (epoch,batch,batches,loss)");
            }
            int epoch = count(file, i, "epoch", cells[0], 1);
            int batches = count(file, i, "batches", cells[2], 1);
            int batch = count(file, i, "batch", cells[1], 1);
            if (batch > batches) {
                throw new FoveaException(file + ": line " + (i + 1) + ": batch " + batch + " of only " + batches);
            }
            epochs.add(epoch - 1 + (double) batch / batches);
            losses.add(loss(file, i, cells[3]));
        }
        return new BatchLossTable(epochs, losses);
    }

    private static int count(Path file, int line, String column, String cell, int minimum) {
        try {
            int value = Integer.parseInt(cell.strip());
            if (value >= minimum) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new FoveaException(file + ": line " + (line + 1) + ", column " + column + ": '" + cell
                + "' is not a whole number of at least " + minimum);
    }

    private static double loss(Path file, int line, String cell) {
        try {
            return Double.parseDouble(cell.strip());
        } catch (NumberFormatException e) {
            throw new FoveaException(file + ": line " + (line + 1) + ", column loss: '" + cell + "' is not a number");
        }
    }
}

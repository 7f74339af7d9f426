package dev.fovea.viz.report;

import dev.fovea.io.AtomicFiles;
import dev.fovea.train.BatchLogs;
import dev.fovea.train.Callback;
import dev.fovea.train.EpochLogs;
import dev.fovea.train.History;
import dev.fovea.train.TrainingContext;
import java.nio.file.Path;

/**
 * A training callback that writes the loss of every batch to a CSV file, for the report's
 * per-batch curve:
 * <pre>
 * epoch,batch,batches,loss
 * 1,1,1875,2.3125
 * </pre>
 * {@code epoch} counts from 1 as in metrics.csv, {@code batch} from 1 within the epoch, and
 * {@code batches} is the number of batches in an epoch. The file is rewritten atomically at the
 * end of every epoch (and of training), so it is always complete up to an epoch's end and writing
 * costs nothing between batches. Each {@code fit} starts the file afresh.
 */
public final class BatchLossLog implements Callback {
    static final String HEADER = "epoch,batch,batches,loss\n";

    private final Path file;
    private final StringBuilder rows = new StringBuilder();
    private int rowsWritten;
    private int rowsKept;

    public BatchLossLog(Path file) {
        this.file = file;
    }

    @Override
    public void onTrainBegin(TrainingContext context) {
        rows.setLength(0);
        rowsKept = 0;
        rowsWritten = -1;
    }

    @Override
    public void onBatchEnd(int epoch, BatchLogs logs) {
        // Float.toString: the shortest text that reads back as the same float.
        rows.append(epoch + 1).append(',').append(logs.step()).append(',').append(logs.steps()).append(',')
                .append(Float.toString((float) logs.batchLoss())).append('\n');
        rowsKept++;
    }

    @Override
    public void onEpochEnd(EpochLogs logs) {
        write();
    }

    /** Also after training: an epoch cut short by a callback's stop request still has its batches. */
    @Override
    public void onTrainEnd(History history) {
        write();
    }

    private void write() {
        if (rowsKept != rowsWritten) {
            AtomicFiles.writeString(file, HEADER + rows);
            rowsWritten = rowsKept;
        }
    }
}

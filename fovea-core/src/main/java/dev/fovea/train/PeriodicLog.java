package dev.fovea.train;

import dev.fovea.data.ImageSource;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Every {@code every} training steps, reports the step, the batch's loss and the accuracy on a
 * validation set, as the classic TensorFlow tutorials print them. Lines go to a consumer, so a
 * command line prints them and a service logs them.
 */
public final class PeriodicLog implements Callback {
    private final int every;
    private final ImageSource validation;
    private final Consumer<String> sink;
    private TrainingContext context;
    private long globalStep;

    public PeriodicLog(int every, ImageSource validation, Consumer<String> sink) {
        if (every < 1) {
            throw new IllegalArgumentException("log interval must be >= 1 step, got " + every);
        }
        this.every = every;
        this.validation = validation;
        this.sink = sink;
    }

    @Override
    public void onTrainBegin(TrainingContext trainingContext) {
        this.context = trainingContext;
        this.globalStep = 0;
    }

    @Override
    public void onBatchEnd(int epoch, BatchLogs logs) {
        globalStep++;
        if (globalStep % every != 0) {
            return;
        }
        String line = String.format(Locale.ROOT, "step %d, training batch loss %.4f", globalStep, logs.batchLoss());
        if (validation != null) {
            line += String.format(Locale.ROOT, ", validation accuracy %.4f", context.evaluate(validation).accuracy());
        }
        sink.accept(line);
    }
}

package dev.fovea.cli;

import dev.fovea.train.BatchLogs;
import dev.fovea.train.Callback;
import dev.fovea.train.EpochLogs;
import dev.fovea.train.TrainingContext;
import java.io.Console;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;

/**
 * Shows how training goes. In a terminal: a live progress bar per epoch (me.tongfei:progressbar)
 * with the running loss, accuracy, images/s, the time per step spent waiting for data (decoding and
 * augmentation run on background threads; a wait means they fall behind) and the time left. Anywhere else (a pipe, a CI log):
 * a plain line at every tenth of the epoch instead, because the bar redraws itself with carriage
 * returns and colour codes, which a log shows as one long garbled line. After each epoch, one line
 * with its results, as Keras prints it.
 */
final class ProgressBarCallback implements Callback {
    private static final int REDRAW_MILLIS = 250;
    /** Epoch values shown in their own format at the end of the epoch line, or not at all. */
    private static final Set<String> NOT_METRICS = Set.of("learning_rate", "seconds", "data_wait_seconds");

    private final PrintWriter out;
    private final boolean live;
    private int epochs;
    private int steps;
    private ProgressBar bar;
    private int tenthsReported;

    /** {@code live}: draw the bar on {@code System.out}, a terminal; else print plain lines to {@code out}. */
    ProgressBarCallback(PrintWriter out, boolean live) {
        this.out = out;
        this.live = live;
    }

    /** Whether standard output (and input) is an interactive terminal, where a live bar belongs. */
    static boolean stdoutIsTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // Java 22-24 return a Console even when redirected; their isTerminal() tells the truth.
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException olderJava) {
            return true;
        }
    }

    @Override
    public void onTrainBegin(TrainingContext context) {
        epochs = context.epochs();
        steps = context.stepsPerEpoch();
    }

    @Override
    public void onEpochBegin(int epoch) {
        String title = "Epoch " + (epoch + 1) + "/" + epochs;
        if (live) {
            out.flush();
            bar = new ProgressBarBuilder()
                    .setTaskName(title)
                    .setInitialMax(steps)
                    .setUpdateIntervalMillis(REDRAW_MILLIS)
                    .setConsumer(new FinishOnce(new ConsoleProgressBarConsumer(System.out)))
                    .build();
        } else {
            out.println(title);
            out.flush();
            tenthsReported = 0;
        }
    }

    @Override
    public void onBatchEnd(int epoch, BatchLogs logs) {
        if (live) {
            bar.stepTo(logs.step());
            bar.setExtraMessage(running(logs));
            if (logs.step() == logs.steps()) {
                // Closed before validation starts, so the bar's clock stops with the training steps.
                bar.close();
            }
            return;
        }
        int tenths = (int) (10L * logs.step() / logs.steps());
        // The last step's figures are the epoch's own, printed by onEpochEnd.
        if (tenths > tenthsReported && logs.step() < logs.steps()) {
            tenthsReported = tenths;
            out.printf(Locale.ROOT, "  %s - %s - ETA %s%n", counter(logs.step(), logs.steps()), running(logs),
                    duration(logs.seconds() / logs.step() * (logs.steps() - logs.step())));
            out.flush();
        }
    }

    @Override
    public void onEpochEnd(EpochLogs logs) {
        StringBuilder line = new StringBuilder("  ").append(counter(steps, steps)).append(" - ");
        for (Map.Entry<String, Double> value : logs.values().entrySet()) {
            if (!NOT_METRICS.contains(value.getKey())) {
                line.append(String.format(Locale.ROOT, "%s: %.4f - ", value.getKey(), value.getValue()));
            }
        }
        line.append(String.format(Locale.ROOT, "%.1fs - data wait %.2f ms/step", logs.get("seconds"),
                1000 * logs.get("data_wait_seconds") / steps));
        out.println(line);
        out.flush();
    }

    private static String running(BatchLogs logs) {
        String accuracy = Double.isNaN(logs.accuracy())
                ? "" : String.format(Locale.ROOT, " - accuracy: %.4f", logs.accuracy());
        return String.format(Locale.ROOT, "loss: %.4f%s - %,.0f img/s - data wait %.2f ms/step", logs.loss(), accuracy,
                logs.imagesPerSecond(), 1000 * logs.dataWaitSecondsPerStep());
    }

    /** "188/1875", padded so that the lines of an epoch align. */
    private static String counter(int step, int steps) {
        String total = Integer.toString(steps);
        return String.format(Locale.ROOT, "%" + total.length() + "d/%s", step, total);
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }

    /**
     * Ignores whatever comes after the first close. ProgressBar 0.10.1 finishes a bar twice when its
     * redraw thread happens to be running as close() is called, which printed the last line twice.
     */
    private static final class FinishOnce implements ProgressBarConsumer {
        private final ProgressBarConsumer console;
        private boolean closed;

        FinishOnce(ProgressBarConsumer console) {
            this.console = console;
        }

        @Override
        public int getMaxRenderedLength() {
            return console.getMaxRenderedLength();
        }

        @Override
        public synchronized void accept(String rendered) {
            if (!closed) {
                console.accept(rendered);
            }
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                console.close();
            }
        }
    }
}

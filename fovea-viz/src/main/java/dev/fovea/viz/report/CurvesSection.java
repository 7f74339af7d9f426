package dev.fovea.viz.report;

import dev.fovea.viz.training.MetricsTable;
import dev.fovea.viz.training.TrainingCurves;
import java.util.List;
import java.util.Locale;

/** Loss and accuracy per epoch, training against validation, and the loss of every batch. */
final class CurvesSection {
    /** A gap in accuracy, in percentage points, that the text calls a sign of overfitting. */
    static final double OVERFITTING_POINTS = 3;

    private CurvesSection() {}

    /** {@code metrics} and {@code batches} are null when the run has no such file. */
    static Section of(MetricsTable metrics, BatchLossTable batches, String batchSize) {
        StringBuilder body = new StringBuilder();
        if (metrics == null || metrics.epochs().isEmpty()) {
            body.append("<p class=\"missing\">This run has no metrics.csv with epochs in it.</p>\n");
        } else {
            body.append("<div class=\"figures charts\">\n");
            if (metrics.has("loss") || metrics.has("val_loss")) {
                body.append(Html.figure(Html.img(TrainingCurves.draw(TrainingCurves.lossChart(metrics)),
                        "loss per epoch, training and validation"), ""));
            }
            if (metrics.has("accuracy") || metrics.has("val_accuracy")) {
                body.append(Html.figure(Html.img(TrainingCurves.draw(TrainingCurves.accuracyChart(metrics)),
                        "accuracy per epoch, training and validation"), ""));
            }
            body.append("</div>\n").append(Html.paragraph(gap(metrics)));
        }
        if (batches != null && batches.size() > 0) {
            body.append("<h3>Every batch</h3>\n");
            body.append(Html.paragraph("Each training step computes the loss on one batch of "
                    + Html.escape(batchSize) + " images, so its value jumps from batch to batch (light line). The "
                    + "dark line is an exponential moving average that shows the trend: steep at first, then "
                    + "flattening as the easy gains are made."));
            body.append(Html.figure(Html.img(TrainingCurves.draw(TrainingCurves.batchLossChart(batches.epochs(),
                    batches.losses())), "loss of every batch and its moving average"), ""));
        }
        return new Section("curves", "Learning curves",
                "An <em>epoch</em> is one pass over the training images. The <em>loss</em> is what training "
                        + "minimises: cross-entropy, small when the model gives the true class a high probability. "
                        + "<em>Accuracy</em> is the share of images classified correctly. The training curve is "
                        + "measured on the images the model learns from, the validation curve on test images it "
                        + "never trains on. While both improve together the model learns patterns that generalise; "
                        + "when the training loss keeps falling but the validation loss stalls or rises, the "
                        + "<em>gap</em> between them is overfitting: the model starts memorising its training "
                        + "images.",
                body.toString());
    }

    /** The last epoch's figures in words, with the gap between training and validation. */
    private static String gap(MetricsTable metrics) {
        int last = metrics.epochs().size() - 1;
        int epoch = metrics.epochs().get(last);
        String accuracy = value(metrics, "accuracy", last);
        String validation = value(metrics, "val_accuracy", last);
        StringBuilder text = new StringBuilder();
        if (accuracy != null && validation != null) {
            double difference = 100 * (metrics.column("accuracy").get(last) - metrics.column("val_accuracy").get(last));
            text.append(String.format(Locale.ROOT, "After epoch %d the training accuracy is %s and the validation "
                    + "accuracy %s: ", epoch, accuracy, validation));
            text.append(difference >= 0
                    ? String.format(Locale.ROOT, "a gap of %.1f points%s. ", difference,
                            difference > OVERFITTING_POINTS ? ", a sign of overfitting" : "")
                    : String.format(Locale.ROOT, "validation is ahead by %.1f points (see below why that happens "
                            + "early on). ", -difference));
        } else if (validation == null) {
            text.append("This run had no validation data, so there is no gap to watch. ");
        }
        if (metrics.epochs().size() == 1) {
            text.append("With a single epoch each curve is one point: train for more epochs to see the curves "
                    + "move apart. ");
        }
        text.append("Note that the training figures are averages over the epoch, while the weights were still "
                + "changing, and validation is measured at the epoch's end: early in training the validation "
                + "curve can look better than the training curve.");
        return text.toString();
    }

    private static String value(MetricsTable metrics, String name, int row) {
        if (!metrics.has(name)) {
            return null;
        }
        List<Double> column = metrics.column(name);
        return Double.isNaN(column.get(row)) ? null : Html.percent(column.get(row));
    }
}

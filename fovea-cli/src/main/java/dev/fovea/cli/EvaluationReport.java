package dev.fovea.cli;

import dev.fovea.train.Evaluation;
import java.util.List;
import java.util.Locale;

/** An evaluation as text: accuracy and loss, accuracy per class, and the confusion matrix as a table. */
final class EvaluationReport {
    private static final String CORNER = "true \\ predicted";

    private EvaluationReport() {}

    static String format(Evaluation evaluation, List<String> classNames) {
        int[][] confusion = evaluation.confusion();
        int classes = confusion.length;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Test accuracy: %.4f%nTest loss: %.4f%n",
                evaluation.accuracy(), evaluation.loss()));

        // Rows carry "index name"; columns are headed by the index alone, so ten classes fit in 80 columns.
        String[] labels = new String[classes];
        int labelWidth = CORNER.length();
        int indexWidth = Integer.toString(classes - 1).length();
        int cellWidth = indexWidth;
        for (int c = 0; c < classes; c++) {
            labels[c] = String.format(Locale.ROOT, "%" + indexWidth + "d %s", c, classNames.get(c));
            labelWidth = Math.max(labelWidth, labels[c].length());
            for (int count : confusion[c]) {
                cellWidth = Math.max(cellWidth, Integer.toString(count).length());
            }
        }
        String label = "  %-" + labelWidth + "s";
        String cell = "  %" + cellWidth + "d";

        sb.append("\nAccuracy per class:\n");
        for (int c = 0; c < classes; c++) {
            double accuracy = evaluation.classAccuracy(c);
            // A class without test images has no accuracy.
            String figure = Double.isNaN(accuracy) ? "-" : String.format(Locale.ROOT, "%.4f", accuracy);
            sb.append(String.format(Locale.ROOT, label + "  %6s  (%,d images)%n",
                    labels[c], figure, rowTotal(confusion[c])));
        }

        sb.append("\nConfusion matrix (rows: true class, columns: predicted class):\n");
        sb.append(String.format(Locale.ROOT, label, CORNER));
        for (int c = 0; c < classes; c++) {
            sb.append(String.format(Locale.ROOT, cell, c));
        }
        sb.append('\n');
        for (int t = 0; t < classes; t++) {
            sb.append(String.format(Locale.ROOT, label, labels[t]));
            for (int p = 0; p < classes; p++) {
                sb.append(String.format(Locale.ROOT, cell, confusion[t][p]));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static int rowTotal(int[] row) {
        int total = 0;
        for (int count : row) {
            total += count;
        }
        return total;
    }
}

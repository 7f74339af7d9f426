package dev.fovea.viz.report;

import dev.fovea.train.Evaluation;
import dev.fovea.viz.ColorMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The confusion matrix as a table of counts (true class per row, predicted class per column, each
 * cell tinted by its share of the row), the accuracy of each class, and the most frequent
 * confusions in words.
 */
final class ConfusionSection {
    /** More classes than this get no matrix (it would not fit a page), only the lists. */
    static final int MAX_MATRIX_CLASSES = 20;
    static final int TOP_CONFUSIONS = 5;

    private ConfusionSection() {}

    static Section of(TestResults results, List<String> classNames, String split) {
        Evaluation evaluation = results.evaluation();
        int[][] confusion = evaluation.confusion();
        StringBuilder body = new StringBuilder();
        body.append(Html.paragraph(String.format(Locale.ROOT, "Accuracy %s and loss %.4f on %,d %s images%s.",
                Html.percent(evaluation.accuracy()), evaluation.loss(), results.evaluated(), Html.escape(split),
                results.capped() ? String.format(Locale.ROOT, " (the first %,d of %,d)", results.evaluated(),
                        results.available()) : "")));
        if (confusion.length <= MAX_MATRIX_CLASSES) {
            body.append(matrix(evaluation, classNames));
        } else {
            body.append("<details><summary>Accuracy of each of the ").append(confusion.length)
                    .append(" classes</summary>\n").append(classTable(evaluation, classNames)).append("</details>\n");
        }
        body.append(topConfusions(confusion, classNames));
        return new Section("confusion", "Where the model errs",
                "A <em>confusion matrix</em> counts, for every true class (rows), which class the model predicted "
                        + "(columns). The diagonal holds the correct answers; every other cell is one particular "
                        + "mix-up. Colour shows a cell's share of its row, so the pale cells off the diagonal are "
                        + "the classes the model confuses. The last column is each class's accuracy: the share of "
                        + "its images classified correctly.",
                body.toString());
    }

    private static String matrix(Evaluation evaluation, List<String> classNames) {
        int[][] confusion = evaluation.confusion();
        int n = confusion.length;
        StringBuilder t = new StringBuilder("<div class=\"scroll\"><table class=\"confusion\">\n<thead><tr>"
                + "<th class=\"corner\">true \u2193 predicted \u2192</th>");
        for (int p = 0; p < n; p++) {
            t.append("<th title=\"").append(label(classNames, p)).append("\">").append(p).append("</th>");
        }
        t.append("<th class=\"accuracy\">accuracy</th></tr></thead>\n<tbody>\n");
        for (int k = 0; k < n; k++) {
            int total = rowTotal(confusion[k]);
            t.append("<tr><th>").append(k).append(' ').append(label(classNames, k)).append("</th>");
            for (int p = 0; p < n; p++) {
                double share = total == 0 ? 0 : (double) confusion[k][p] / total;
                t.append(String.format(Locale.ROOT, "<td data-true=\"%d\" data-predicted=\"%d\" "
                                + "style=\"background:#%06x;color:%s\">%d</td>", k, p, ColorMap.BLUES.rgb(share),
                        share > 0.5 ? "#fff" : "#1d2330", confusion[k][p]));
            }
            t.append(accuracyCell(evaluation.classAccuracy(k))).append("</tr>\n");
        }
        return t.append("</tbody></table></div>\n").toString();
    }

    private static String classTable(Evaluation evaluation, List<String> classNames) {
        int[][] confusion = evaluation.confusion();
        StringBuilder t = new StringBuilder("<table class=\"classes\">\n<thead><tr><th>class</th><th>images</th>"
                + "<th class=\"accuracy\">accuracy</th></tr></thead>\n<tbody>\n");
        for (int k = 0; k < confusion.length; k++) {
            t.append("<tr><th>").append(k).append(' ').append(label(classNames, k)).append("</th><td>")
                    .append(rowTotal(confusion[k])).append("</td>").append(accuracyCell(evaluation.classAccuracy(k)))
                    .append("</tr>\n");
        }
        return t.append("</tbody></table>\n").toString();
    }

    /** The accuracy with a bar of its length; a class without images has none. */
    private static String accuracyCell(double accuracy) {
        if (Double.isNaN(accuracy)) {
            return "<td class=\"accuracy\">\u2013</td>";
        }
        return String.format(Locale.ROOT, "<td class=\"accuracy\"><span class=\"bar\" style=\"width:%.1f%%\"></span>"
                + "<span class=\"value\">%s</span></td>", 100 * accuracy, Html.percent(accuracy));
    }

    private static String topConfusions(int[][] confusion, List<String> classNames) {
        List<int[]> cells = new ArrayList<>();
        for (int k = 0; k < confusion.length; k++) {
            for (int p = 0; p < confusion.length; p++) {
                if (k != p && confusion[k][p] > 0) {
                    cells.add(new int[] {k, p, confusion[k][p]});
                }
            }
        }
        if (cells.isEmpty()) {
            return Html.paragraph("No image was confused with another class.");
        }
        cells.sort(Comparator.comparingInt((int[] c) -> -c[2]).thenComparingInt(c -> c[0]).thenComparingInt(c -> c[1]));
        StringBuilder list = new StringBuilder("<p>The most frequent mistakes:</p>\n<ol class=\"confusions\">\n");
        for (int[] c : cells.subList(0, Math.min(TOP_CONFUSIONS, cells.size()))) {
            list.append(String.format(Locale.ROOT, "<li><strong>%s</strong> taken for <strong>%s</strong>: %,d "
                            + "image%s (%s of its class)</li>\n", label(classNames, c[0]), label(classNames, c[1]),
                    c[2], c[2] == 1 ? "" : "s",
                    Html.percent((double) c[2] / rowTotal(confusion[c[0]]))));
        }
        return list.append("</ol>\n").toString();
    }

    /** The name of class {@code k}, escaped. */
    private static String label(List<String> classNames, int k) {
        return Html.escape(RunReport.className(classNames, k));
    }

    private static int rowTotal(int[] row) {
        int total = 0;
        for (int count : row) {
            total += count;
        }
        return total;
    }
}

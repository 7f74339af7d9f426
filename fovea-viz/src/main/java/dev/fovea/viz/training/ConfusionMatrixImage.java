package dev.fovea.viz.training;

import dev.fovea.train.Evaluation;
import dev.fovea.viz.ColorMap;
import dev.fovea.viz.Text;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * A confusion matrix as a picture: one row per true class, one column per predicted class, each
 * cell coloured by {@link ColorMap#BLUES} of its count over the largest count (so the colour
 * darkens as the count grows) and showing the count. Rows are labelled with class index and
 * name, columns with the index.
 */
public final class ConfusionMatrixImage {
    /** Side of a cell, in pixels. */
    public static final int CELL = 40;
    static final int LABEL_WIDTH = 120;
    static final int MARGIN = 10;
    static final int HEADER = 46;
    static final int COLUMN_LABELS = 16;

    private final int[][] counts;
    private final List<String> classNames;
    private final String subtitle;

    /** The matrix of an evaluation, with its accuracy and example count under the title. */
    public ConfusionMatrixImage(Evaluation evaluation) {
        this(evaluation.confusion(), evaluation.classNames(), String.format(Locale.ROOT,
                "accuracy %.2f%% on %d images", 100 * evaluation.accuracy(), evaluation.examples()));
    }

    /** A square matrix of counts, {@code counts[true][predicted]}. */
    public ConfusionMatrixImage(int[][] counts, List<String> classNames, String subtitle) {
        for (int[] row : counts) {
            if (row.length != counts.length) {
                throw new IllegalArgumentException("a confusion matrix is square, got a row of " + row.length
                        + " in " + counts.length + " rows");
            }
            for (int c : row) {
                if (c < 0) {
                    throw new IllegalArgumentException("counts are >= 0, got " + c);
                }
            }
        }
        this.counts = counts;
        this.classNames = List.copyOf(classNames);
        this.subtitle = subtitle;
    }

    /** The picture of an evaluation's confusion matrix. */
    public static BufferedImage draw(Evaluation evaluation) {
        return new ConfusionMatrixImage(evaluation).render();
    }

    /** Where the cell of true class {@code trueClass} and predicted class {@code predicted} is. */
    public Rectangle cell(int trueClass, int predicted) {
        return new Rectangle(MARGIN + LABEL_WIDTH + predicted * CELL, MARGIN + HEADER + COLUMN_LABELS + trueClass * CELL,
                CELL, CELL);
    }

    public BufferedImage render() {
        int n = counts.length;
        int width = Math.max(2 * MARGIN + LABEL_WIDTH + n * CELL, 2 * MARGIN + Text.width(subtitle, Text.BODY));
        int height = 2 * MARGIN + HEADER + COLUMN_LABELS + n * CELL + 16;
        int max = 0;
        for (int[] row : counts) {
            for (int c : row) {
                max = Math.max(max, c);
            }
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Text.graphics(image);
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.DARK_GRAY);
            Text.draw(g, "Confusion matrix", Text.TITLE, MARGIN, MARGIN, width - 2 * MARGIN);
            Text.draw(g, subtitle, Text.BODY, MARGIN, MARGIN + 18, width - 2 * MARGIN);
            Text.draw(g, "true \\ predicted", Text.SMALL, MARGIN, MARGIN + HEADER, LABEL_WIDTH);
            for (int k = 0; k < n; k++) {
                Rectangle top = cell(0, k);
                g.setColor(Color.DARK_GRAY);
                Text.drawCentred(g, Integer.toString(k), Text.SMALL, top.x + CELL / 2, MARGIN + HEADER, CELL);
                Rectangle left = cell(k, 0);
                String name = k < classNames.size() ? k + " " + classNames.get(k) : Integer.toString(k);
                Text.draw(g, name, Text.SMALL, MARGIN, left.y + CELL / 2 - 6, LABEL_WIDTH - 6);
                for (int p = 0; p < n; p++) {
                    drawCell(g, cell(k, p), counts[k][p], max);
                }
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void drawCell(Graphics2D g, Rectangle r, int count, int max) {
        double t = max == 0 ? 0 : (double) count / max;
        g.setColor(new Color(ColorMap.BLUES.rgb(t)));
        g.fillRect(r.x, r.y, r.width, r.height);
        g.setColor(t > 0.5 ? Color.WHITE : Color.DARK_GRAY);
        Text.drawCentred(g, Integer.toString(count), Text.SMALL, r.x + r.width / 2, r.y + r.height / 2 - 6, r.width - 4);
    }
}

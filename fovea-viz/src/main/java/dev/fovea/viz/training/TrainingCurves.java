package dev.fovea.viz.training;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Training curves drawn with XChart: loss and accuracy per epoch, training against validation,
 * and the loss of every batch with its exponential moving average. Missing values (NaN) are left
 * out of a series, and a series with no values is not drawn.
 */
public final class TrainingCurves {
    /**
     * Smoothing of the batch loss: s_0 = x_0, s_t = {@value} s_(t-1) + (1 - {@value}) x_t, so a
     * value's weight halves about every 6.6 batches.
     */
    public static final double SMOOTHING = 0.9;
    /**
     * Most points per curve of {@link #batchLossChart}: a longer run is drawn with every n-th batch
     * (after smoothing over all of them), which the eye cannot tell apart at this size.
     */
    public static final int MAX_BATCH_POINTS = 4000;
    public static final int WIDTH = 640;
    public static final int HEIGHT = 400;
    public static final String TRAINING = "training";
    public static final String VALIDATION = "validation";
    public static final String BATCH = "batch loss";
    public static final String SMOOTHED = "smoothed (EMA " + SMOOTHING + ")";
    /** An invisible series of {@link #batchLossChart} that makes XChart put the ticks on round numbers. */
    static final String TICK_ANCHOR = "tick anchor";

    private TrainingCurves() {}

    /** Loss per epoch: "training" from {@code loss}, "validation" from {@code val_loss}. */
    public static XYChart lossChart(MetricsTable table) {
        return epochChart(table, "Loss", "loss", "val_loss");
    }

    /** Accuracy per epoch: "training" from {@code accuracy}, "validation" from {@code val_accuracy}. */
    public static XYChart accuracyChart(MetricsTable table) {
        return epochChart(table, "Accuracy", "accuracy", "val_accuracy");
    }

    /** Every batch's loss recorded by {@link BatchLosses}, against the epochs done, with its smoothed curve. */
    public static XYChart batchLossChart(BatchLosses batches) {
        return batchLossChart(batches.epochs(), batches.losses());
    }

    /** Every batch's loss against when it came ({@code epochs}, e.g. epochs done), with its smoothed curve. */
    public static XYChart batchLossChart(List<Double> epochs, List<Double> losses) {
        if (losses.isEmpty() || epochs.size() != losses.size()) {
            throw new IllegalArgumentException("batch losses to draw: " + losses.size() + " losses at "
                    + epochs.size() + " positions");
        }
        double[] x = values(epochs);
        double[] y = values(losses);
        double[] s = smoothed(y, SMOOTHING);
        XYChart chart = chart("Loss per batch", "epoch", "loss");
        // Ticks count from the axis minimum: from 0 they fall on round numbers of epochs.
        chart.getStyler().setXAxisMin(Math.min(0, x[0]));
        chart.getStyler().setXAxisDecimalPattern("0.##");
        int every = (x.length + MAX_BATCH_POINTS - 1) / MAX_BATCH_POINTS;
        add(chart, BATCH, everyNth(x, every), everyNth(y, every), new Color(0xA0C0E0));
        add(chart, SMOOTHED, everyNth(x, every), everyNth(s, every), new Color(0x1F4E99));
        if (x.length > 1) {
            // XChart puts the ticks of equally spaced x values (batches are) on data points, at uneven
            // fractions such as 0.06, 0.12, 0.18 with crowded labels. One more x value off that grid,
            // halfway between the first two batches, turns this off and the ticks fall on round
            // numbers. The point is drawn as nothing and left out of the legend.
            XYSeries offGrid = chart.addSeries(TICK_ANCHOR, new double[] {(x[0] + x[1]) / 2}, new double[] {s[0]});
            offGrid.setLineStyle(SeriesLines.NONE);
            offGrid.setMarker(SeriesMarkers.NONE);
            offGrid.setShowInLegend(false);
        }
        return chart;
    }

    /** Values 0, n, 2n, ...: long runs are drawn with at most {@value #MAX_BATCH_POINTS} points. */
    private static double[] everyNth(double[] values, int n) {
        double[] out = new double[(values.length + n - 1) / n];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[i * n];
        }
        return out;
    }

    /** The exponential moving average s_0 = v_0, s_t = factor s_(t-1) + (1 - factor) v_t; NaN values keep s. */
    public static double[] smoothed(double[] values, double factor) {
        double[] out = new double[values.length];
        double s = Double.NaN;
        for (int i = 0; i < values.length; i++) {
            if (!Double.isNaN(values[i])) {
                s = Double.isNaN(s) ? values[i] : factor * s + (1 - factor) * values[i];
            }
            out[i] = s;
        }
        return out;
    }

    /** The chart as a picture. */
    public static BufferedImage draw(XYChart chart) {
        return BitmapEncoder.getBufferedImage(chart);
    }

    private static XYChart epochChart(MetricsTable table, String title, String training, String validation) {
        if (!table.has(training) && !table.has(validation)) {
            throw new IllegalArgumentException("the metrics have neither " + training + " nor " + validation
                    + ": they have " + String.join(", ", table.columns().keySet()));
        }
        XYChart chart = chart(title, "epoch", title.toLowerCase(java.util.Locale.ROOT));
        double[] epochs = table.epochs().stream().mapToDouble(Integer::doubleValue).toArray();
        if (table.has(training)) {
            add(chart, TRAINING, epochs, values(table.column(training)), new Color(0x1F77B4));
        }
        if (table.has(validation)) {
            add(chart, VALIDATION, epochs, values(table.column(validation)), new Color(0xFF7F0E));
        }
        return chart;
    }

    private static XYChart chart(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setAntiAlias(true);
        return chart;
    }

    /** Adds the points whose y is a number; nothing when none is. */
    private static void add(XYChart chart, String name, double[] x, double[] y, Color colour) {
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(y[i])) {
                points.add(new double[] {x[i], y[i]});
            }
        }
        if (points.isEmpty()) {
            return;
        }
        XYSeries series = chart.addSeries(name, points.stream().mapToDouble(p -> p[0]).toArray(),
                points.stream().mapToDouble(p -> p[1]).toArray());
        series.setLineColor(colour);
        series.setMarkerColor(colour);
        series.setMarker(x.length > 50 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
    }

    private static double[] values(List<Double> list) {
        return list.stream().mapToDouble(Double::doubleValue).toArray();
    }
}

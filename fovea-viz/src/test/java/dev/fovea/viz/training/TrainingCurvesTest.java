package dev.fovea.viz.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.model.Sequential;
import dev.fovea.nn.ActivationFunction;
import dev.fovea.nn.Conv2D;
import dev.fovea.nn.Dense;
import dev.fovea.nn.Flatten;
import dev.fovea.nn.Loss;
import dev.fovea.optim.Sgd;
import dev.fovea.train.CsvLogger;
import dev.fovea.train.FitOptions;
import dev.fovea.train.History;
import dev.fovea.train.Metric;
import dev.fovea.viz.TinyData;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

class TrainingCurvesTest {
    @TempDir
    Path dir;

    private History train(BatchLosses batches, Path csv) {
        Sequential model = new Sequential(6, 6, 1).add(new Conv2D(2, 3, ActivationFunction.RELU), new Flatten(),
                new Dense(2, ActivationFunction.SOFTMAX));
        model.initialize(3);
        model.compile(new Sgd(0.2), Loss.sparseCategoricalCrossentropy(), Metric.ACCURACY);
        return model.fit(TinyData.halves(12, 6, 1), FitOptions.epochs(3).batchSize(4).seed(2)
                .validationData(TinyData.halves(8, 6, 5)).callbacks(batches, new CsvLogger(csv)));
    }

    private static double[] values(List<Double> list) {
        return list.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Test
    void epochChartsCarryTheHistorysValues() {
        History history = train(new BatchLosses(), dir.resolve("m.csv"));
        MetricsTable table = MetricsTable.of(history);
        assertEquals(List.of(1, 2, 3), table.epochs());
        Map<String, XYSeries> loss = TrainingCurves.lossChart(table).getSeriesMap();
        assertArrayEquals(new double[] {1, 2, 3}, loss.get(TrainingCurves.TRAINING).getXData());
        assertArrayEquals(values(history.values("loss")), loss.get(TrainingCurves.TRAINING).getYData());
        assertArrayEquals(values(history.values("val_loss")), loss.get(TrainingCurves.VALIDATION).getYData());
        Map<String, XYSeries> accuracy = TrainingCurves.accuracyChart(table).getSeriesMap();
        assertArrayEquals(values(history.values("accuracy")), accuracy.get(TrainingCurves.TRAINING).getYData());
        assertArrayEquals(values(history.values("val_accuracy")), accuracy.get(TrainingCurves.VALIDATION).getYData());
    }

    @Test
    void theBatchChartHasEveryBatchLossAndItsMovingAverage() {
        BatchLosses batches = new BatchLosses();
        train(batches, dir.resolve("m.csv"));
        List<Double> losses = batches.losses();
        assertEquals(9, losses.size()); // 3 epochs of 12 images in batches of 4
        XYChart chart = TrainingCurves.batchLossChart(batches);
        XYSeries raw = chart.getSeriesMap().get(TrainingCurves.BATCH);
        assertArrayEquals(values(losses), raw.getYData());
        double third = 1.0 / 3;
        assertArrayEquals(new double[] {third, 2 * third, 1, 1 + third, 1 + 2 * third, 2, 2 + third, 2 + 2 * third, 3},
                raw.getXData(), 1e-12);
        double s = losses.get(0);
        double[] smoothed = chart.getSeriesMap().get(TrainingCurves.SMOOTHED).getYData();
        for (int i = 0; i < losses.size(); i++) {
            s = i == 0 ? s : 0.9 * s + 0.1 * losses.get(i);
            assertEquals(s, smoothed[i], 1e-12, "smoothed loss after batch " + (i + 1));
        }
    }

    @Test
    void smoothingSkipsMissingValues() {
        assertArrayEquals(new double[] {Double.NaN, 1, 1.5, 1.5, 2.75},
                TrainingCurves.smoothed(new double[] {Double.NaN, 1, 2, Double.NaN, 4}, 0.5));
    }

    @Test
    void theCsvLoggersFileGivesTheSameCurves() {
        Path csv = dir.resolve("metrics.csv");
        History history = train(new BatchLosses(), csv);
        MetricsTable table = MetricsTable.readCsv(csv);
        assertEquals(List.of(1, 2, 3), table.epochs());
        for (String name : List.of("loss", "accuracy", "val_loss", "val_accuracy")) {
            double[] expected = values(history.values(name));
            double[] read = values(table.column(name));
            for (int i = 0; i < 3; i++) {
                assertEquals(expected[i], read[i], 1e-5 * Math.abs(expected[i]) + 1e-12, name + " epoch " + (i + 1));
            }
        }
    }

    @Test
    void missingValuesAreLeftOutAndAMissingSeriesIsNotDrawn() {
        MetricsTable table = new MetricsTable(List.of(1, 2, 3), Map.of("loss", List.of(0.9, Double.NaN, 0.5)));
        XYChart chart = TrainingCurves.lossChart(table);
        assertArrayEquals(new double[] {1, 3}, chart.getSeriesMap().get(TrainingCurves.TRAINING).getXData());
        assertFalse(chart.getSeriesMap().containsKey(TrainingCurves.VALIDATION));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainingCurves.accuracyChart(table));
        assertTrue(e.getMessage().contains("neither accuracy nor val_accuracy"), e.getMessage());
    }

    @Test
    void chartsRenderWithoutADisplay() {
        MetricsTable table = new MetricsTable(List.of(1, 2), Map.of("loss", List.of(0.9, 0.5), "val_loss", List.of(1.0, 0.7)));
        BufferedImage image = TrainingCurves.draw(TrainingCurves.lossChart(table));
        assertEquals(TrainingCurves.WIDTH, image.getWidth());
        assertEquals(TrainingCurves.HEIGHT, image.getHeight());
        int coloured = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                coloured += rgb == 0x1F77B4 || rgb == 0xFF7F0E ? 1 : 0;
            }
        }
        assertTrue(coloured > 50, "both curves are drawn in their colours: " + coloured + " pixels");
    }

    @Test
    void aLongRunIsDrawnWithEveryNthBatchSmoothedOverAllOfThem() {
        int n = 3 * TrainingCurves.MAX_BATCH_POINTS + 2; // 12,002 batches: every 4th, 3,001 points
        List<Double> epochs = new java.util.ArrayList<>();
        List<Double> losses = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            epochs.add((i + 1) / 1000.0);
            losses.add(i % 2 == 0 ? 2.0 : 1.0);
        }
        XYChart chart = TrainingCurves.batchLossChart(epochs, losses);
        XYSeries raw = chart.getSeriesMap().get(TrainingCurves.BATCH);
        assertEquals((n + 3) / 4, raw.getXData().length);
        assertEquals(4 / 1000.0 + 1 / 1000.0, raw.getXData()[1], 1e-12);
        double[] all = TrainingCurves.smoothed(values(losses), TrainingCurves.SMOOTHING);
        double[] drawn = chart.getSeriesMap().get(TrainingCurves.SMOOTHED).getYData();
        for (int k = 0; k < drawn.length; k++) {
            assertEquals(all[4 * k], drawn[k], 0.0, "the smoothed value after batch " + (4 * k + 1));
        }
    }

    @Test
    void theBatchChartsTickAnchorIsOffTheBatchGridAndInvisible() {
        XYChart chart = TrainingCurves.batchLossChart(List.of(0.25, 0.5, 0.75, 1.0), List.of(2.0, 1.5, 1.2, 1.0));
        XYSeries anchor = chart.getSeriesMap().get(TrainingCurves.TICK_ANCHOR);
        assertArrayEquals(new double[] {0.375}, anchor.getXData());
        assertFalse(anchor.isShowInLegend());
        assertEquals(org.knowm.xchart.style.markers.SeriesMarkers.NONE, anchor.getMarker());
        assertEquals(org.knowm.xchart.style.lines.SeriesLines.NONE, anchor.getLineStyle());
    }
}

package dev.fovea.viz.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.model.Sequential;
import dev.fovea.nn.ActivationFunction;
import dev.fovea.nn.Conv2D;
import dev.fovea.nn.Dense;
import dev.fovea.nn.Flatten;
import dev.fovea.nn.Loss;
import dev.fovea.optim.Sgd;
import dev.fovea.train.FitOptions;
import dev.fovea.viz.Sheet;
import dev.fovea.viz.TinyData;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParameterHistogramsTest {

    @Test
    void binsAreEqualWidthWithTheMaximumInTheLastBin() {
        Histogram h = Histogram.of("x", new float[] {0, 1, 2, 3, 4, Float.NaN}, 4);
        assertArrayEquals(new long[] {1, 1, 1, 2}, h.counts());
        assertEquals(0, h.min());
        assertEquals(4, h.max());
        assertEquals(5, h.total());
        assertArrayEquals(new long[] {3, 0}, Histogram.of("same", new float[] {2, 2, 2}, 2).counts());
    }

    @Test
    void barHeightsAreCountsOverTheLargestCount() {
        BufferedImage plot = ParameterHistograms.plot(Histogram.of("x", new float[] {0, 1, 2, 3, 4}, 4));
        int[] heights = new int[4];
        int barWidth = ParameterHistograms.PLOT_WIDTH / 4;
        for (int bin = 0; bin < 4; bin++) {
            int x = bin * barWidth + barWidth / 2;
            for (int y = 0; y < ParameterHistograms.PLOT_HEIGHT; y++) {
                heights[bin] += (plot.getRGB(x, y) & 0xFFFFFF) == ParameterHistograms.BAR_COLOUR ? 1 : 0;
            }
        }
        int full = ParameterHistograms.PLOT_HEIGHT;
        assertArrayEquals(new int[] {full / 2, full / 2, full / 2, full}, heights);
    }

    @Test
    void oneHistogramPerParameterOfWeightsAndOfTheLastBatchsGradients() {
        Sequential model = new Sequential(6, 6, 1).add(new Conv2D(2, 3, ActivationFunction.RELU), new Flatten(),
                new Dense(2, ActivationFunction.SOFTMAX));
        model.initialize(1);
        assertEquals(List.of(), ParameterHistograms.gradients(model), "no gradients before training");
        List<Histogram> weights = ParameterHistograms.weights(model);
        assertEquals(List.of("conv2d/kernel", "conv2d/bias", "dense/kernel", "dense/bias"),
                weights.stream().map(Histogram::name).toList());
        assertEquals(18, weights.get(0).total());
        assertArrayEquals(Histogram.of("", model.layers().get(0).parameters().get("kernel").data(),
                ParameterHistograms.BINS).counts(), weights.get(0).counts());

        model.compile(new Sgd(0.1), Loss.sparseCategoricalCrossentropy());
        model.fit(TinyData.halves(8, 6, 3), FitOptions.epochs(1).batchSize(4).seed(1));
        List<Histogram> gradients = ParameterHistograms.gradients(model);
        assertEquals(4, gradients.size());
        float[] denseGradient = model.layers().get(2).parameters().get("kernel").grad();
        assertArrayEquals(Histogram.of("", denseGradient, ParameterHistograms.BINS).counts(), gradients.get(2).counts());
        assertTrue(gradients.get(2).max() > gradients.get(2).min(), "the gradient is not all one value");
        Sheet sheet = ParameterHistograms.sheet("Gradients", gradients);
        assertEquals(ParameterHistograms.PLOT_WIDTH, sheet.tileBounds(0, 3).width);
    }
}

package dev.fovea.viz.training;

import dev.fovea.model.Model;
import dev.fovea.nn.Layer;
import dev.fovea.tensor.Tensor;
import dev.fovea.viz.Sheet;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Histograms of each layer's weights, or of their gradients, named "layer/parameter" (e.g.
 * "conv2d/kernel"). Gradients are those the last backward pass left on the weights: after
 * {@code fit}, the last batch's (training clears them before each batch).
 */
public final class ParameterHistograms {
    public static final int BINS = 30;
    /** Size of one histogram's plot, in pixels. */
    public static final int PLOT_WIDTH = 180;
    public static final int PLOT_HEIGHT = 80;
    static final int BAR_COLOUR = 0x1F77B4;
    private static final int COLUMNS = 3;

    private ParameterHistograms() {}

    /** One histogram per parameter of every layer, in layer order. */
    public static List<Histogram> weights(Model model) {
        return collect(model, false);
    }

    /** One histogram per parameter that has a gradient, in layer order. */
    public static List<Histogram> gradients(Model model) {
        return collect(model, true);
    }

    private static List<Histogram> collect(Model model, boolean gradients) {
        List<Histogram> out = new ArrayList<>();
        for (Layer layer : model.layers()) {
            for (Map.Entry<String, Tensor> p : layer.parameters().entrySet()) {
                float[] values = gradients ? p.getValue().grad() : p.getValue().data();
                if (values != null) {
                    out.add(Histogram.of(layer.name() + "/" + p.getKey(), values, BINS));
                }
            }
        }
        return out;
    }

    /** The histograms in a grid under {@code title}, each labelled with its name and range. */
    public static Sheet sheet(String title, List<Histogram> histograms) {
        if (histograms.isEmpty()) {
            throw new IllegalArgumentException("no histograms to draw (no gradients yet?)");
        }
        List<BufferedImage> plots = new ArrayList<>();
        List<List<String>> labels = new ArrayList<>();
        for (Histogram h : histograms) {
            plots.add(plot(h));
            labels.add(List.of(h.name() + " (" + h.total() + ")",
                    String.format(Locale.ROOT, "%.3g .. %.3g", h.min(), h.max())));
        }
        return new Sheet(title).note("Bar height: count over the largest count of the histogram; " + BINS
                + " equal bins from min to max.").section("parameters", plots, labels, COLUMNS);
    }

    /** The weights' histograms as a picture. */
    public static BufferedImage drawWeights(Model model) {
        return sheet("Weights", weights(model)).render();
    }

    /** The gradients' histograms as a picture. */
    public static BufferedImage drawGradients(Model model) {
        return sheet("Gradients of the last batch", gradients(model)).render();
    }

    /** Bars of equal width; bar i is round(count_i / max count * {@value #PLOT_HEIGHT}) pixels tall, from the bottom. */
    static BufferedImage plot(Histogram h) {
        BufferedImage image = new BufferedImage(PLOT_WIDTH, PLOT_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, PLOT_WIDTH, PLOT_HEIGHT);
            long[] counts = h.counts();
            long max = 0;
            for (long c : counts) {
                max = Math.max(max, c);
            }
            g.setColor(new Color(BAR_COLOUR));
            for (int i = 0; i < counts.length && max > 0; i++) {
                int x0 = i * PLOT_WIDTH / counts.length;
                int x1 = (i + 1) * PLOT_WIDTH / counts.length;
                int height = (int) Math.round((double) counts[i] / max * PLOT_HEIGHT);
                g.fillRect(x0, PLOT_HEIGHT - height, x1 - x0, height);
            }
        } finally {
            g.dispose();
        }
        return image;
    }
}

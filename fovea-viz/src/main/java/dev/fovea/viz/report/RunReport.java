package dev.fovea.viz.report;

import dev.fovea.FoveaException;
import dev.fovea.data.ImageSource;
import dev.fovea.io.AtomicFiles;
import dev.fovea.model.Model;
import dev.fovea.tensor.Shapes;
import dev.fovea.tensor.Tensor;
import dev.fovea.viz.ModelInput;
import dev.fovea.viz.training.MetricsTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report of a training run: one self-contained HTML page (styles and pictures inside it, as
 * {@code data:} URIs; nothing is fetched) that explains what the network learned, for people
 * learning how CNNs work. Its sections: the run's options and layers; loss and accuracy curves,
 * per epoch and per batch; the confusion matrix and per-class accuracy; misclassified images; the
 * first layer's filters and their evolution; edge detection with Sobel filters; a few images'
 * journeys through every layer; the image patches that excite a few channels; saliency and
 * Grad-CAM maps; histograms of the weights.
 *
 * <p>The work is capped for large datasets: the evaluation covers the first
 * {@value #EVALUATED_IMAGES} images, the search for top patches the first {@value #PATCH_IMAGES}.
 * The model must be a Sequential model of grey or colour images with a Conv2D layer, as every
 * built-in model is.
 */
public final class RunReport {
    /** Images evaluated for the confusion matrix and the misclassified grid. */
    public static final int EVALUATED_IMAGES = 10_000;
    /** Images searched for each channel's top patches. */
    public static final int PATCH_IMAGES = 1_500;
    /** Images followed through the network, with their saliency and Grad-CAM maps. */
    public static final int EXAMPLES = 3;
    /** Misclassified images shown. */
    public static final int MISTAKES = 32;

    private RunReport() {}

    /**
     * Writes the report of {@code run} to {@link RunFiles#report()}, atomically, and returns its path.
     *
     * @param model  the run's model (compiled here for evaluation)
     * @param images the images to evaluate and draw, normally the test split training validated on
     * @param split  what {@code images} are, for the text: "test", or "training" for a run without a test split
     */
    public static Path write(RunFiles run, Model model, ImageSource images, String split) {
        AtomicFiles.writeString(run.report(), html(run, model, images, split));
        return run.report();
    }

    /** The report as HTML text (see {@link #write}). */
    public static String html(RunFiles run, Model model, ImageSource images, String split) {
        requireMatching(model, images);
        Map<String, Object> configuration = run.configuration();
        MetricsTable metrics = Files.isRegularFile(run.metrics()) ? MetricsTable.readCsv(run.metrics()) : null;
        BatchLossTable batches = Files.isRegularFile(run.batches()) ? BatchLossTable.readCsv(run.batches()) : null;
        List<String> classNames = classNames(model, images);
        TestResults results = TestResults.of(model, images, EVALUATED_IMAGES, MISTAKES);
        List<Example> examples = Example.pick(model, images, EXAMPLES);
        int[] in = model.inputShape();

        List<Section> sections = new ArrayList<>();
        sections.add(SetupSection.of(run, configuration, model));
        sections.add(CurvesSection.of(metrics, batches, text(configuration, "batch_size", "?")));
        sections.add(ConfusionSection.of(results, classNames, split));
        sections.add(MistakesSection.of(results, images, classNames, split));
        sections.add(FiltersSection.of(model, run));
        sections.add(EdgesSection.of(examples.get(0), in[0], in[1], in[2]));
        sections.add(JourneySection.of(model, examples, classNames));
        sections.add(PatchesSection.of(model, FirstImages.of(images, PATCH_IMAGES), split));
        sections.add(AttributionSection.of(model, examples, classNames));
        sections.add(WeightsSection.of(model));
        return page(run, configuration, model, metrics, results, split, sections);
    }

    private static void requireMatching(Model model, ImageSource images) {
        ModelInput.requireImageInput(model);
        int[] in = model.inputShape();
        if (in[0] != images.height() || in[1] != images.width() || in[2] != images.channels()) {
            throw new FoveaException("the model takes " + Shapes.toString(in) + " images but " + images.name()
                    + " has " + images.height() + "x" + images.width() + "x" + images.channels() + " images");
        }
        if (in[2] != 1 && in[2] != 3) {
            throw new FoveaException("the report draws grey or colour images, not " + in[2] + " channels");
        }
        if (images.size() == 0) {
            throw new FoveaException(images.name() + " has no images to evaluate and draw");
        }
    }

    /** The model's class names when it has one per output, else the dataset's. */
    static List<String> classNames(Model model, ImageSource images) {
        int outputs = model.outputShape()[0];
        int classes = Math.max(2, outputs);
        return model.classNames().size() == classes ? model.classNames() : images.classNames();
    }

    /** The name of class {@code k}, or "class k" when the names run out. */
    static String className(List<String> classNames, int k) {
        return k < classNames.size() ? classNames.get(k) : "class " + k;
    }

    private static String page(RunFiles run, Map<String, Object> configuration, Model model, MetricsTable metrics,
                               TestResults results, String split, List<Section> sections) {
        StringBuilder html = new StringBuilder(1 << 20);
        String title = run.name();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Fovea report: ").append(Html.escape(title)).append("</title>\n<style>\n")
                .append(stylesheet()).append("</style>\n</head>\n<body>\n");
        html.append("<header class=\"top\"><div class=\"wrap\">\n<p class=\"kicker\">Fovea training report</p>\n<h1>")
                .append(Html.escape(title)).append("</h1>\n<p class=\"subtitle\">")
                .append(Html.escape(text(configuration, "model", model.modelName()))).append(" on ")
                .append(Html.escape(text(configuration, "dataset", results.evaluation().classNames().size()
                        + "-class images")))
                .append("</p>\n").append(cards(model, metrics, results, split)).append("</div></header>\n");
        html.append("<nav class=\"toc\"><div class=\"wrap\">");
        for (Section s : sections) {
            html.append("<a href=\"#").append(s.id()).append("\">").append(Html.escape(s.title())).append("</a>");
        }
        html.append("</div></nav>\n<main class=\"wrap\">\n");
        for (Section s : sections) {
            html.append("<section id=\"").append(s.id()).append("\">\n<h2>").append(Html.escape(s.title()))
                    .append("</h2>\n<p class=\"explain\">").append(s.explanation()).append("</p>\n")
                    .append(s.body()).append("</section>\n");
        }
        html.append("</main>\n<footer><div class=\"wrap\">Written by <code>fovea report</code>. One self-contained "
                + "page: every picture is inside it, nothing is fetched.</div></footer>\n</body>\n</html>\n");
        return html.toString();
    }

    /** The headline figures. */
    private static String cards(Model model, MetricsTable metrics, TestResults results, String split) {
        long parameters = 0;
        for (Tensor p : model.parameters()) {
            parameters += p.size();
        }
        StringBuilder cards = new StringBuilder("<div class=\"cards\">\n");
        card(cards, Html.percent(results.evaluation().accuracy()), split + " accuracy");
        card(cards, String.format(Locale.ROOT, "%.4f", results.evaluation().loss()), split + " loss");
        if (metrics != null) {
            card(cards, Integer.toString(metrics.epochs().size()), metrics.epochs().size() == 1 ? "epoch" : "epochs");
        }
        card(cards, String.format(Locale.ROOT, "%,d", parameters), "parameters");
        if (metrics != null && metrics.has("seconds")) {
            double seconds = metrics.column("seconds").stream().mapToDouble(Double::doubleValue)
                    .filter(v -> !Double.isNaN(v)).sum();
            card(cards, duration(seconds), "training time");
        }
        return cards.append("</div>\n").toString();
    }

    private static void card(StringBuilder cards, String value, String label) {
        cards.append("<div class=\"card\"><span class=\"value\">").append(Html.escape(value))
                .append("</span><span class=\"label\">").append(Html.escape(label)).append("</span></div>\n");
    }

    /** 75 s as "1 min 15 s", 4000 s as "1 h 6 min". */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min " + s % 60 + " s";
        }
        return s / 3600 + " h " + s % 3600 / 60 + " min";
    }

    private static String text(Map<String, Object> configuration, String key, String fallback) {
        Object value = configuration.get(key);
        return value == null ? fallback : value.toString();
    }

    private static String stylesheet() {
        try (InputStream in = RunReport.class.getResourceAsStream("report.css")) {
            if (in == null) {
                throw new IllegalStateException("report.css is missing from the fovea-viz jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.fovea.viz.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.FoveaException;
import dev.fovea.data.ImageDataset;
import dev.fovea.model.Model;
import dev.fovea.viz.ModelInput;
import dev.fovea.viz.TinyData;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReportTest {
    private static final Pattern IMG = Pattern.compile("<img src=\"([^\"]*)\" width=\"(\\d+)\" height=\"(\\d+)\"");

    @TempDir
    static Path temp;
    static RunFiles run;
    static ImageDataset test;
    static String html;

    @BeforeAll
    static void writeTheReport() throws IOException {
        run = TinyRun.write(temp.resolve("run"));
        test = TinyRun.test();
        Path file = RunReport.write(run, Model.load(run.model()), test, "test");
        assertEquals(run.report(), file);
        html = Files.readString(file);
    }

    /** The class each image of the test set gets, one image at a time, by arg-max of predictPixels. */
    private static int[] predictions() {
        Model model = Model.load(run.model());
        int[] predicted = new int[test.size()];
        for (int i = 0; i < test.size(); i++) {
            float[] p = model.predictPixels(ModelInput.pixels(test, i));
            predicted[i] = p[1] > p[0] ? 1 : 0;
        }
        return predicted;
    }

    @Test
    void theReportIsOneFileThatFetchesNothing() {
        String lower = html.toLowerCase(Locale.ROOT);
        for (String reference : List.of("http://", "https://", "file://", "<link", "<script", "url(", "@import")) {
            assertFalse(lower.contains(reference), "the report refers to something outside: " + reference);
        }
        assertTrue(lower.startsWith("<!doctype html>") && lower.contains("<style>"), "a page with inline styles");
        Matcher sources = Pattern.compile(" src=\"([^\"]*)\"").matcher(html);
        int images = 0;
        while (sources.find()) {
            assertTrue(sources.group(1).startsWith("data:image/png;base64,")
                    || sources.group(1).startsWith("data:image/gif;base64,"), "an inline picture, not " +
                    sources.group(1).substring(0, Math.min(40, sources.group(1).length())));
            images++;
        }
        // Curves 3, filters 3 (grid, animation, strip), edges 1, journeys 3, patches 2, saliency and Grad-CAM
        // 3 x 2, weights 1, and one per misclassified image.
        assertEquals(19 + count(html, "<figure class=\"thumb\">"), images, "pictures");
        Matcher links = Pattern.compile(" href=\"([^\"]*)\"").matcher(html);
        while (links.find()) {
            assertTrue(links.group(1).startsWith("#"), "a link within the page, not " + links.group(1));
        }
    }

    @Test
    void everyPictureDecodesAndTheAnimationIsTheRunsOwn() throws IOException {
        Matcher img = IMG.matcher(html);
        int gifs = 0;
        while (img.find()) {
            String uri = img.group(1);
            byte[] bytes = Base64.getDecoder().decode(uri.substring(uri.indexOf(',') + 1));
            BufferedImage picture = ImageIO.read(new ByteArrayInputStream(bytes));
            assertTrue(picture != null, "a picture that decodes: " + uri.substring(0, 30));
            int width = Integer.parseInt(img.group(2));
            int height = Integer.parseInt(img.group(3));
            // Shown at its own size, or enlarged (small images) keeping its proportions.
            assertEquals((double) picture.getHeight() / picture.getWidth(), (double) height / width, 0.02,
                    "proportions of a " + picture.getWidth() + "x" + picture.getHeight() + " picture shown " + width
                            + "x" + height);
            if (uri.startsWith("data:image/gif")) {
                assertArrayEquals(Files.readAllBytes(run.filtersGif()), bytes, "the run's own filters.gif");
                gifs++;
            }
        }
        assertEquals(1, gifs);
    }

    @Test
    void everySectionIsThere() {
        for (String id : List.of("setup", "curves", "confusion", "mistakes", "filters", "edges", "journey", "patches",
                "attribution", "weights")) {
            assertTrue(html.contains("<section id=\"" + id + "\">"), "section " + id);
            assertTrue(html.contains("<a href=\"#" + id + "\">"), "a link to section " + id);
        }
        assertTrue(html.contains("alt=\"loss of every batch and its moving average\""), "the batch-loss chart");
        assertTrue(html.contains("Every snapshot side by side"), "the strip of filter snapshots");
        assertTrue(html.contains("receptive field 3x3") && html.contains("receptive field 8x8"),
                "top patches of both conv layers with their receptive fields (3; 3 + 1 + 2 x 2 = 8)");
        assertEquals(RunReport.EXAMPLES, count(html, "<h3>Image #"), "saliency and Grad-CAM of each example");
    }

    @Test
    void theOptionsTableIsConfigJson() {
        Matcher rows = Pattern.compile("<tr><th>([^<]*)</th><td>([^<]*)</td></tr>")
                .matcher(section("setup"));
        Map<String, String> shown = new LinkedHashMap<>();
        while (rows.find()) {
            shown.put(rows.group(1), rows.group(2));
        }
        assertEquals(new ArrayList<>(TinyRun.configuration().entrySet()), new ArrayList<>(shown.entrySet()));
        assertTrue(section("setup").contains("Total params: "), "the model summary");
    }

    @Test
    void theConfusionMatrixCountsWhatAnIndependentEvaluationCounts() {
        int[] predicted = predictions();
        int[][] expected = new int[2][2];
        for (int i = 0; i < test.size(); i++) {
            expected[test.label(i)][predicted[i]]++;
        }
        Matcher cells = Pattern.compile("<td data-true=\"(\\d+)\" data-predicted=\"(\\d+)\"[^>]*>(\\d+)</td>")
                .matcher(section("confusion"));
        int[][] shown = new int[2][2];
        int found = 0;
        while (cells.find()) {
            int trueClass = Integer.parseInt(cells.group(1));
            shown[trueClass][Integer.parseInt(cells.group(2))] = Integer.parseInt(cells.group(3));
            found++;
        }
        assertEquals(4, found);
        assertArrayEquals(expected[0], shown[0]);
        assertArrayEquals(expected[1], shown[1]);
        for (int k = 0; k < 2; k++) {
            double accuracy = (double) expected[k][k] / (expected[k][0] + expected[k][1]);
            assertTrue(section("confusion").contains("<span class=\"value\">" + Html.percent(accuracy) + "</span>"),
                    "accuracy of class " + k);
        }
        double overall = (double) (expected[0][0] + expected[1][1]) / test.size();
        assertTrue(html.contains("<span class=\"value\">" + Html.percent(overall) + "</span><span class=\"label\">"
                + "test accuracy</span>"), "the headline accuracy");
    }

    @Test
    void theMisclassifiedGridShowsTheFirstMistakesWithTheirLabels() {
        int[] predicted = predictions();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < test.size() && expected.size() < RunReport.MISTAKES; i++) {
            if (predicted[i] != test.label(i)) {
                expected.add("#" + i + "|" + test.classNames().get(test.label(i)) + "|"
                        + test.classNames().get(predicted[i]));
            }
        }
        assertTrue(expected.size() >= 10, "every fourth test label is swapped: " + expected.size() + " mistakes");
        Matcher thumbs = Pattern.compile("<span class=\"index\">(#\\d+)</span><span class=\"right\">([^<]*)</span>"
                + "<span class=\"wrong\">(\\S+) [^<]*</span>").matcher(section("mistakes"));
        List<String> shown = new ArrayList<>();
        while (thumbs.find()) {
            shown.add(thumbs.group(1) + "|" + thumbs.group(2) + "|" + thumbs.group(3));
        }
        assertEquals(expected, shown);
    }

    @Test
    void aRunWithoutItsRecordsStillGetsAReportSayingWhatIsMissing() throws IOException {
        RunFiles bare = TinyRun.write(temp.resolve("bare"));
        Files.delete(bare.metrics());
        Files.delete(bare.batches());
        Files.delete(bare.filtersGif());
        Files.delete(bare.filtersStrip());
        String page = RunReport.html(bare, Model.load(bare.model()), TinyRun.test(), "test");
        assertTrue(page.contains("no metrics.csv"), "says the curves are missing");
        assertTrue(page.contains("no filters.gif or filters.png"), "says the evolution is missing");
        assertFalse(page.contains("data:image/gif"));
    }

    @Test
    void aColourRunShowsItsImagesInColour() throws IOException {
        RunFiles colour = TinyRun.write(temp.resolve("colour"), 3);
        String page = RunReport.html(colour, Model.load(colour.model()), TinyRun.test(3), "test");
        int start = page.indexOf("<section id=\"mistakes\">");
        Matcher img = IMG.matcher(page.substring(start, page.indexOf("</section>", start)));
        assertTrue(img.find(), "a misclassified image");
        BufferedImage thumb = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(
                img.group(1).substring(img.group(1).indexOf(',') + 1))));
        assertEquals(TinyRun.SIZE, thumb.getWidth());
        int rgb = thumb.getRGB(0, 0) & 0xFFFFFF;
        int v = rgb >> 16;
        assertEquals(v << 16 | (v / 2) << 8 | (255 - v), rgb, "the pixel's colour as the dataset has it");
        assertTrue(page.contains("(in grey)"), "the edge demonstration says it turned the image grey");
    }

    @Test
    void imagesOfAnotherSizeThanTheModelsAreRefused() {
        FoveaException e = assertThrows(FoveaException.class,
                () -> RunReport.html(run, Model.load(run.model()), TinyData.halves(4, 8, 1), "test"));
        assertTrue(e.getMessage().contains("(12, 12, 1)") && e.getMessage().contains("8x8x1"), e.getMessage());
    }

    @Test
    void durationsReadAsMinutesAndHours() {
        assertEquals("42 s", RunReport.duration(42.3));
        assertEquals("1 min 17 s", RunReport.duration(76.6));
        assertEquals("1 h 6 min", RunReport.duration(4000));
    }

    /** The HTML of one section. */
    private static String section(String id) {
        int start = html.indexOf("<section id=\"" + id + "\">");
        return html.substring(start, html.indexOf("</section>", start));
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }
}

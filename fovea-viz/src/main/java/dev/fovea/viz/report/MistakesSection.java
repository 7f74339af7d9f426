package dev.fovea.viz.report;

import dev.fovea.data.ImageSource;
import dev.fovea.viz.ModelInput;
import dev.fovea.viz.TileImages;
import dev.fovea.viz.training.Mistake;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/** A grid of images the model gets wrong, each with its true class and the prediction. */
final class MistakesSection {
    /** Smallest width of an image in the grid, in CSS pixels. */
    static final int DISPLAY_PIXELS = 84;
    /** Largest width of an image in the grid, in CSS pixels. */
    static final int MAX_DISPLAY_PIXELS = 112;

    private MistakesSection() {}

    static Section of(TestResults results, ImageSource images, List<String> classNames, String split) {
        List<Mistake> mistakes = results.mistakes();
        StringBuilder body = new StringBuilder();
        if (mistakes.isEmpty()) {
            body.append(Html.paragraph("None: every evaluated image is classified correctly."));
        } else {
            body.append("<div class=\"thumbs\">\n");
            for (Mistake m : mistakes) {
                body.append("<figure class=\"thumb\">").append(Html.img(picture(images, m.index()),
                                "image " + m.index(), displayWidth(images.width())))
                        .append(String.format(Locale.ROOT, "<figcaption><span class=\"index\">#%d</span>"
                                        + "<span class=\"right\">%s</span><span class=\"wrong\">%s %s</span>"
                                        + "</figcaption></figure>\n", m.index(),
                                Html.escape(RunReport.className(classNames, m.trueClass())),
                                Html.escape(RunReport.className(classNames, m.predicted())),
                                Html.percent(m.confidence())));
            }
            body.append("</div>\n");
        }
        return new Section("mistakes", "Misclassified images",
                String.format(Locale.ROOT, "%s %s images the model gets wrong, in dataset order. Under "
                        + "each: its index, its <span class=\"right\">true class</span> and the "
                        + "<span class=\"wrong\">predicted class</span> with the probability the model gave it. "
                        + "Many mistakes are understandable, and some labels are debatable: looking at errors shows "
                        + "what the network has not learned to tell apart.",
                        mistakes.isEmpty() ? "The" : "The first " + mistakes.size(), Html.escape(split)),
                body.toString());
    }

    /** A dataset image as a picture, one pixel per pixel. */
    static BufferedImage picture(ImageSource images, int index) {
        return TileImages.pixels(ModelInput.pixels(images, index), images.height(), images.width(),
                images.channels(), 1);
    }

    /**
     * Small images are enlarged by a whole factor to at least {@value #DISPLAY_PIXELS} pixels (28 by
     * 3), large ones shrunk to at most {@value #MAX_DISPLAY_PIXELS}.
     */
    static int displayWidth(int width) {
        return width >= DISPLAY_PIXELS ? Math.min(width, MAX_DISPLAY_PIXELS)
                : width * TileImages.factorFor(width, DISPLAY_PIXELS);
    }
}

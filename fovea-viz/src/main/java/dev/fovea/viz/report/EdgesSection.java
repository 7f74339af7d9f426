package dev.fovea.viz.report;

import dev.fovea.viz.filters.EdgeDetection;
import java.util.Locale;

/** The tutorials' first look at convolution: hand-set Sobel filters applied to a real image. */
final class EdgesSection {
    private EdgesSection() {}

    /** The demonstration on an image of raw pixels (HWC, 1 or 3 channels; colour is turned to grey). */
    static Section of(Example example, int height, int width, int channels) {
        float[] grey = grey(example.pixels(), channels);
        StringBuilder body = new StringBuilder("<div class=\"figures\">\n");
        body.append(Html.figure(kernel("left to right", EdgeDetection.SOBEL_X) + kernel("top to bottom",
                EdgeDetection.SOBEL_Y), "The two filters' weights."));
        body.append(Html.figure(Html.img(EdgeDetection.draw(grey, height, width), "Sobel edge detection on image "
                + example.index()), String.format(Locale.ROOT, "Image #%d%s and the two feature maps: grey where "
                + "nothing changes, white and black where brightness rises and falls.", example.index(),
                channels == 3 ? " (in grey)" : "")));
        body.append("</div>\n");
        return new Section("edges", "Edge detection by hand",
                "Before any training, a convolution with hand-picked weights already does something useful. The "
                        + "Sobel filters below weigh the pixels to the right of a point against those to its left "
                        + "(and below against above), so their output, a <em>feature map</em>, is strong exactly "
                        + "where brightness changes: at edges. This is the same operation the network's first layer "
                        + "performs with its learned filters, which often end up looking like these.",
                body.toString());
    }

    /** The luminance of colour pixels (ITU-R BT.601 weights); grey pixels as they are. */
    static float[] grey(float[] pixels, int channels) {
        if (channels == 1) {
            return pixels.clone();
        }
        float[] grey = new float[pixels.length / channels];
        for (int p = 0; p < grey.length; p++) {
            grey[p] = 0.299f * pixels[p * channels] + 0.587f * pixels[p * channels + 1]
                    + 0.114f * pixels[p * channels + 2];
        }
        return grey;
    }

    /** A 3x3 kernel as a small table, weights row by row. */
    private static String kernel(String caption, float[] weights) {
        StringBuilder t = new StringBuilder("<table class=\"kernel\"><caption>").append(Html.escape(caption))
                .append("</caption>");
        for (int y = 0; y < 3; y++) {
            t.append("<tr>");
            for (int x = 0; x < 3; x++) {
                float w = weights[y * 3 + x];
                t.append("<td class=\"").append(w > 0 ? "positive" : w < 0 ? "negative" : "zero").append("\">")
                        .append(Math.round(w)).append("</td>");
            }
            t.append("</tr>");
        }
        return t.append("</table>").toString();
    }
}

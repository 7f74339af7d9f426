package dev.fovea.viz.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * The report's building blocks: escaped text and images inlined as {@code data:} URIs, so the page
 * is one file that needs nothing else.
 */
final class Html {
    private Html() {}

    /** {@code text} safe inside an element or a quoted attribute. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** The PNG encoding of a picture. */
    static byte[] png(BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", bytes)) {
                throw new IllegalStateException("no PNG writer for an image of type " + image.getType());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a memory stream does not fail
        }
        return bytes.toByteArray();
    }

    /** {@code data:<mediaType>;base64,...} */
    static String dataUri(String mediaType, byte[] bytes) {
        return "data:" + mediaType + ";base64," + Base64.getEncoder().encodeToString(bytes);
    }

    /** A picture at its own size (the page may shrink it to fit, never enlarge it). */
    static String img(BufferedImage image, String alt) {
        return img(dataUri("image/png", png(image)), image.getWidth(), image.getHeight(), alt, "");
    }

    /**
     * A small picture shown {@code displayWidth} pixels wide: enlarged with hard pixel edges
     * (each pixel a crisp square), shrunk smoothly.
     */
    static String img(BufferedImage image, String alt, int displayWidth) {
        int height = Math.round((float) image.getHeight() * displayWidth / image.getWidth());
        return img(dataUri("image/png", png(image)), displayWidth, height, alt,
                displayWidth > image.getWidth() ? "pixelated" : "");
    }

    /** An image element for an encoded image of the given size. */
    static String img(String dataUri, int width, int height, String alt, String cssClass) {
        return String.format(Locale.ROOT, "<img src=\"%s\" width=\"%d\" height=\"%d\" alt=\"%s\"%s>", dataUri, width,
                height, escape(alt), cssClass.isEmpty() ? "" : " class=\"" + cssClass + "\"");
    }

    /** {@code <p>} with already escaped or built HTML inside. */
    static String paragraph(String html) {
        return "<p>" + html + "</p>\n";
    }

    /** {@code <figure>} of {@code content} with an optional caption (both HTML). */
    static String figure(String content, String caption) {
        return "<figure>" + content + (caption.isEmpty() ? "" : "<figcaption>" + caption + "</figcaption>")
                + "</figure>\n";
    }

    /** A percentage with one decimal, e.g. 90.5 %. */
    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f\u2009%%", 100 * fraction);
    }
}

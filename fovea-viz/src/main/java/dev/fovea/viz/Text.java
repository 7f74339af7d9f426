package dev.fovea.viz;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * Fonts and text drawing shared by the pictures: plain grey anti-aliasing (never sub-pixel colour
 * fringes, so a grey picture stays grey), strings shortened with an ellipsis to fit a width.
 */
public final class Text {
    public static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 13);
    public static final Font BODY = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    public static final Font SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, 10);

    private static final BufferedImage SCRATCH = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);

    private Text() {}

    /** A graphics context on {@code image} with the text and shape settings every picture uses. */
    public static Graphics2D graphics(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        return g;
    }

    /** The width in pixels of {@code text} in {@code font}. */
    public static int width(String text, Font font) {
        synchronized (SCRATCH) {
            Graphics2D g = graphics(SCRATCH);
            try {
                return g.getFontMetrics(font).stringWidth(text);
            } finally {
                g.dispose();
            }
        }
    }

    /** Draws {@code text} with its top-left corner at (x, top), shortened to {@code maxWidth} pixels. */
    public static void draw(Graphics2D g, String text, Font font, int x, int top, int maxWidth) {
        g.setFont(font);
        FontMetrics metrics = g.getFontMetrics();
        g.drawString(fit(text, metrics, maxWidth), x, top + metrics.getAscent());
    }

    /** Draws {@code text} centred horizontally on {@code centreX} with its top at {@code top}. */
    public static void drawCentred(Graphics2D g, String text, Font font, int centreX, int top, int maxWidth) {
        g.setFont(font);
        FontMetrics metrics = g.getFontMetrics();
        String shown = fit(text, metrics, maxWidth);
        g.drawString(shown, centreX - metrics.stringWidth(shown) / 2, top + metrics.getAscent());
    }

    private static String fit(String text, FontMetrics metrics, int maxWidth) {
        if (metrics.stringWidth(text) <= maxWidth) {
            return text;
        }
        String ellipsis = "\u2026";
        int end = text.length();
        while (end > 0 && metrics.stringWidth(text.substring(0, end) + ellipsis) > maxWidth) {
            end--;
        }
        return text.substring(0, end) + ellipsis;
    }
}

package dev.fovea.viz.report;

import dev.fovea.FoveaException;
import dev.fovea.model.Model;
import dev.fovea.nn.Conv2D;
import dev.fovea.viz.filters.ConvKernel;
import dev.fovea.viz.filters.FilterGrid;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;

/** The first convolution layer's learned filters, and how they changed during training. */
final class FiltersSection {
    /** Largest picture file inlined: far above what a run writes. */
    static final long MAX_PICTURE_BYTES = 32L << 20;

    private FiltersSection() {}

    static Section of(Model model, RunFiles run) {
        Conv2D layer = ConvKernel.layer(model, null);
        ConvKernel kernel = ConvKernel.of(model, layer);
        StringBuilder body = new StringBuilder("<div class=\"figures\">\n");
        body.append(Html.figure(Html.img(FilterGrid.draw(model), "the first layer's filters"),
                "After training: " + Html.escape(FilterGrid.title(kernel)) + "."));
        String gif = inline(run.filtersGif(), "image/gif", "GIF8", "the filters during training, animated");
        if (gif != null) {
            body.append(Html.figure(gif, "During training, from the random start to the end (it loops)."));
        }
        body.append("</div>\n");
        String strip = inline(run.filtersStrip(), "image/png", "\u0089PNG",
                "the filters during training, one row per snapshot");
        if (strip != null) {
            body.append("<details><summary>Every snapshot side by side (one row each)</summary>\n")
                    .append(Html.figure(strip, "")).append("</details>\n");
        } else if (gif == null) {
            body.append("<p class=\"missing\">This run has no filters.gif or filters.png: it was trained before "
                    + "Fovea recorded the filters' evolution.</p>\n");
        }
        return new Section("filters", "What the first layer learned",
                String.format(Locale.ROOT, "A convolution layer slides small <em>filters</em> over its input. Here "
                        + "each filter is a %dx%d grid of weights: at every position it multiplies the pixels "
                        + "under it by its weights and adds them up, so it responds strongly wherever the image "
                        + "looks like the filter. Nobody sets these weights: they start random and training shapes "
                        + "them, typically into detectors of edges, lines and blobs at various angles. Each tile is "
                        + "one filter, its largest weight white and its smallest black.", kernel.height(),
                        kernel.width()),
                body.toString());
    }

    /** The picture file, which must start with {@code signature}, as an image element; null when the run has none. */
    private static String inline(Path file, String mediaType, String signature, String alt) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            if (Files.size(file) > MAX_PICTURE_BYTES) {
                throw new FoveaException(file + ": " + Files.size(file) + " bytes, more than the "
                        + MAX_PICTURE_BYTES + " a picture of the run may have");
            }
            byte[] bytes = Files.readAllBytes(file);
            BufferedImage first = startsWith(bytes, signature) ? ImageIO.read(new ByteArrayInputStream(bytes)) : null;
            if (first == null) {
                throw new FoveaException(file + " is not a readable " + mediaType + " picture");
            }
            return Html.img(Html.dataUri(mediaType, bytes), first.getWidth(), first.getHeight(), alt, "");
        } catch (IOException e) {
            throw new FoveaException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static boolean startsWith(byte[] bytes, String signature) {
        if (bytes.length < signature.length()) {
            return false;
        }
        for (int i = 0; i < signature.length(); i++) {
            if ((bytes[i] & 0xFF) != signature.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}

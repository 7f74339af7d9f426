package dev.fovea.image;

import java.io.IOException;
import java.util.Locale;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The most pixels an image file of a given length can hold, from the hard limits of its format's
 * compression: a header claiming more is damaged or hostile, and is refused before ImageIO
 * allocates the image. Real files stay far below these limits.
 */
final class CompressionLimits {
    /** Deflate expands one byte to at most 1032 (zlib's documented limit); PNG rows are deflated. */
    private static final long DEFLATE_MAX_RATIO = 1032;
    /** A GIF LZW code has at least 3 bits and stands for at most 4096 pixels, its dictionary's size. */
    private static final long GIF_PIXELS_PER_BYTE = 4096 * 8 / 3;
    /** Every 8x8 block of every JPEG component costs at least one bit of coded data. */
    private static final long JPEG_PIXELS_PER_BYTE = 64 * 8;

    private CompressionLimits() {}

    /**
     * The most pixels {@code reader}'s image can have in a file of {@code fileBytes} bytes, storing
     * {@code bitsPerPixel} bits per pixel; {@link Long#MAX_VALUE} where the format sets no limit
     * (a run-length BMP may end early and leave the rest of the image blank).
     */
    static long mostPixels(ImageReader reader, long fileBytes, int bitsPerPixel) throws IOException {
        return switch (reader.getFormatName().toLowerCase(Locale.ROOT)) {
            case "png" -> fileBytes * DEFLATE_MAX_RATIO * 8 / bitsPerPixel;
            case "gif" -> fileBytes * GIF_PIXELS_PER_BYTE;
            case "jpeg" -> fileBytes * JPEG_PIXELS_PER_BYTE;
            case "bmp" -> uncompressed(reader) ? fileBytes * 8 / bitsPerPixel : Long.MAX_VALUE;
            default -> Long.MAX_VALUE;
        };
    }

    /** Whether a BMP stores its pixels as they are (BI_RGB or BI_BITFIELDS), at least its bits per pixel each. */
    private static boolean uncompressed(ImageReader reader) throws IOException {
        IIOMetadata metadata = reader.getImageMetadata(0);
        NodeList names = ((Element) metadata.getAsTree("javax_imageio_1.0")).getElementsByTagName("CompressionTypeName");
        String compression = names.getLength() == 0 ? "" : ((Element) names.item(0)).getAttribute("value");
        return compression.equals("BI_RGB") || compression.equals("BI_BITFIELDS");
    }
}

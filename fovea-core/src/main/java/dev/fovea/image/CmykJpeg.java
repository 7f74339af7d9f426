package dev.fovea.image;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * JPEGs with four channels (CMYK, as print workflows and Photoshop save them) read as RGB. The
 * JDK's reader refuses some of these ("Unsupported Image Type") and converts others through its
 * own colour profile, so they are read here as raw samples and converted with the plain formula
 * R = 255 (1 - C) (1 - K), G from M and B from Y likewise (ink amounts C, M, Y, K in 0-1), without
 * the file's colour profile: colours come out close, not exact.
 *
 * <p>How the samples are stored depends on the Adobe APP14 marker (Adobe Technical Note 5116):
 * without it they are the ink amounts; with it they are inverted (255 = no ink), as Photoshop
 * writes them, and its transform 2 (YCCK) means the first three channels are YCbCr-encoded: they
 * decode, by the JFIF YCbCr-to-RGB formula, to 255 minus the inverted C, M, Y, that is to the ink
 * amounts, while K stays inverted.
 */
final class CmykJpeg {
    private static final String FORMAT = "javax_imageio_jpeg_image_1.0";
    private static final int YCCK = 2;

    private CmykJpeg() {}

    /** True for a JPEG whose frame has four channels. */
    static boolean isFourChannel(ImageReader reader) throws IOException {
        if (!reader.getFormatName().equalsIgnoreCase("jpeg")) {
            return false;
        }
        Node sof = element(reader.getImageMetadata(0), "sof");
        return sof != null && "4".equals(attribute(sof, "numFrameComponents"));
    }

    /** Reads the raw samples of a four-channel JPEG and converts them to 8-bit RGB. */
    static BufferedImage readAsRgb(ImageReader reader) throws IOException {
        Node adobe = element(reader.getImageMetadata(0), "app14Adobe");
        String transform = adobe == null ? null : attribute(adobe, "transform");
        boolean inverted = adobe != null;
        boolean ycc = transform != null && Integer.parseInt(transform) == YCCK;
        Raster raster = reader.readRaster(0, null);
        int width = raster.getWidth();
        BufferedImage rgb = new BufferedImage(width, raster.getHeight(), BufferedImage.TYPE_INT_RGB);
        int[] samples = new int[width * 4];
        int[] row = new int[width];
        for (int y = 0; y < raster.getHeight(); y++) {
            raster.getPixels(raster.getMinX(), raster.getMinY() + y, width, 1, samples);
            for (int x = 0; x < width; x++) {
                row[x] = toRgb(samples, 4 * x, inverted, ycc);
            }
            rgb.setRGB(0, y, width, 1, row, 0, width);
        }
        return rgb;
    }

    /** Packed RGB of the four samples at {@code offset}. */
    private static int toRgb(int[] samples, int offset, boolean inverted, boolean ycc) {
        // "Light" is 255 minus ink: what each channel lets through.
        float cyanLight;
        float magentaLight;
        float yellowLight;
        if (ycc) {
            float luma = samples[offset];
            float cb = samples[offset + 1] - 128f;
            float cr = samples[offset + 2] - 128f;
            cyanLight = 255f - clamp(luma + 1.402f * cr);
            magentaLight = 255f - clamp(luma - 0.344136f * cb - 0.714136f * cr);
            yellowLight = 255f - clamp(luma + 1.772f * cb);
        } else {
            cyanLight = inverted ? samples[offset] : 255 - samples[offset];
            magentaLight = inverted ? samples[offset + 1] : 255 - samples[offset + 1];
            yellowLight = inverted ? samples[offset + 2] : 255 - samples[offset + 2];
        }
        float blackLight = (inverted ? samples[offset + 3] : 255 - samples[offset + 3]) / 255f;
        int r = Math.round(cyanLight * blackLight);
        int g = Math.round(magentaLight * blackLight);
        int b = Math.round(yellowLight * blackLight);
        return r << 16 | g << 8 | b;
    }

    private static float clamp(float value) {
        return Math.max(0f, Math.min(255f, value));
    }

    private static Node element(IIOMetadata metadata, String name) {
        NodeList found = ((IIOMetadataNode) metadata.getAsTree(FORMAT)).getElementsByTagName(name);
        return found.getLength() == 0 ? null : found.item(0);
    }

    private static String attribute(Node element, String name) {
        Node value = element.getAttributes().getNamedItem(name);
        return value == null ? null : value.getNodeValue();
    }
}

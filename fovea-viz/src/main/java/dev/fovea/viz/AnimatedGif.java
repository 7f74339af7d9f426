package dev.fovea.viz;

import dev.fovea.io.AtomicFiles;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * Writes pictures of one size as an animated GIF that loops forever: every frame shows for the
 * same delay (GIF's graphic control extension, in hundredths of a second), and the first carries
 * the NETSCAPE2.0 application extension with a loop count of 0 (forever).
 *
 * <p>GIF frames have at most 256 colours. When every pixel of every frame is grey (R = G = B),
 * the palette is the 256 grey levels and frames come back exactly; otherwise it is a 6x6x6
 * colour cube plus 40 more greys, and each pixel takes the nearer of its nearest cube colour and
 * its nearest grey.
 */
public final class AnimatedGif {
    private static final String FORMAT = "javax_imageio_gif_image_1.0";
    private static final int CUBE_LEVELS = 6;
    private static final int CUBE_STEP = 51; // 255 / (CUBE_LEVELS - 1)

    private AnimatedGif() {}

    /** Writes {@code frames} to {@code file}, each shown {@code delayCentiseconds} hundredths of a second. */
    public static void write(List<BufferedImage> frames, int delayCentiseconds, Path file) {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("an animation needs at least one frame");
        }
        if (delayCentiseconds < 0 || delayCentiseconds > 0xFFFF) {
            throw new IllegalArgumentException("a GIF frame delay is 0..65535 hundredths of a second, got "
                    + delayCentiseconds);
        }
        BufferedImage first = frames.get(0);
        for (BufferedImage frame : frames) {
            if (frame.getWidth() != first.getWidth() || frame.getHeight() != first.getHeight()) {
                throw new IllegalArgumentException("frames differ in size: " + first.getWidth() + "x" + first.getHeight()
                        + " and " + frame.getWidth() + "x" + frame.getHeight());
            }
        }
        boolean grey = allGrey(frames);
        IndexColorModel palette = grey ? greyPalette() : cubePalette();
        AtomicFiles.write(file, out -> {
            Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("gif");
            if (!writers.hasNext()) {
                throw new IOException("this Java runtime has no GIF writer");
            }
            ImageWriter writer = writers.next();
            try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
                writer.setOutput(stream);
                writer.prepareWriteSequence(null);
                for (int i = 0; i < frames.size(); i++) {
                    BufferedImage indexed = indexed(frames.get(i), palette, grey);
                    ImageWriteParam param = writer.getDefaultWriteParam();
                    IIOMetadata metadata = writer.getDefaultImageMetadata(new ImageTypeSpecifier(indexed), param);
                    describeFrame(metadata, delayCentiseconds, i == 0);
                    writer.writeToSequence(new IIOImage(indexed, null, metadata), param);
                }
                writer.endWriteSequence();
            } finally {
                writer.dispose();
            }
        });
    }

    private static void describeFrame(IIOMetadata metadata, int delay, boolean first) throws IOException {
        IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(FORMAT);
        IIOMetadataNode control = child(root, "GraphicControlExtension");
        control.setAttribute("disposalMethod", "none");
        control.setAttribute("userInputFlag", "FALSE");
        control.setAttribute("transparentColorFlag", "FALSE");
        control.setAttribute("delayTime", Integer.toString(delay));
        control.setAttribute("transparentColorIndex", "0");
        if (first) {
            IIOMetadataNode loop = new IIOMetadataNode("ApplicationExtension");
            loop.setAttribute("applicationID", "NETSCAPE");
            loop.setAttribute("authenticationCode", "2.0");
            // Sub-block 1 of the NETSCAPE2.0 extension: the loop count, little-endian; 0 loops forever.
            loop.setUserObject(new byte[] {1, 0, 0});
            child(root, "ApplicationExtensions").appendChild(loop);
        }
        metadata.setFromTree(FORMAT, root);
    }

    private static IIOMetadataNode child(IIOMetadataNode parent, String name) {
        for (int i = 0; i < parent.getLength(); i++) {
            if (parent.item(i).getNodeName().equals(name)) {
                return (IIOMetadataNode) parent.item(i);
            }
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        parent.appendChild(node);
        return node;
    }

    private static boolean allGrey(List<BufferedImage> frames) {
        for (BufferedImage frame : frames) {
            for (int y = 0; y < frame.getHeight(); y++) {
                for (int x = 0; x < frame.getWidth(); x++) {
                    int rgb = frame.getRGB(x, y);
                    int r = (rgb >> 16) & 0xFF;
                    if (r != ((rgb >> 8) & 0xFF) || r != (rgb & 0xFF)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private static IndexColorModel greyPalette() {
        byte[] levels = new byte[256];
        for (int i = 0; i < 256; i++) {
            levels[i] = (byte) i;
        }
        return new IndexColorModel(8, 256, levels, levels, levels);
    }

    /** Entries 0..215: the cube, index (r * 6 + g) * 6 + b; entries 216..255: greys between the cube's. */
    private static IndexColorModel cubePalette() {
        byte[] r = new byte[256];
        byte[] g = new byte[256];
        byte[] b = new byte[256];
        for (int i = 0; i < 216; i++) {
            r[i] = (byte) (i / 36 * CUBE_STEP);
            g[i] = (byte) (i / 6 % 6 * CUBE_STEP);
            b[i] = (byte) (i % 6 * CUBE_STEP);
        }
        for (int i = 216; i < 256; i++) {
            byte level = (byte) greyOfExtra(i);
            r[i] = level;
            g[i] = level;
            b[i] = level;
        }
        return new IndexColorModel(8, 256, r, g, b);
    }

    /** The grey level of palette entry 216 + k, k = 0..39: evenly spread over 0..255. */
    private static int greyOfExtra(int index) {
        return Math.round((index - 216) * 255f / 39f);
    }

    /** The frame in the palette's indices: a grey level is its own index in the grey palette. */
    private static BufferedImage indexed(BufferedImage frame, IndexColorModel palette, boolean grey) {
        BufferedImage out = new BufferedImage(frame.getWidth(), frame.getHeight(), BufferedImage.TYPE_BYTE_INDEXED,
                palette);
        for (int y = 0; y < frame.getHeight(); y++) {
            for (int x = 0; x < frame.getWidth(); x++) {
                int rgb = frame.getRGB(x, y);
                out.getRaster().setSample(x, y, 0, grey ? rgb & 0xFF : nearestInCube(rgb));
            }
        }
        return out;
    }

    private static int nearestInCube(int rgb) {
        int r = (rgb >> 16) & 0xFF;
        int g = (rgb >> 8) & 0xFF;
        int b = rgb & 0xFF;
        int ri = Math.round(r / (float) CUBE_STEP);
        int gi = Math.round(g / (float) CUBE_STEP);
        int bi = Math.round(b / (float) CUBE_STEP);
        int cube = (ri * CUBE_LEVELS + gi) * CUBE_LEVELS + bi;
        int cubeError = square(r - ri * CUBE_STEP) + square(g - gi * CUBE_STEP) + square(b - bi * CUBE_STEP);
        int k = Math.round((r + g + b) / 3f * 39f / 255f);
        int level = greyOfExtra(216 + k);
        int greyError = square(r - level) + square(g - level) + square(b - level);
        return greyError < cubeError ? 216 + k : cube;
    }

    private static int square(int v) {
        return v * v;
    }
}

package dev.fovea.viz;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;

/** Reads GIF files back for tests, with the JDK's GIF reader. */
public final class GifFiles {
    private GifFiles() {}

    /** The frames of a GIF file, and the metadata tree of each. */
    public record Gif(List<BufferedImage> frames, List<IIOMetadataNode> metadata) {}

    public static Gif read(Path file) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
            reader.setInput(in);
            List<BufferedImage> frames = new ArrayList<>();
            List<IIOMetadataNode> metadata = new ArrayList<>();
            int n = reader.getNumImages(true);
            for (int i = 0; i < n; i++) {
                frames.add(reader.read(i));
                metadata.add((IIOMetadataNode) reader.getImageMetadata(i).getAsTree("javax_imageio_gif_image_1.0"));
            }
            reader.dispose();
            return new Gif(frames, metadata);
        }
    }

    public static IIOMetadataNode node(IIOMetadataNode root, String name) {
        return (IIOMetadataNode) root.getElementsByTagName(name).item(0);
    }
}

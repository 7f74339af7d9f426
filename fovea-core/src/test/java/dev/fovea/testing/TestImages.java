package dev.fovea.testing;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/** Images made on the fly for tests, written with ImageIO. */
public final class TestImages {
    private TestImages() {}

    /** A grey image with random pixels; {@link #greyValues} gives them back as floats, HW. */
    public static BufferedImage grey(int width, int height, long seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Random random = new Random(seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.getRaster().setSample(x, y, 0, random.nextInt(256));
            }
        }
        return image;
    }

    public static float[] greyValues(BufferedImage image) {
        return image.getRaster().getSamples(0, 0, image.getWidth(), image.getHeight(), 0,
                new float[image.getWidth() * image.getHeight()]);
    }

    /** A colour image with random pixels; {@link #rgbValues} gives them back as floats, HWC. */
    public static BufferedImage colour(int width, int height, long seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        return image;
    }

    public static float[] rgbValues(BufferedImage image) {
        float[] out = new float[image.getWidth() * image.getHeight() * 3];
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int i = (y * image.getWidth() + x) * 3;
                out[i] = (rgb >> 16) & 0xFF;
                out[i + 1] = (rgb >> 8) & 0xFF;
                out[i + 2] = rgb & 0xFF;
            }
        }
        return out;
    }

    /** Writes {@code image} as {@code format} ("png", "jpg", "gif", "bmp") to {@code file}. */
    public static Path write(BufferedImage image, String format, Path file) {
        try (OutputStream out = Files.newOutputStream(file)) {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format + " and this image type");
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An RGB image of one colour, {@code 0xRRGGBB}. */
    public static BufferedImage solid(int width, int height, int rgb) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[width];
        Arrays.fill(row, rgb);
        for (int y = 0; y < height; y++) {
            image.setRGB(0, y, width, 1, row, 0, width);
        }
        return image;
    }

    /** A palette (indexed colour) image of the given {@code 0xRRGGBB} colours; pixel (x, y) has colour number {@code (x + y) % colours}. */
    public static BufferedImage palette(int width, int height, int... colours) {
        byte[][] channels = new byte[3][colours.length];
        for (int i = 0; i < colours.length; i++) {
            channels[0][i] = (byte) (colours[i] >> 16);
            channels[1][i] = (byte) (colours[i] >> 8);
            channels[2][i] = (byte) colours[i];
        }
        IndexColorModel model = new IndexColorModel(8, colours.length, channels[0], channels[1], channels[2]);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_INDEXED, model);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.getRaster().setSample(x, y, 0, (x + y) % colours.length);
            }
        }
        return image;
    }

    /** An RGB image with 16 bits per sample, all pixels {@code (red, green, blue)} in 0-65535. */
    public static BufferedImage sixteenBitRgb(int width, int height, int red, int green, int blue) {
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster = model.createCompatibleWritableRaster(width, height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.setPixel(x, y, new int[] {red, green, blue});
            }
        }
        return new BufferedImage(model, raster, false, null);
    }

    /** How a four-channel JPEG stores its samples (see {@link #cmykJpeg}). */
    public enum CmykStorage {
        /** No Adobe marker: the samples are the ink amounts. */
        PLAIN,
        /** Adobe APP14 marker, transform 0: the samples are 255 minus the ink amounts, as Photoshop saves CMYK. */
        ADOBE_INVERTED,
        /**
         * Adobe APP14 marker, transform 2 (YCCK): the inverted C, M, Y samples subtracted from 255 (that is, the ink
         * amounts) are stored as YCbCr, and K is inverted.
         */
        ADOBE_YCCK
    }

    /**
     * Writes a four-channel JPEG of one ink colour {@code (c, m, y, k)}, each 0-255, with the JDK's JPEG writer: it
     * writes a four-band raster's samples as they are, and the Adobe marker is added through the metadata read back
     * from a first, marker-less write.
     */
    public static Path cmykJpeg(int width, int height, int[] ink, CmykStorage storage, Path file) {
        int[] samples = switch (storage) {
            case PLAIN -> ink.clone();
            case ADOBE_INVERTED -> new int[] {255 - ink[0], 255 - ink[1], 255 - ink[2], 255 - ink[3]};
            case ADOBE_YCCK -> new int[] {
                (int) Math.round(0.299 * ink[0] + 0.587 * ink[1] + 0.114 * ink[2]),
                (int) Math.round(128 - 0.168736 * ink[0] - 0.331264 * ink[1] + 0.5 * ink[2]),
                (int) Math.round(128 + 0.5 * ink[0] - 0.418688 * ink[1] - 0.081312 * ink[2]),
                255 - ink[3]};
        };
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, width, height, 4, null);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.setPixel(x, y, samples);
            }
        }
        try {
            byte[] jpeg = writeJpegRaster(raster, null);
            if (storage != CmykStorage.PLAIN) {
                jpeg = writeJpegRaster(raster, withAdobeMarker(jpeg, storage == CmykStorage.ADOBE_YCCK ? 2 : 0));
            }
            Files.write(file, jpeg);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] writeJpegRaster(Raster raster, IIOMetadata metadata) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(raster, null, metadata), writer.getDefaultWriteParam());
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static IIOMetadata withAdobeMarker(byte[] jpeg, int transform) throws IOException {
        String format = "javax_imageio_jpeg_image_1.0";
        ImageReader reader = ImageIO.getImageReadersByFormatName("jpeg").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg))) {
            reader.setInput(in);
            IIOMetadata metadata = reader.getImageMetadata(0);
            IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(format);
            IIOMetadataNode markers = (IIOMetadataNode) root.getElementsByTagName("markerSequence").item(0);
            IIOMetadataNode adobe = new IIOMetadataNode("app14Adobe");
            adobe.setAttribute("transform", Integer.toString(transform));
            markers.insertBefore(adobe, markers.getFirstChild());
            metadata.setFromTree(format, root);
            return metadata;
        } finally {
            reader.dispose();
        }
    }

    /** Writes the first {@code fraction} of a JPEG of random pixels: a photo cut off by an interrupted copy. */
    public static Path truncatedJpeg(int width, int height, double fraction, Path file) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ImageIO.write(colour(width, height, 7), "jpg", bytes);
            byte[] whole = bytes.toByteArray();
            Files.write(file, Arrays.copyOf(whole, (int) (whole.length * fraction)));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes a real 8x8 PNG whose header is rewritten to claim {@code width x height} pixels; the IHDR chunk's CRC is
     * recomputed so only the size is wrong.
     */
    public static Path pngClaimingSize(int width, int height, Path file) {
        write(grey(8, 8, 1), "png", file);
        try {
            byte[] png = Files.readAllBytes(file);
            ByteBuffer header = ByteBuffer.wrap(png);
            header.putInt(16, width).putInt(20, height);
            CRC32 crc = new CRC32();
            crc.update(png, 12, 17);
            header.putInt(29, (int) crc.getValue());
            Files.write(file, png);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

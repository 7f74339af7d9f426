package dev.fovea.image;

import dev.fovea.io.SizeLimits;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Reads image files (PNG, JPEG, GIF, BMP) as the pixels a model takes: values 0-255, HWC, in the
 * model's channels and at its height and width.
 *
 * <p>Colour conversion: grey is luminance 0.299 R + 0.587 G + 0.114 B, a grey image read as colour
 * repeats its value in R, G and B, transparent areas come out black, 16-bit samples are scaled to
 * 0-255, palettes are expanded, and CMYK JPEGs are converted to RGB. Resizing is described in
 * {@link Resampling} (area averaging when shrinking, bilinear when growing), cropping in
 * {@link Crop}.
 *
 * <p>Every failure is an {@link ImageFileException} naming the file: missing, not an image, larger
 * than {@link SizeLimits#imagePixels()} (by default {@link #MAX_PIXELS}), than its file can hold or
 * than a quarter of the memory Java may use (refused from the header, before anything is
 * allocated), truncated or damaged. Files are opened
 * through {@link Files}, so names that the platform's default encoding cannot represent still open
 * when they come from a directory listing.
 */
public final class ImageFiles {
    /** Largest image decoded by default, in pixels (100 megapixels: 400 MB as ARGB); see {@link SizeLimits}. */
    public static final long MAX_PIXELS = SizeLimits.DEFAULT_IMAGE_PIXELS;
    /** Formats accepted, as ImageIO names its readers; others (WBMP) would accept random bytes as images. */
    private static final Set<String> FORMATS = Set.of("jpeg", "png", "gif", "bmp");

    private ImageFiles() {}

    /** The image in {@code file}, converted to 1 (grey) or 3 (RGB) channels and stretched to the size. */
    public static float[] read(Path file, int height, int width, int channels) {
        return read(file, height, width, channels, Crop.NONE);
    }

    /** The image in {@code file}, converted to 1 (grey) or 3 (RGB) channels, cropped and resized. */
    public static float[] read(Path file, int height, int width, int channels, Crop crop) {
        checkChannels(channels);
        return resize(decode(file), height, width, channels, crop);
    }

    /** Like {@link #read(Path, int, int, int, Crop)}, rounded to unsigned bytes as datasets hold them. */
    public static byte[] readBytes(Path file, int height, int width, int channels, Crop crop) {
        float[] pixels = read(file, height, width, channels, crop);
        byte[] bytes = new byte[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            bytes[i] = (byte) Math.max(0, Math.min(255, Math.round(pixels[i])));
        }
        return bytes;
    }

    /** A decoded image converted to 1 or 3 channels, cropped and resized, as 0-255 floats, HWC. */
    public static float[] resize(BufferedImage image, int height, int width, int channels, Crop crop) {
        checkChannels(channels);
        Rectangle region = crop.region(image.getWidth(), image.getHeight(), width, height);
        return Resampling.resize(new PixelRows(image, region, channels), region.height, region.width, channels,
                height, width);
    }

    /** All pixels of a decoded image as 0-255 floats, HWC, in 1 or 3 channels, at its own size. */
    public static float[] pixels(BufferedImage image, int channels) {
        return resize(image, image.getHeight(), image.getWidth(), channels, Crop.NONE);
    }

    /** The decoded image, as ImageIO gives it (CMYK JPEGs already converted to RGB). */
    public static BufferedImage decode(Path file) {
        return withReader(file, reader -> {
            TruncationWarnings warnings = new TruncationWarnings();
            reader.addIIOReadWarningListener(warnings);
            BufferedImage image = CmykJpeg.isFourChannel(reader) ? CmykJpeg.readAsRgb(reader) : reader.read(0);
            warnings.throwIfTruncated(file, format(reader));
            return image;
        });
    }

    /**
     * The format and size from the file's header, without decoding the pixels: fast, but a file
     * damaged after its header passes. Refuses images larger than {@link #MAX_PIXELS} like
     * {@link #decode}.
     */
    public static ImageHeader header(Path file) {
        return withReader(file, reader -> new ImageHeader(format(reader), reader.getWidth(0), reader.getHeight(0)));
    }

    private static void checkChannels(int channels) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("images can be read in 1 or 3 channels, not " + channels);
        }
    }

    private static String format(ImageReader reader) throws IOException {
        return reader.getFormatName().toUpperCase(Locale.ROOT);
    }

    private interface ReaderTask<T> {
        T run(ImageReader reader) throws IOException;
    }

    /** Opens {@code file}, finds its reader, checks the size in the header, then runs {@code task}. */
    private static <T> T withReader(Path file, ReaderTask<T> task) {
        if (!Files.isRegularFile(file)) {
            throw new ImageFileException(file, "no such file");
        }
        if (!Files.isReadable(file)) {
            throw new ImageFileException(file, "permission denied");
        }
        try (InputStream bytes = Files.newInputStream(file);
             ImageInputStream in = new MemoryCacheImageInputStream(bytes)) {
            ImageReader reader = readerFor(in);
            if (reader == null) {
                throw new ImageFileException(file, "not a PNG, JPEG, GIF or BMP image");
            }
            try {
                reader.setInput(in, true, false);
                checkSize(file, reader);
                return task.run(reader);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ImageFileException f) {
                throw f;
            }
            // Decoders throw unchecked exceptions too on damaged files.
            throw new ImageFileException(file, "cannot decode the image: " + describe(e), e);
        }
    }

    private static ImageReader readerFor(ImageInputStream in) {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        while (readers.hasNext()) {
            ImageReader reader = readers.next();
            try {
                if (FORMATS.contains(reader.getFormatName().toLowerCase(Locale.ROOT))) {
                    return reader;
                }
            } catch (IOException e) {
                // A reader that cannot name its format is not one of ours.
            }
            reader.dispose();
        }
        return null;
    }

    /**
     * The header's size is checked before decoding, so a file claiming a huge image gets an error
     * instead of exhausting memory: against {@link SizeLimits#imagePixels()}, against what a file of its length
     * can hold ({@link CompressionLimits}), and against a quarter of the memory Java may use.
     */
    private static void checkSize(Path file, ImageReader reader) throws IOException {
        long width = reader.getWidth(0);
        long height = reader.getHeight(0);
        long pixels = width * height;
        long cap = SizeLimits.imagePixels();
        if (pixels > cap) {
            throw new ImageFileException(file, "the image is " + width + "x" + height
                    + " pixels, more than the " + cap + " Fovea decodes");
        }
        int bits = bitsPerPixel(reader);
        long fileBytes = Files.size(file);
        if (pixels > CompressionLimits.mostPixels(reader, fileBytes, bits)) {
            throw new ImageFileException(file, "the header says " + width + "x" + height + " pixels, more than a "
                    + fileBytes + "-byte " + format(reader) + " file can hold; the file is damaged");
        }
        long bytes = pixels * bits / 8;
        long memory = Runtime.getRuntime().maxMemory();
        if (bytes > memory / 4) {
            throw new ImageFileException(file, "decoding the " + width + "x" + height + " image takes "
                    + (bytes >> 20) + " MB, more than a quarter of the " + (memory >> 20)
                    + " MB this Java process may use; give Java more memory (-Xmx) or use a smaller image");
        }
    }

    /** Bits per pixel as the file stores them (48 for 16-bit RGB); 32 when the reader cannot tell before decoding. */
    private static int bitsPerPixel(ImageReader reader) {
        try {
            ImageTypeSpecifier raw = reader.getRawImageType(0);
            return raw == null ? 32 : Math.max(1, Arrays.stream(raw.getSampleModel().getSampleSize()).sum());
        } catch (IOException | RuntimeException e) {
            return 32; // e.g. a JPEG cut short before its first scan, which decoding reports as truncated
        }
    }

    private static String describe(Exception e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}

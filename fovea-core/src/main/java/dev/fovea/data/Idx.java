package dev.fovea.data;

import dev.fovea.FoveaException;
import dev.fovea.io.SizeLimits;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the IDX files of MNIST and its relatives, raw or gzipped.
 *
 * <p>The format: a big-endian header starting with a magic number, 0x00000803 for images (then
 * count, rows and cols) or 0x00000801 for labels (then count), followed by unsigned bytes and
 * nothing else. Every malformed file gives a {@link FoveaException} naming the file and the field;
 * no header value can make this class allocate more than {@code maxBytes} (by default
 * {@link SizeLimits#idxBytes()}) or more than the file can hold.
 */
public final class Idx {
    public static final int IMAGES_MAGIC = 0x00000803;
    public static final int LABELS_MAGIC = 0x00000801;
    /** The largest byte array the JVM reliably allocates; no IDX body can be larger. */
    public static final long DEFAULT_MAX_BYTES = SizeLimits.DEFAULT_IDX_BYTES;

    private static final int IMAGES_HEADER_SIZE = 16;
    private static final int LABELS_HEADER_SIZE = 8;

    private Idx() {
    }

    /**
     * Reads an image file and its label file as one dataset of grey images.
     *
     * @throws FoveaException if either file is malformed, their counts differ, or a label is not a
     *     valid index into {@code classNames}
     */
    public static ImageDataset read(String datasetName, Path images, Path labels, List<String> classNames) {
        IdxImages img = readImages(images);
        int[] lab = readLabels(labels);
        if (img.count() != lab.length) {
            throw new FoveaException("dataset '" + datasetName + "': " + images + " holds " + img.count()
                    + " images (count field) but " + labels + " holds " + lab.length
                    + " labels (count field); expected equal counts");
        }
        for (int i = 0; i < lab.length; i++) {
            if (lab[i] >= classNames.size()) {
                throw new FoveaException(labels + ": label of item " + i + " is " + lab[i] + "; expected 0.."
                        + (classNames.size() - 1) + " for the " + classNames.size() + " classes of '"
                        + datasetName + "'");
            }
        }
        return new ImageDataset(datasetName, img.rows(), img.cols(), 1, img.pixels(), lab, classNames);
    }

    /** Reads an image file, refusing any whose header claims more than {@link SizeLimits#idxBytes()} of pixels. */
    public static IdxImages readImages(Path file) {
        return readImages(file, SizeLimits.idxBytes());
    }

    /** Reads an image file, refusing any whose header claims more than {@code maxBytes} of pixels. */
    public static IdxImages readImages(Path file, long maxBytes) {
        long limit = Math.min(maxBytes, DEFAULT_MAX_BYTES);
        try (IdxInput in = IdxInput.open(file)) {
            checkMagic(in, IMAGES_MAGIC, IMAGES_HEADER_SIZE);
            long count = in.readHeaderField("count", IMAGES_HEADER_SIZE);
            long rows = positive(in, "rows", in.readHeaderField("rows", IMAGES_HEADER_SIZE));
            long cols = positive(in, "cols", in.readHeaderField("cols", IMAGES_HEADER_SIZE));
            if (rows > limit || cols > limit || rows * cols > limit) {
                throw new FoveaException(file + ": rows and cols fields say " + rows + "x" + cols + " = " + rows * cols
                        + " bytes per image, more than the limit of " + limit + " bytes");
            }
            String claim = "count field " + count + " images of " + rows + "x" + cols;
            byte[] pixels = in.readBody(count, rows * cols, claim, "images", limit);
            in.expectEnd(count, "images");
            return new IdxImages((int) count, (int) rows, (int) cols, pixels);
        }
    }

    /** Reads a label file, refusing any whose header claims more than {@link SizeLimits#idxBytes()} labels. */
    public static int[] readLabels(Path file) {
        return readLabels(file, SizeLimits.idxBytes());
    }

    /** Reads a label file, refusing any whose header claims more than {@code maxBytes} labels. */
    public static int[] readLabels(Path file, long maxBytes) {
        long limit = Math.min(maxBytes, DEFAULT_MAX_BYTES);
        try (IdxInput in = IdxInput.open(file)) {
            checkMagic(in, LABELS_MAGIC, LABELS_HEADER_SIZE);
            long count = in.readHeaderField("count", LABELS_HEADER_SIZE);
            byte[] body = in.readBody(count, 1, "count field " + count + " labels", "labels", limit);
            in.expectEnd(count, "labels");
            int[] labels = new int[body.length];
            for (int i = 0; i < body.length; i++) {
                labels[i] = body[i] & 0xFF;
            }
            return labels;
        }
    }

    private static void checkMagic(IdxInput in, int expected, int headerSize) {
        long magic = in.readHeaderField("magic", headerSize);
        if (magic != expected) {
            throw new FoveaException(in.file() + ": magic field is " + hex(magic) + ", expected " + hex(expected)
                    + " (" + kind(expected) + ": unsigned bytes, "
                    + (expected == IMAGES_MAGIC ? "3 dimensions" : "1 dimension") + ")"
                    + swappedHint(magic));
        }
    }

    private static String swappedHint(long magic) {
        if (magic == IMAGES_MAGIC || magic == LABELS_MAGIC) {
            return "; " + hex(magic) + " is the magic of " + kind(magic) + ": are the image and label files swapped?";
        }
        return "";
    }

    private static String kind(long magic) {
        return magic == IMAGES_MAGIC ? "IDX images" : "IDX labels";
    }

    private static long positive(IdxInput in, String field, long value) {
        if (value == 0) {
            throw new FoveaException(in.file() + ": " + field + " field is 0; expected at least 1");
        }
        return value;
    }

    private static String hex(long magic) {
        return String.format("0x%08X", magic);
    }
}

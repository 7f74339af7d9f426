package dev.fovea.data.folder;

import dev.fovea.image.Crop;
import java.util.Objects;

/**
 * How {@link ImageFolder#open} reads a folder of images: the size and channels every image is
 * converted to (required), and settings with defaults. Immutable: each setter returns a changed
 * copy, so {@code FolderOptions.of(64, 64, 3).crop(Crop.CENTER).seed(7)} reads naturally.
 */
public final class FolderOptions {
    public static final double DEFAULT_HELD_OUT_FRACTION = 0.15;
    public static final long DEFAULT_SEED = 42;
    /** Upper end of the default cache size: 1 GiB. */
    public static final long MAX_DEFAULT_CACHE_BYTES = 1L << 30;

    private final int height;
    private final int width;
    private final int channels;
    private Crop crop = Crop.NONE;
    private double heldOutFraction = DEFAULT_HELD_OUT_FRACTION;
    private long seed = DEFAULT_SEED;
    private boolean strict;
    private long cacheBytes = Math.min(MAX_DEFAULT_CACHE_BYTES, Runtime.getRuntime().maxMemory() / 4);
    private int probeThreads = Runtime.getRuntime().availableProcessors();
    private boolean probeHeadersOnly;

    private FolderOptions(int height, int width, int channels) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("image height and width must be >= 1, got " + height + "x" + width);
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("images can be read in 1 (grey) or 3 (RGB) channels, not " + channels);
        }
        if ((long) height * width * channels > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("images of " + height + "x" + width + "x" + channels
                    + " do not fit in a Java array");
        }
        this.height = height;
        this.width = width;
        this.channels = channels;
    }

    private FolderOptions copy() {
        FolderOptions copy = new FolderOptions(height, width, channels);
        copy.crop = crop;
        copy.heldOutFraction = heldOutFraction;
        copy.seed = seed;
        copy.strict = strict;
        copy.cacheBytes = cacheBytes;
        copy.probeThreads = probeThreads;
        copy.probeHeadersOnly = probeHeadersOnly;
        return copy;
    }

    /** Every image is converted to {@code channels} (1: grey as luminance, 3: RGB) and resized to height x width. */
    public static FolderOptions of(int height, int width, int channels) {
        return new FolderOptions(height, width, channels);
    }

    /** Which part of each image is resized: the whole image stretched (default) or the centre; see {@link Crop}. */
    public FolderOptions crop(Crop value) {
        FolderOptions copy = copy();
        copy.crop = Objects.requireNonNull(value);
        return copy;
    }

    /**
     * For a folder not split into train/ and val/ (or test/): the share of each class's images held
     * out as the test set, in [0, 1); 0 means no test set. Default 0.15.
     */
    public FolderOptions heldOutFraction(double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException("the held-out fraction must be in [0, 1), got " + value);
        }
        FolderOptions copy = copy();
        copy.heldOutFraction = value;
        return copy;
    }

    /** Decides which images are held out (default 42): the same seed and files give the same split. */
    public FolderOptions seed(long value) {
        FolderOptions copy = copy();
        copy.seed = value;
        return copy;
    }

    /** If true, any file that is not a readable image makes {@code open} fail instead of being skipped. */
    public FolderOptions strict(boolean value) {
        FolderOptions copy = copy();
        copy.strict = value;
        return copy;
    }

    /**
     * Most bytes of decoded, resized images kept in memory (least recently used dropped first); 0
     * decodes every image on every read. Default: 1 GiB or a quarter of the maximum heap, whichever
     * is smaller.
     */
    public FolderOptions cacheBytes(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("the cache size must be >= 0 bytes, got " + value);
        }
        FolderOptions copy = copy();
        copy.cacheBytes = value;
        return copy;
    }

    /** Threads that check the files when the folder is opened. Default: the number of processors. */
    public FolderOptions probeThreads(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("probe threads must be >= 1, got " + value);
        }
        FolderOptions copy = copy();
        copy.probeThreads = value;
        return copy;
    }

    /**
     * If true, {@code open} reads only each file's header (format and size) instead of decoding it:
     * much faster on huge folders, but a damaged file is then found only when it is read, as a
     * {@link dev.fovea.FoveaException} naming it, instead of being skipped.
     */
    public FolderOptions probeHeadersOnly(boolean value) {
        FolderOptions copy = copy();
        copy.probeHeadersOnly = value;
        return copy;
    }

    public int height() { return height; }
    public int width() { return width; }
    public int channels() { return channels; }
    public Crop crop() { return crop; }
    public double heldOutFraction() { return heldOutFraction; }
    public long seed() { return seed; }
    public boolean strict() { return strict; }
    public long cacheBytes() { return cacheBytes; }
    public int probeThreads() { return probeThreads; }
    public boolean probeHeadersOnly() { return probeHeadersOnly; }

    /** Bytes of one image as read: height x width x channels. */
    int imageSize() {
        return height * width * channels;
    }
}

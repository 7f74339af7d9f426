package dev.fovea.data.folder;

import dev.fovea.data.ImageSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The images of one split of an image folder (train or test), decoded on demand: cached bytes
 * when the cache holds them, else read from the file again. Images are in class order, then in
 * order of their path within the class folder. Safe for concurrent {@link #read}s.
 */
public final class FolderImages implements ImageSource {
    private final String name;
    private final FolderFiles files;
    private final int[] ids;
    private final int[] labels;
    private final List<String> classNames;
    private final FolderOptions options;

    FolderImages(String name, FolderFiles files, int[] ids, int[] labels, List<String> classNames, FolderOptions options) {
        this.name = name;
        this.files = files;
        this.ids = ids;
        this.labels = labels;
        this.classNames = List.copyOf(classNames);
        this.options = options;
    }

    /** Like "flowers/train": the folder's name and the split's. */
    @Override public String name() { return name; }
    @Override public int size() { return ids.length; }
    @Override public int height() { return options.height(); }
    @Override public int width() { return options.width(); }
    @Override public int channels() { return options.channels(); }
    @Override public List<String> classNames() { return classNames; }

    @Override
    public int label(int index) {
        return labels[Objects.checkIndex(index, ids.length)];
    }

    /**
     * Copies image {@code index}'s bytes into {@code out}. Throws a {@link dev.fovea.FoveaException}
     * naming the file if it can no longer be decoded (changed or removed since the folder was opened).
     */
    @Override
    public void read(int index, byte[] out, int offset) {
        byte[] pixels = files.pixels(ids[Objects.checkIndex(index, ids.length)]);
        System.arraycopy(pixels, 0, out, offset, pixels.length);
    }

    /** The file image {@code index} comes from, e.g. to list misclassified images. */
    public Path file(int index) {
        return files.file(ids[Objects.checkIndex(index, ids.length)]);
    }
}

package dev.fovea.viz.report;

import dev.fovea.data.ImageSource;
import java.util.List;

/** The first {@code size} images of a dataset, as a dataset: the report caps slow work with it. */
final class FirstImages implements ImageSource {
    private final ImageSource source;
    private final int size;

    private FirstImages(ImageSource source, int size) {
        this.source = source;
        this.size = size;
    }

    /** The first {@code limit} images of {@code source}, or {@code source} itself when it has no more. */
    static ImageSource of(ImageSource source, int limit) {
        return source.size() <= limit ? source : new FirstImages(source, limit);
    }

    @Override public String name() { return source.name(); }
    @Override public int size() { return size; }
    @Override public int height() { return source.height(); }
    @Override public int width() { return source.width(); }
    @Override public int channels() { return source.channels(); }
    @Override public List<String> classNames() { return source.classNames(); }

    @Override
    public int label(int index) {
        return source.label(check(index));
    }

    @Override
    public void read(int index, byte[] out, int offset) {
        source.read(check(index), out, offset);
    }

    private int check(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("image " + index + " of the first " + size);
        }
        return index;
    }
}

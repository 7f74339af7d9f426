package dev.fovea.data;

import java.util.List;

/**
 * Labelled images of one size, read one at a time by index: what training and evaluation consume.
 *
 * <p>{@link ImageDataset} holds its images in memory; an image folder decodes them on demand.
 * Pixels are unsigned bytes in NHWC order (row, column, channel). Implementations must allow
 * {@link #read} from several threads at once: background loaders decode in parallel.
 */
public interface ImageSource {
    String name();

    /** Number of images. */
    int size();

    int height();

    int width();

    int channels();

    List<String> classNames();

    /** The label of image {@code index}, in 0 .. numClasses() - 1. */
    int label(int index);

    /** Copies the {@code imageSize()} pixel bytes of image {@code index} into {@code out} at {@code offset}. */
    void read(int index, byte[] out, int offset);

    default int imageSize() {
        return height() * width() * channels();
    }

    default int numClasses() {
        return classNames().size();
    }
}

package dev.fovea.testing;

import dev.fovea.data.ImageDataset;
import dev.fovea.data.ImageSource;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * An image source whose {@link #read} first runs a hook with the image index, on the reading thread:
 * to record which threads read, to fail, or to block; and random images to wrap.
 */
public final class HookedImageSource implements ImageSource {
    private final ImageDataset images;
    private final IntConsumer beforeRead;

    public HookedImageSource(ImageDataset images, IntConsumer beforeRead) {
        this.images = images;
        this.beforeRead = beforeRead;
    }

    /** {@code count} random h x w x c images with random labels of 3 classes. */
    public static ImageDataset randomImages(int count, int height, int width, int channels, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] pixels = new byte[count * height * width * channels];
        int[] labels = new int[count];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) random.nextInt(256);
        }
        for (int i = 0; i < count; i++) {
            labels[i] = random.nextInt(3);
        }
        return new ImageDataset("random", height, width, channels, pixels, labels, List.of("a", "b", "c"));
    }

    @Override public String name() { return "hooked"; }
    @Override public int size() { return images.size(); }
    @Override public int height() { return images.height(); }
    @Override public int width() { return images.width(); }
    @Override public int channels() { return images.channels(); }
    @Override public List<String> classNames() { return images.classNames(); }
    @Override public int label(int index) { return images.label(index); }

    @Override
    public void read(int index, byte[] out, int offset) {
        beforeRead.accept(index);
        images.read(index, out, offset);
    }
}

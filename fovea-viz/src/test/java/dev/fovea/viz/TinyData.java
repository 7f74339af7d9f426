package dev.fovea.viz;

import dev.fovea.data.ImageDataset;
import java.util.List;
import java.util.SplittableRandom;

/** Small labelled image sets made on the fly for tests. */
public final class TinyData {
    private TinyData() {}

    /** {@code count} grey {@code size x size} images: class 1 has a bright left half, class 0 a bright right half. */
    public static ImageDataset halves(int count, int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] pixels = new byte[count * size * size];
        int[] labels = new int[count];
        for (int n = 0; n < count; n++) {
            labels[n] = random.nextInt(2);
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    boolean bright = (x < size / 2) == (labels[n] == 1);
                    pixels[(n * size + y) * size + x] = (byte) (bright ? 160 + random.nextInt(96) : random.nextInt(64));
                }
            }
        }
        return new ImageDataset("halves", size, size, 1, pixels, labels, List.of("right", "left"));
    }
}

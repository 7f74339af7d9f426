package dev.fovea.data;

import dev.fovea.data.augment.Augmentation;
import dev.fovea.tensor.Tensor;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * Cuts a dataset into batches of scaled images, in a seeded random order per epoch or in order,
 * optionally augmenting every image. The last batch may be smaller.
 *
 * <p>Every batch is a pure function of the seed, the epoch number and the batch's index, so a run
 * can be repeated exactly and batches can be made on any thread in any order
 * ({@link BatchPrefetcher} makes them ahead on worker threads). Per image the pipeline is: read the
 * bytes, take them as floats 0-255, augment, scale ({@link InputScaling}). Each image's augmentation
 * draws from its own random stream, derived from (seed, epoch, the image's position in the epoch)
 * and from nothing else, so it does not depend on the batch size either.
 */
public final class DataLoader implements Iterable<Batch> {
    private final ImageSource dataset;
    private final int batchSize;
    private final InputScaling scaling;
    private final int[] order;
    private final Augmentation augmentation;
    private final long augmentationSeed;
    private final int epoch;

    private DataLoader(ImageSource dataset, int batchSize, InputScaling scaling, int[] order,
                       Augmentation augmentation, long augmentationSeed, int epoch) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        this.dataset = dataset;
        this.batchSize = batchSize;
        this.scaling = scaling;
        this.order = order;
        this.augmentation = augmentation;
        this.augmentationSeed = augmentationSeed;
        this.epoch = epoch;
    }

    /** Batches in dataset order. */
    public static DataLoader inOrder(ImageSource dataset, int batchSize, InputScaling scaling) {
        int[] order = new int[dataset.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        return new DataLoader(dataset, batchSize, scaling, order, Augmentation.none(), 0, 0);
    }

    /** Batches in a random order drawn from (seed, epoch): the same pair gives the same order. */
    public static DataLoader shuffled(ImageSource dataset, int batchSize, InputScaling scaling, long seed, int epoch) {
        DataLoader loader = inOrder(dataset, batchSize, scaling);
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch);
        int[] order = loader.order;
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return loader;
    }

    /**
     * The same batches (same order, same scaling) with every image augmented, image number k of the
     * epoch drawing from a stream seeded by (seed, epoch, k). {@link Augmentation#none()} gives
     * batches identical to this loader's.
     */
    public DataLoader augmented(Augmentation augmentation, long seed, int epoch) {
        return new DataLoader(dataset, batchSize, scaling, order, augmentation, seed, epoch);
    }

    public int batchCount() {
        return (order.length + batchSize - 1) / batchSize;
    }

    /** Batch number {@code index} (0-based). */
    public Batch batch(int index) {
        return batch(index, newScratch());
    }

    /** Batch number {@code index}, made with {@code scratch}, which the calling thread must own. */
    Batch batch(int index, Scratch scratch) {
        int from = index * batchSize;
        int n = Math.min(batchSize, order.length - from);
        int size = dataset.imageSize();
        byte[] pixels = scratch.pixels;
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int example = order[from + i];
            dataset.read(example, pixels, i * size);
            labels[i] = dataset.label(example);
        }
        float[] images = new float[n * size];
        if (augmenting()) {
            int height = dataset.height();
            int width = dataset.width();
            int channels = dataset.channels();
            float[] image = scratch.image;
            for (int i = 0; i < n; i++) {
                for (int p = 0; p < size; p++) {
                    image[p] = pixels[i * size + p] & 0xFF;
                }
                SplittableRandom random = new SplittableRandom(sampleSeed(augmentationSeed, epoch, from + i));
                augmentation.apply(image, height, width, channels, random, scratch.work);
                System.arraycopy(image, 0, images, i * size, size);
            }
            scaling.applyInPlace(images, n, size);
        } else {
            scaling.apply(pixels, 0, n, size, images, 0);
        }
        return new Batch(Tensor.of(images, n, dataset.height(), dataset.width(), dataset.channels()), labels);
    }

    /** Buffers for one thread to reuse from batch to batch. */
    Scratch newScratch() {
        int size = dataset.imageSize();
        boolean augmenting = augmenting();
        return new Scratch(new byte[Math.min(batchSize, order.length) * size],
                augmenting ? new float[size] : null, augmenting ? new float[size] : null);
    }

    /** The pixel bytes of a batch, and an image and a work area for augmentation. */
    record Scratch(byte[] pixels, float[] image, float[] work) {}

    private boolean augmenting() {
        return !augmentation.equals(Augmentation.none());
    }

    /**
     * The seed of the augmentation stream of image {@code position} of epoch {@code epoch}: SplitMix64's
     * finalizer applied over seed, epoch and position in turn, so that neighbouring values give
     * unrelated streams.
     */
    static long sampleSeed(long seed, int epoch, int position) {
        return mix(mix(mix(seed) + epoch) + position);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public Iterator<Batch> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < batchCount();
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return batch(next++);
            }
        };
    }
}

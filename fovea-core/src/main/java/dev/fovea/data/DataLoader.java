package dev.fovea.data;

import dev.fovea.tensor.Tensor;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * Cuts a dataset into batches of scaled images, in a seeded random order per epoch or in order.
 * The last batch may be smaller. The order depends only on the seed and the epoch number, so a
 * run can be repeated exactly.
 */
public final class DataLoader implements Iterable<Batch> {
    private final ImageSource dataset;
    private final int batchSize;
    private final InputScaling scaling;
    private final int[] order;

    private DataLoader(ImageSource dataset, int batchSize, InputScaling scaling, int[] order) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        this.dataset = dataset;
        this.batchSize = batchSize;
        this.scaling = scaling;
        this.order = order;
    }

    /** Batches in dataset order. */
    public static DataLoader inOrder(ImageSource dataset, int batchSize, InputScaling scaling) {
        int[] order = new int[dataset.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        return new DataLoader(dataset, batchSize, scaling, order);
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

    public int batchCount() {
        return (order.length + batchSize - 1) / batchSize;
    }

    /** Batch number {@code index} (0-based). */
    public Batch batch(int index) {
        int from = index * batchSize;
        int n = Math.min(batchSize, order.length - from);
        int size = dataset.imageSize();
        byte[] pixels = new byte[n * size];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int example = order[from + i];
            dataset.read(example, pixels, i * size);
            labels[i] = dataset.label(example);
        }
        float[] images = new float[n * size];
        scaling.apply(pixels, 0, n, size, images, 0);
        return new Batch(Tensor.of(images, n, dataset.height(), dataset.width(), dataset.channels()), labels);
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

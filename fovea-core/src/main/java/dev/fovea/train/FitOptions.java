package dev.fovea.train;

import dev.fovea.data.BatchPrefetcher;
import dev.fovea.data.ImageSource;
import dev.fovea.data.augment.Augmentation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How {@code fit} runs: epochs, batch size, validation data, shuffling seed, augmentation, loader
 * threads, callbacks.
 */
public final class FitOptions {
    private int epochs = 1;
    private int batchSize = 32;
    private ImageSource validationData;
    private boolean shuffle = true;
    private long seed;
    private Augmentation augmentation = Augmentation.none();
    private int loaderThreads = BatchPrefetcher.defaultThreads();
    private TrainingState resumeFrom = TrainingState.START;
    private final List<Callback> callbacks = new ArrayList<>();

    public static FitOptions epochs(int epochs) {
        return new FitOptions().withEpochs(epochs);
    }

    public FitOptions withEpochs(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + value);
        }
        this.epochs = value;
        return this;
    }

    public FitOptions batchSize(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + value);
        }
        this.batchSize = value;
        return this;
    }

    /** Evaluated at the end of each epoch; its results are logged as val_loss and val_accuracy. */
    public FitOptions validationData(ImageSource value) {
        this.validationData = value;
        return this;
    }

    public FitOptions shuffle(boolean value) {
        this.shuffle = value;
        return this;
    }

    /** Fixes the order of examples, the dropout masks and the augmentation. */
    public FitOptions seed(long value) {
        this.seed = value;
        return this;
    }

    /**
     * Random changes to the training images, drawn anew every epoch (see {@link Augmentation#parse});
     * validation data is never augmented. {@link Augmentation#none()} by default.
     */
    public FitOptions augmentation(Augmentation value) {
        this.augmentation = Objects.requireNonNull(value, "augmentation");
        return this;
    }

    /**
     * Threads that make batches ahead of the training step (see {@link BatchPrefetcher}); 0 makes
     * them on the training thread. The batches, and so the trained weights, are the same for any
     * number. {@link BatchPrefetcher#defaultThreads()} by default.
     */
    public FitOptions loaderThreads(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("loader threads must be >= 0, got " + value);
        }
        this.loaderThreads = value;
        return this;
    }

    public FitOptions callbacks(Callback... values) {
        callbacks.addAll(List.of(values));
        return this;
    }

    /**
     * Continues a run from {@code state} (a checkpoint's) instead of starting afresh: with the same
     * data, seed, batch size and options, and the weights and optimizer state of that moment, the
     * run ends exactly as if it had never stopped. {@code epochs} still counts from the run's start.
     */
    public FitOptions resumeFrom(TrainingState state) {
        this.resumeFrom = java.util.Objects.requireNonNull(state);
        return this;
    }

    public TrainingState resumeState() { return resumeFrom; }
    public int epochs() { return epochs; }
    public int batchSize() { return batchSize; }
    public ImageSource validationData() { return validationData; }
    public boolean shuffle() { return shuffle; }
    public long seed() { return seed; }
    public Augmentation augmentation() { return augmentation; }
    public int loaderThreads() { return loaderThreads; }
    public List<Callback> callbacks() { return List.copyOf(callbacks); }
}

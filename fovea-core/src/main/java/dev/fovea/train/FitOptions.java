package dev.fovea.train;

import dev.fovea.data.ImageSource;
import java.util.ArrayList;
import java.util.List;

/** How {@code fit} runs: epochs, batch size, validation data, shuffling seed, callbacks. */
public final class FitOptions {
    private int epochs = 1;
    private int batchSize = 32;
    private ImageSource validationData;
    private boolean shuffle = true;
    private long seed;
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

    /** Fixes the order of examples and the dropout masks. */
    public FitOptions seed(long value) {
        this.seed = value;
        return this;
    }

    public FitOptions callbacks(Callback... values) {
        callbacks.addAll(List.of(values));
        return this;
    }

    public int epochs() { return epochs; }
    public int batchSize() { return batchSize; }
    public ImageSource validationData() { return validationData; }
    public boolean shuffle() { return shuffle; }
    public long seed() { return seed; }
    public List<Callback> callbacks() { return List.copyOf(callbacks); }
}

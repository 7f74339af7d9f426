package dev.fovea.train;

import dev.fovea.data.ImageSource;
import dev.fovea.nn.Network;
import dev.fovea.optim.Optimizer;

/**
 * What callbacks may know and do during {@code fit}: the plan (epochs, batches), the network and
 * optimizer (to save or restore them), where training stands, evaluating a dataset, and asking
 * training to stop.
 */
public final class TrainingContext {
    private final Network network;
    private final Trainer trainer;
    private final Optimizer optimizer;
    private final FitOptions options;
    private final int stepsPerEpoch;
    private final int trainExamples;
    private volatile TrainingState state;
    private volatile boolean stopRequested;

    TrainingContext(Network network, Trainer trainer, Optimizer optimizer, FitOptions options, int stepsPerEpoch,
                    int trainExamples, TrainingState state) {
        this.network = network;
        this.trainer = trainer;
        this.optimizer = optimizer;
        this.options = options;
        this.stepsPerEpoch = stepsPerEpoch;
        this.trainExamples = trainExamples;
        this.state = state;
    }

    public Network network() { return network; }
    public Optimizer optimizer() { return optimizer; }
    public int epochs() { return options.epochs(); }
    public int stepsPerEpoch() { return stepsPerEpoch; }
    public int trainExamples() { return trainExamples; }
    public int batchSize() { return options.batchSize(); }
    /** The seed of the shuffling, augmentation and dropout; a resumed run must use the same. */
    public long seed() { return options.seed(); }
    /** Whether val_loss and val_accuracy will be logged. */
    public boolean validating() { return options.validationData() != null; }

    /**
     * Where training stands: updated after every step, before callbacks hear of it, and after
     * every epoch (then at step 0 of the next), before {@code onEpochEnd}.
     */
    public TrainingState state() { return state; }

    void progress(TrainingState now) {
        state = now;
    }

    /** Evaluates the network as it is now (inference mode). */
    public Evaluation evaluate(ImageSource data) {
        return trainer.evaluate(data, 256);
    }

    /** Ends training after the current epoch. */
    public void requestStop() {
        stopRequested = true;
    }

    boolean stopRequested() {
        return stopRequested;
    }
}

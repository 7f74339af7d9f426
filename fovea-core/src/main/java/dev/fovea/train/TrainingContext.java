package dev.fovea.train;

import dev.fovea.data.ImageSource;
import dev.fovea.nn.Network;

/**
 * What callbacks may know and do during {@code fit}: the plan (epochs, batches), the network
 * (to save or restore weights), evaluating a dataset, and asking training to stop.
 */
public final class TrainingContext {
    private final Network network;
    private final Trainer trainer;
    private final int epochs;
    private final int stepsPerEpoch;
    private final int trainExamples;
    private final int batchSize;
    private final boolean validating;
    private volatile boolean stopRequested;

    TrainingContext(Network network, Trainer trainer, int epochs, int stepsPerEpoch, int trainExamples,
                    int batchSize, boolean validating) {
        this.network = network;
        this.trainer = trainer;
        this.epochs = epochs;
        this.stepsPerEpoch = stepsPerEpoch;
        this.trainExamples = trainExamples;
        this.batchSize = batchSize;
        this.validating = validating;
    }

    public Network network() { return network; }
    public int epochs() { return epochs; }
    public int stepsPerEpoch() { return stepsPerEpoch; }
    public int trainExamples() { return trainExamples; }
    public int batchSize() { return batchSize; }
    /** Whether val_loss and val_accuracy will be logged. */
    public boolean validating() { return validating; }

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

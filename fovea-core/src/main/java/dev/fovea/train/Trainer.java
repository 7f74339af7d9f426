package dev.fovea.train;

import dev.fovea.data.Batch;
import dev.fovea.data.BatchPrefetcher;
import dev.fovea.data.DataLoader;
import dev.fovea.data.ImageSource;
import dev.fovea.data.InputScaling;
import dev.fovea.kernel.WeightCache;
import dev.fovea.nn.ActivationFunction;
import dev.fovea.nn.ForwardContext;
import dev.fovea.nn.Loss;
import dev.fovea.nn.Network;
import dev.fovea.optim.Optimizer;
import dev.fovea.tensor.InferenceArrays;
import dev.fovea.tensor.NoGrad;
import dev.fovea.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The training loop: for each epoch, for each shuffled (and, if asked, augmented) batch, forward,
 * loss, backward, optimizer step; callbacks hear about every batch (its gradients before the step,
 * see {@link Callback#onGradients}, and its logs after) and epoch. Batches are made
 * ahead on loader threads ({@link BatchPrefetcher}); the time the loop still waits for them is
 * logged as {@link BatchLogs#dataWaitSeconds()} and "data_wait_seconds". Also evaluation on a
 * labelled dataset.
 */
public final class Trainer {
    private final Network network;
    private final Optimizer optimizer;
    private final Loss loss;
    private final InputScaling scaling;
    private final boolean measureAccuracy;

    public Trainer(Network network, Optimizer optimizer, Loss loss, InputScaling scaling, List<Metric> metrics) {
        this.network = network;
        this.optimizer = optimizer;
        this.loss = loss;
        this.scaling = scaling;
        this.measureAccuracy = metrics.contains(Metric.ACCURACY);
    }

    public History fit(ImageSource train, FitOptions options) {
        requireMatchingImages(train);
        if (options.validationData() != null) {
            requireMatchingImages(options.validationData());
        }
        List<Callback> callbacks = options.callbacks();
        int steps = (train.size() + options.batchSize() - 1) / options.batchSize();
        TrainingState start = options.resumeState();
        if (start.epoch() < options.epochs() && start.step() > steps) {
            throw new IllegalArgumentException("cannot resume at step " + start.step() + " of epoch " + start.epoch()
                    + ": an epoch of " + train.size() + " images in batches of " + options.batchSize() + " has "
                    + steps + " steps (was the data or the batch size changed?)");
        }
        TrainingContext context = new TrainingContext(network, this, optimizer, options, steps, train.size(), start);
        History history = new History();
        start.epochs().forEach(history::add);
        callbacks.forEach(c -> c.onTrainBegin(context));
        for (int epoch = start.epoch(); epoch < options.epochs() && !context.stopRequested(); epoch++) {
            int e = epoch;
            callbacks.forEach(c -> c.onEpochBegin(e));
            DataLoader loader = (options.shuffle()
                    ? DataLoader.shuffled(train, options.batchSize(), scaling, options.seed(), epoch)
                    : DataLoader.inOrder(train, options.batchSize(), scaling))
                    .augmented(options.augmentation(), options.seed(), epoch);
            TrainingState resumed = epoch == start.epoch() ? start : new TrainingState(epoch, 0, 0, 0, 0, List.of());
            long startNanos = System.nanoTime();
            double learningRate = optimizer.currentLearningRate();
            EpochTotals totals;
            try (BatchPrefetcher batches = new BatchPrefetcher(loader, options.loaderThreads(), resumed.step())) {
                totals = trainEpoch(resumed, batches, steps, startNanos, options.seed(), context, callbacks);
            }
            EpochLogs logs = new EpochLogs(epoch);
            logs.put("loss", totals.loss());
            if (measureAccuracy) {
                logs.put("accuracy", totals.accuracy());
            }
            if (options.validationData() != null) {
                Evaluation val = evaluate(options.validationData(), 256, options.loaderThreads());
                logs.put("val_loss", val.loss());
                if (measureAccuracy) {
                    logs.put("val_accuracy", val.accuracy());
                }
            }
            logs.put("learning_rate", learningRate);
            logs.put("seconds", (System.nanoTime() - startNanos) / 1e9);
            logs.put("data_wait_seconds", totals.dataWaitSeconds());
            history.add(logs);
            context.progress(new TrainingState(epoch + 1, 0, 0, 0, 0, history.epochs()));
            callbacks.forEach(c -> c.onEpochEnd(logs));
        }
        callbacks.forEach(c -> c.onTrainEnd(history));
        return history;
    }

    /** The epoch's mean loss and accuracy over all its examples, and how long it waited for batches. */
    private record EpochTotals(double loss, double accuracy, double dataWaitSeconds) {}

    /**
     * The rest of an epoch from where {@code from} stands: forward, loss, backward and an optimizer
     * step for each batch; the context's progress is updated before callbacks hear of each batch.
     */
    private EpochTotals trainEpoch(TrainingState from, BatchPrefetcher batches, int steps, long startNanos, long seed,
                                   TrainingContext context, List<Callback> callbacks) {
        List<Tensor> parameters = network.trainableParameters();
        ActivationFunction fused = loss.fusedActivation();
        int epoch = from.epoch();
        double lossSum = from.lossSum();
        long correct = from.correct();
        long seen = from.seen();
        int step = from.step();
        while (batches.hasNext()) {
            Batch batch = batches.next();
            for (Tensor p : parameters) {
                p.zeroGrad();
            }
            ForwardContext forwardContext = ForwardContext.training(dropoutRandom(seed, epoch, step));
            Tensor outputs = network.forwardBefore(fused, batch.images(), forwardContext);
            Tensor batchLoss = loss.compute(outputs, batch.labels());
            batchLoss.backward();
            double value = batchLoss.item();
            int batchIndex = step;
            callbacks.forEach(c -> c.onGradients(epoch, batchIndex, value));
            optimizer.step(parameters);
            lossSum += value * batch.size();
            seen += batch.size();
            if (measureAccuracy) {
                correct += Predictions.countCorrect(outputs, binaryThreshold(fused), batch.labels());
            }
            step++;
            context.progress(new TrainingState(epoch, step, lossSum, correct, seen, from.epochs()));
            BatchLogs logs = new BatchLogs(step, steps, lossSum / seen,
                    measureAccuracy ? (double) correct / seen : Double.NaN, value, seen,
                    (System.nanoTime() - startNanos) / 1e9, batches.waitSeconds());
            callbacks.forEach(c -> c.onBatchEnd(epoch, logs));
        }
        return new EpochTotals(lossSum / seen, (double) correct / seen, batches.waitSeconds());
    }

    /**
     * Dropout's random stream for one step, a function of (seed, epoch, step) alone, separate from
     * the shuffling's and the augmentation's, so a resumed run draws the masks it would have drawn.
     */
    private static SplittableRandom dropoutRandom(long seed, int epoch, int step) {
        return new SplittableRandom((seed ^ 0x5DEECE66DL) * 0x9E3779B97F4A7C15L + ((long) epoch << 32 | step));
    }

    /**
     * Mean loss, accuracy and confusion matrix of the network on {@code data}, without dropout;
     * batches are made ahead on {@link BatchPrefetcher#defaultThreads()} loader threads.
     */
    public Evaluation evaluate(ImageSource data, int batchSize) {
        return evaluate(data, batchSize, BatchPrefetcher.defaultThreads());
    }

    private Evaluation evaluate(ImageSource data, int batchSize, int loaderThreads) {
        requireMatchingImages(data);
        int[] out = network.outputShape();
        int outputCount = out.length == 1 ? out[0] : -1;
        if (outputCount < 1 || data.numClasses() > Math.max(2, outputCount)) {
            throw new IllegalArgumentException("dataset " + data.name() + " has " + data.numClasses()
                    + " classes, the model's output " + dev.fovea.tensor.Shapes.toString(out)
                    + " cannot classify them");
        }
        int classes = Math.max(2, outputCount);
        int[][] confusion = new int[classes][classes];
        double lossSum = 0;
        ActivationFunction fused = loss.fusedActivation();
        try (NoGrad scope = NoGrad.enter();
             InferenceArrays arrays = InferenceArrays.enter();
             WeightCache weights = WeightCache.enter();
             BatchPrefetcher batches = new BatchPrefetcher(DataLoader.inOrder(data, batchSize, scaling), loaderThreads)) {
            while (batches.hasNext()) {
                Batch batch = batches.next();
                Tensor outputs = network.forwardBefore(fused, batch.images(), ForwardContext.INFERENCE);
                lossSum += loss.compute(outputs, batch.labels()).item() * batch.size();
                int[] predicted = Predictions.classes(outputs, binaryThreshold(fused));
                for (int i = 0; i < predicted.length; i++) {
                    confusion[batch.labels()[i]][predicted[i]]++;
                }
                InferenceArrays.release(outputs);
            }
        }
        int right = 0;
        for (int c = 0; c < classes; c++) {
            right += confusion[c][c];
        }
        int n = Math.max(1, data.size());
        return new Evaluation(lossSum / n, (double) right / n, confusion, data.classNames());
    }

    /** Single-output models are thresholded at logit 0 when the sigmoid is fused away, else at 0.5. */
    private static float binaryThreshold(ActivationFunction fused) {
        return fused.equals(ActivationFunction.SIGMOID) ? 0f : 0.5f;
    }

    private void requireMatchingImages(ImageSource data) {
        int[] in = network.inputShape();
        if (in.length != 3 || in[0] != data.height() || in[1] != data.width() || in[2] != data.channels()) {
            throw new IllegalArgumentException("dataset " + data.name() + " has " + data.height() + "x"
                    + data.width() + "x" + data.channels() + " images, the model expects "
                    + dev.fovea.tensor.Shapes.toString(in));
        }
    }
}

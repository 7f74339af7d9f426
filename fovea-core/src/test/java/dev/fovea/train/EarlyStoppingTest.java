package dev.fovea.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.data.ImageDataset;
import dev.fovea.data.InputScaling;
import dev.fovea.model.Sequential;
import dev.fovea.nn.BatchNormalization;
import dev.fovea.nn.Dense;
import dev.fovea.nn.Flatten;
import dev.fovea.nn.Loss;
import dev.fovea.optim.Sgd;
import dev.fovea.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class EarlyStoppingTest {
    /**
     * val_loss with min delta 0.05: epoch 1 improves on epoch 0, epoch 2 improves by only 0.03,
     * epoch 3 by 0.06 (resetting the wait), epoch 4 is worse and epoch 5 better by only 0.04, so
     * patience 2 stops after epoch 5 and epoch 6 never runs.
     */
    private static final double[] VAL_LOSS = {1.0, 0.8, 0.77, 0.74, 0.9, 0.7, 0.6};

    private static final ImageDataset TINY_VALIDATION = new ImageDataset("validation", 2, 2, 1, new byte[4], new int[] {0},
            List.of("a", "b"));
    private final Sequential model = new Sequential(2, 2, 1).add(new Flatten(), new Dense(2));

    /**
     * Plays the epochs as fit does, with a fresh context, stopping when asked; before each epoch's
     * end every weight is set to the epoch number + 1, so the weights show which epoch they come
     * from. Returns the number of epochs run.
     */
    private int play(EarlyStopping stopping, String monitor, double... values) {
        TrainingContext context = newContext(values.length);
        stopping.onTrainBegin(context);
        int epoch = 0;
        while (epoch < values.length && !context.stopRequested()) {
            for (Tensor p : model.trainableParameters()) {
                Arrays.fill(p.data(), epoch + 1);
            }
            EpochLogs logs = new EpochLogs(epoch);
            logs.put("loss", 1.0);
            logs.put(monitor, values[epoch]);
            stopping.onEpochEnd(logs);
            epoch++;
        }
        stopping.onTrainEnd(new History());
        return epoch;
    }

    private TrainingContext newContext(int epochs) {
        Sgd sgd = new Sgd(0.1);
        Trainer trainer = new Trainer(model, sgd, Loss.sparseCategoricalCrossentropy(), InputScaling.unit(), List.of());
        FitOptions options = FitOptions.epochs(epochs).batchSize(1).validationData(TINY_VALIDATION);
        return new TrainingContext(model, trainer, sgd, options, 1, 1, TrainingState.START);
    }

    private float weightMarker() {
        return model.trainableParameters().get(0).data()[0];
    }

    @Test
    void stopsAfterPatienceEpochsWithoutImprovementByMoreThanMinDelta() {
        EarlyStopping stopping = new EarlyStopping("val_loss", 0.05, 2, false);
        assertEquals(6, play(stopping, "val_loss", VAL_LOSS));
        assertEquals(5, stopping.stoppedEpoch());
        assertEquals(6f, weightMarker(), "without restoring, the last epoch's weights stay");
    }

    @Test
    void restoresTheBestEpochsWeightsWhenAsked() {
        EarlyStopping stopping = new EarlyStopping("val_loss", 0.05, 2, true);
        play(stopping, "val_loss", VAL_LOSS);
        assertEquals(4f, weightMarker(), "epoch 3 had the best val_loss");
    }

    @Test
    void accuracyImprovesUpwards() {
        EarlyStopping stopping = new EarlyStopping("val_accuracy", 0, 2, true);
        assertEquals(4, play(stopping, "val_accuracy", 0.5, 0.6, 0.6, 0.55, 0.9));
        assertEquals(3, stopping.stoppedEpoch());
        assertEquals(2f, weightMarker(), "epoch 1 had the best val_accuracy");
    }

    @Test
    void aReusedCallbackStartsAfresh() {
        EarlyStopping stopping = new EarlyStopping("val_loss", 0, 2, true);
        assertEquals(3, play(stopping, "val_loss", 1.0, 1.0, 1.0, 1.0));
        assertEquals(2, stopping.stoppedEpoch());
        // Second run: improves, then waits once without reaching the patience.
        assertEquals(3, play(stopping, "val_loss", 0.5, 0.4, 0.45));
        assertEquals(-1, stopping.stoppedEpoch(), "the second run did not stop");
        assertEquals(3f, weightMarker(), "weights are restored only when training was stopped");
    }

    @Test
    void monitoringAValidationValueWithoutValidationDataFailsBeforeTheFirstEpoch() {
        Sgd sgd = new Sgd(0.1);
        Trainer trainer = new Trainer(model, sgd, Loss.sparseCategoricalCrossentropy(), InputScaling.unit(), List.of());
        TrainingContext noValidation = new TrainingContext(model, trainer, sgd, FitOptions.epochs(3).batchSize(1), 1, 1,
                TrainingState.START);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new EarlyStopping("val_loss", 0, 2, false).onTrainBegin(noValidation));
        assertTrue(e.getMessage().contains("no validation data"), e.getMessage());
    }

    @Test
    void aNaNValueNeverCountsAsAnImprovement() {
        // A diverged run: patience 2 stops after the second NaN epoch following the last real value.
        assertEquals(3, play(new EarlyStopping("val_loss", 0, 2, false), "val_loss",
                1.0, Double.NaN, Double.NaN, Double.NaN, Double.NaN));
        assertEquals(2, play(new EarlyStopping("val_loss", 0, 2, false), "val_loss",
                Double.NaN, Double.NaN, 0.5, 0.4));
    }

    @Test
    void aMissingMonitoredValueNamesTheLoggedOnes() {
        EarlyStopping stopping = new EarlyStopping("val_loss", 0, 2, false);
        stopping.onTrainBegin(newContext(1));
        EpochLogs logs = new EpochLogs(0);
        logs.put("loss", 1.0);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> stopping.onEpochEnd(logs));
        assertTrue(e.getMessage().contains("'val_loss'") && e.getMessage().contains("[loss]"), e.getMessage());
    }

    @Test
    void rejectsNegativePatienceOrMinDelta() {
        assertThrows(IllegalArgumentException.class, () -> new EarlyStopping("val_loss", 0, -1, false));
        assertThrows(IllegalArgumentException.class, () -> new EarlyStopping("val_loss", -0.1, 2, false));
    }

    @Test
    void endsARealFitWhoseValidationLossNeverImproves() {
        // A learning rate of 0 leaves the weights, and so val_loss, exactly as they were.
        ImageDataset data = BarsAndSquares.generate("shapes", 32, 3, 5);
        Sequential cnn = BarsAndSquares.softmaxCnn(3, 1);
        cnn.compile(new Sgd(0.0), Loss.sparseCategoricalCrossentropy(), Metric.ACCURACY);
        EarlyStopping stopping = new EarlyStopping("val_loss", 0, 3, true);
        History history = cnn.fit(data, FitOptions.epochs(20).batchSize(16).validationData(data).callbacks(stopping));
        assertEquals(4, history.epochs().size(), "epoch 0 sets the best, epochs 1-3 wait");
        assertEquals(3, stopping.stoppedEpoch());
    }

    @Test
    void restoringTheBestWeightsIncludesTheMovingStatisticsOfBatchNormalization() {
        Sequential normalized = new Sequential(2, 2, 1).add(new Flatten(), new BatchNormalization(), new Dense(2));
        Sgd sgd = new Sgd(0.1);
        Trainer trainer = new Trainer(normalized, sgd, Loss.sparseCategoricalCrossentropy(), InputScaling.unit(), List.of());
        TrainingContext context = new TrainingContext(normalized, trainer, sgd,
                FitOptions.epochs(2).batchSize(1).validationData(TINY_VALIDATION), 1, 1, TrainingState.START);
        EarlyStopping stopping = new EarlyStopping("val_loss", 0, 1, true);
        stopping.onTrainBegin(context);
        double[] valLoss = {0.5, 0.9};
        for (int epoch = 0; epoch < valLoss.length; epoch++) {
            for (Tensor p : normalized.parameters()) {
                Arrays.fill(p.data(), epoch + 1);
            }
            EpochLogs logs = new EpochLogs(epoch);
            logs.put("loss", 1.0);
            logs.put("val_loss", valLoss[epoch]);
            stopping.onEpochEnd(logs);
        }
        stopping.onTrainEnd(new History());
        assertEquals(1, stopping.stoppedEpoch());
        float[] movingVariance = normalized.layers().get(1).parameters().get("moving_variance").data();
        assertEquals(1f, movingVariance[0], "epoch 0's moving statistics are back with its weights");
    }
}

package dev.fovea.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.nn.ActivationFunction;
import dev.fovea.nn.BatchNormalization;
import dev.fovea.nn.Conv2D;
import dev.fovea.nn.Dense;
import dev.fovea.nn.Flatten;
import dev.fovea.nn.MaxPooling2D;
import org.junit.jupiter.api.Test;

/** The summary's counts of trainable and non-trainable parameters, Keras's way. */
class ModelSummaryTest {
    /** Conv 64, BatchNormalization, pool, flatten, Dense 10, BatchNormalization. */
    private static Sequential withBatchNormalization() {
        return new Sequential(28, 28, 1).add(new Conv2D(64, 3, ActivationFunction.RELU), new BatchNormalization(),
                new MaxPooling2D(2), new Flatten(), new Dense(10), new BatchNormalization());
    }

    @Test
    void movingStatisticsOfBatchNormalizationAreNonTrainableAsInKeras() {
        String expected = String.join("\n",
                "Model: \"sequential\"",
                "_".repeat(72),
                " Layer (type)                       Output Shape              Param #",
                "=".repeat(72),
                " conv2d (Conv2D)                    (None, 26, 26, 64)        640",
                "",
                " batch_normalization (BatchNormalization) (None, 26, 26, 64)        256",
                "",
                " max_pooling2d (MaxPooling2D)       (None, 13, 13, 64)        0",
                "",
                " flatten (Flatten)                  (None, 10816)             0",
                "",
                " dense (Dense)                      (None, 10)                108,170",
                "",
                " batch_normalization_1 (BatchNormalization) (None, 10)                40",
                "=".repeat(72),
                // 640 + 256 + 108,170 + 40, of which BatchNormalization(64)'s 128 and (10)'s 20 moving statistics
                // are non-trainable.
                "Total params: 109,106",
                "Trainable params: 108,958",
                "Non-trainable params: 148",
                "_".repeat(72),
                "");
        assertEquals(expected, withBatchNormalization().summary());
    }

    @Test
    void aFrozenBatchNormalizationIsNonTrainableWhole() {
        Sequential model = withBatchNormalization();
        model.layers().get(1).trainable(false);
        String summary = model.summary();
        assertTrue(summary.contains("Trainable params: 108,830"), summary);
        assertTrue(summary.contains("Non-trainable params: 276"), summary);
        assertEquals(6, model.trainableParameters().size(),
                "the kernels and biases of the conv and dense layers, gamma and beta of the unfrozen batch normalization");
    }
}

package dev.fovea.ops;

import dev.fovea.tensor.Tensor;
import dev.fovea.testing.GradientCheck;
import dev.fovea.testing.RandomData;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Softmax cross-entropy, binary cross-entropy with logits and MSE gradients against finite differences. */
class LossOpsGradientTest {
    @ParameterizedTest(name = "rows {0} classes {1} smoothing {2}")
    @CsvSource({"1, 2, 0", "4, 5, 0", "4, 5, 0.1", "3, 10, 0.2", "6, 3, 0"})
    void softmaxCrossEntropyGradientMatchesFiniteDifferences(int rows, int classes, float smoothing) {
        String label = "softmaxCrossEntropy " + rows + "x" + classes + " s" + smoothing;
        SplittableRandom random = new SplittableRandom(label.hashCode());
        Tensor logits = Tensor.parameter(RandomData.uniform(random, rows * classes, -2, 2), rows, classes);
        int[] labels = random.ints(rows, 0, classes).toArray();
        GradientCheck.assertGradients(label, () -> LossOps.softmaxCrossEntropy(logits, labels, smoothing), logits);
    }

    @ParameterizedTest(name = "size {0}")
    @ValueSource(ints = {1, 12, 35})
    void binaryCrossEntropyWithLogitsGradientMatchesFiniteDifferences(int size) {
        String label = "binaryCrossEntropyWithLogits " + size;
        SplittableRandom random = new SplittableRandom(label.hashCode());
        Tensor logits = Tensor.parameter(RandomData.uniform(random, size, -3, 3), size);
        // Soft targets as well as 0 and 1: the loss is defined for any target in [0, 1].
        float[] targets = RandomData.uniform(random, size, 0, 1);
        targets[0] = 1;
        GradientCheck.assertGradients(label, () -> LossOps.binaryCrossEntropyWithLogits(logits, targets), logits);
    }

    @ParameterizedTest(name = "size {0}")
    @ValueSource(ints = {1, 12, 35})
    void meanSquaredErrorGradientMatchesFiniteDifferences(int size) {
        String label = "meanSquaredError " + size;
        SplittableRandom random = new SplittableRandom(label.hashCode());
        Tensor predictions = Tensor.parameter(RandomData.uniform(random, size, -1, 1), size);
        float[] targets = RandomData.uniform(random, size, -1, 1);
        GradientCheck.assertGradients(label, () -> LossOps.meanSquaredError(predictions, targets), predictions);
    }
}

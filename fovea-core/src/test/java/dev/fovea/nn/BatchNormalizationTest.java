package dev.fovea.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.ops.BatchNormOps;
import dev.fovea.ops.LossOps;
import dev.fovea.optim.Sgd;
import dev.fovea.tensor.NoGrad;
import dev.fovea.tensor.Tensor;
import dev.fovea.testing.Approx;
import dev.fovea.testing.RandomData;
import dev.fovea.testing.TestOps;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BatchNormalizationTest {
    private static final ForwardContext TRAINING = ForwardContext.training(new SplittableRandom(1));

    /** A layer built for (3, 4, 2) images and initialised: gamma 1, beta 0, moving mean 0, variance 1. */
    private static BatchNormalization built(BatchNormalization layer) {
        layer.build(new int[] {3, 4, 2});
        layer.initialize(new SplittableRandom(1));
        return layer;
    }

    private static Tensor images(long seed) {
        return Tensor.of(RandomData.uniform(new SplittableRandom(seed), 2 * 3 * 4 * 2, -1, 3), 2, 3, 4, 2);
    }

    private static float[] data(BatchNormalization layer, String parameter) {
        return layer.parameters().get(parameter).data();
    }

    @Test
    void keepsTheShapeOfImagesAndVectors() {
        LayerChecks.assertOutputShape(new BatchNormalization(), new int[] {5, 4, 3}, new int[] {5, 4, 3});
        LayerChecks.assertOutputShape(new BatchNormalization(), new int[] {7}, new int[] {7});
    }

    @Test
    void hasGammaBetaAndMovingStatisticsPerChannelOfWhichHalfAreTrainableAsInKeras() {
        BatchNormalization layer = new BatchNormalization();
        layer.build(new int[] {26, 26, 64});
        assertEquals(List.of("gamma", "beta", "moving_mean", "moving_variance"), List.copyOf(layer.parameters().keySet()));
        for (Tensor p : layer.parameters().values()) {
            assertArrayEquals(new int[] {64}, p.shape());
        }
        assertEquals(256, layer.parameterCount());
        assertEquals(128, layer.trainableParameterCount());
        assertEquals(List.of("gamma", "beta"), List.copyOf(layer.trainableParameters().keySet()));
        assertTrue(layer.parameters().get("gamma").requiresGrad());
        assertFalse(layer.parameters().get("moving_mean").requiresGrad(), "the optimizer never sees a gradient for it");

        BatchNormalization plain = new BatchNormalization(0.99, 1e-3, false, false);
        plain.build(new int[] {26, 26, 64});
        assertEquals(List.of("moving_mean", "moving_variance"), List.copyOf(plain.parameters().keySet()));
        assertEquals(0, plain.trainableParameterCount());
    }

    @Test
    void freezingAndUnfreezingNeverMakesTheMovingStatisticsTrainable() {
        BatchNormalization layer = built(new BatchNormalization());
        layer.trainable(false);
        assertEquals(0, layer.trainableParameterCount());
        assertTrue(layer.trainableParameters().isEmpty());
        assertFalse(layer.parameters().get("gamma").requiresGrad());
        layer.trainable(true);
        assertTrue(layer.parameters().get("gamma").requiresGrad());
        assertTrue(layer.parameters().get("beta").requiresGrad());
        assertFalse(layer.parameters().get("moving_mean").requiresGrad());
        assertFalse(layer.parameters().get("moving_variance").requiresGrad());
    }

    @Test
    void initialisesToTheIdentityOfInference() {
        BatchNormalization layer = built(new BatchNormalization());
        Tensor x = images(1);
        Tensor y = layer.forward(x, ForwardContext.INFERENCE);
        // (x - 0) / sqrt(1 + 1e-3): the identity up to epsilon.
        float[] expected = x.data().clone();
        for (int i = 0; i < expected.length; i++) {
            expected[i] /= (float) Math.sqrt(1.001);
        }
        Approx.assertClose("y", expected, y.data(), 1e-7, 1e-6);
    }

    @Test
    void trainingNormalisesWithTheBatchAndMovesTheMovingStatisticsByOneMinusMomentum() {
        BatchNormalization layer = built(new BatchNormalization(0.9, 1e-3, true, true));
        System.arraycopy(new float[] {0.5f, -1f}, 0, data(layer, "moving_mean"), 0, 2);
        System.arraycopy(new float[] {2f, 0.25f}, 0, data(layer, "moving_variance"), 0, 2);
        Tensor x = images(2);
        BatchNormOps.TrainingOutput batch = BatchNormOps.batchNormTraining(x, null, null, 1e-3);
        Tensor y = layer.forward(x, TRAINING);
        assertArrayEquals(batch.y().data(), y.data(), "gamma 1 and beta 0: the batch-normalised values");
        double[] mean = new double[2];
        for (int i = 0; i < x.size(); i++) {
            mean[i % 2] += x.data()[i] / 24.0;
        }
        assertEquals(0.9 * 0.5 + 0.1 * mean[0], data(layer, "moving_mean")[0], 1e-6);
        assertEquals(0.9 * -1 + 0.1 * mean[1], data(layer, "moving_mean")[1], 1e-6);
        assertEquals(0.9f * 2f + 0.1f * batch.variance()[0], data(layer, "moving_variance")[0], 1e-6);
        assertEquals(0.9f * 0.25f + 0.1f * batch.variance()[1], data(layer, "moving_variance")[1], 1e-6);
    }

    @Test
    void inferenceUsesTheMovingStatisticsAndLeavesThemAlone() {
        BatchNormalization layer = built(new BatchNormalization());
        float[] mean = {0.5f, -1f};
        float[] variance = {2f, 0.25f};
        System.arraycopy(mean, 0, data(layer, "moving_mean"), 0, 2);
        System.arraycopy(variance, 0, data(layer, "moving_variance"), 0, 2);
        Tensor x = images(3);
        Tensor y;
        try (NoGrad scope = NoGrad.enter()) {
            y = layer.forward(x, ForwardContext.INFERENCE);
        }
        for (int i = 0; i < x.size(); i++) {
            int c = i % 2;
            assertEquals((x.data()[i] - mean[c]) / Math.sqrt(variance[c] + 1e-3), y.data()[i], 1e-5);
        }
        assertArrayEquals(mean, data(layer, "moving_mean"));
        assertArrayEquals(variance, data(layer, "moving_variance"));
    }

    /** As in Keras 2 and later: a frozen layer normalises with its moving statistics even in training. */
    @Test
    void aFrozenLayerRunsInInferenceModeWhileTrainingAndKeepsItsStatistics() {
        BatchNormalization frozen = built(new BatchNormalization());
        data(frozen, "moving_mean")[1] = 2f;
        frozen.trainable(false);
        Tensor x = Tensor.parameter(images(4).data(), 2, 3, 4, 2);
        Tensor y = frozen.forward(x, TRAINING);
        Tensor expected;
        try (NoGrad scope = NoGrad.enter()) {
            expected = frozen.forward(x, ForwardContext.INFERENCE);
        }
        assertArrayEquals(expected.data(), y.data());
        assertArrayEquals(new float[] {0f, 2f}, data(frozen, "moving_mean"));
        TestOps.weightedSum(y, RandomData.uniform(new SplittableRandom(5), y.size(), -1, 1)).backward();
        assertNotNull(x.grad(), "the gradient still flows to the input");
        assertNull(frozen.parameters().get("gamma").grad(), "but not to the frozen gamma");
    }

    /**
     * Five SGD steps through the layer (which reuses its arrays from step to step) give the bits of
     * the same steps through new ops, and the moving statistics follow each step's batch.
     */
    @Test
    void trainingThroughReusedArraysGivesTheBitsOfFreshOps() {
        BatchNormalization layer = built(new BatchNormalization(0.8, 1e-3, true, true));
        Tensor gamma = Tensor.parameter(new float[] {1f, 1f}, 2);
        Tensor beta = Tensor.parameter(new float[2], 2);
        float[] movingMean = {0f, 0f};
        Sgd layerSgd = new Sgd(0.1);
        Sgd opSgd = new Sgd(0.1);
        int[] labels = {0, 1, 1, 0, 1, 0, 0, 1, 1, 0, 0, 1};
        for (int step = 0; step < 5; step++) {
            Tensor x = images(10 + step);
            List<Tensor> trainable = List.copyOf(layer.trainableParameters().values());
            trainable.forEach(Tensor::zeroGrad);
            Tensor viaLayer = layer.forward(x, TRAINING).reshape(24, 2);
            Tensor layerLoss = LossOps.softmaxCrossEntropy(viaLayer, labels(labels), 0f);
            layerLoss.backward();
            layerSgd.step(trainable);

            gamma.zeroGrad();
            beta.zeroGrad();
            BatchNormOps.TrainingOutput out = BatchNormOps.batchNormTraining(x, gamma, beta, 1e-3);
            Tensor opLoss = LossOps.softmaxCrossEntropy(out.y().reshape(24, 2), labels(labels), 0f);
            opLoss.backward();
            opSgd.step(List.of(gamma, beta));
            for (int c = 0; c < 2; c++) {
                movingMean[c] = (float) (0.8 * movingMean[c] + (1 - 0.8) * out.mean()[c]);
            }
            assertEquals(opLoss.item(), layerLoss.item(), "loss of step " + step);
        }
        assertArrayEquals(gamma.data(), data(layer, "gamma"));
        assertArrayEquals(beta.data(), data(layer, "beta"));
        assertArrayEquals(movingMean, data(layer, "moving_mean"));
    }

    private static int[] labels(int[] twelve) {
        int[] out = new int[24];
        for (int i = 0; i < 24; i++) {
            out[i] = twelve[i % 12];
        }
        return out;
    }

    @Test
    void rejectsMomentumOutsideZeroToOneAndEpsilonThatIsNotPositive() {
        for (double momentum : new double[] {-0.1, 1.5, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new BatchNormalization(momentum, 1e-3, true, true));
            assertTrue(e.getMessage().contains("momentum"), e.getMessage());
        }
        for (double epsilon : new double[] {0, -1e-3, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new BatchNormalization(0.99, epsilon, true, true));
            assertTrue(e.getMessage().contains("epsilon"), e.getMessage());
        }
    }

    @Test
    void configRebuildsTheLayer() {
        BatchNormalization layer = new BatchNormalization(0.9, 1e-5, false, true);
        assertEquals(Map.of("momentum", 0.9, "epsilon", 1e-5, "center", false, "scale", true), layer.config());
        LayerChecks.assertRebuildsFromConfig(layer, c -> new BatchNormalization((Double) c.get("momentum"),
                (Double) c.get("epsilon"), (Boolean) c.get("center"), (Boolean) c.get("scale")));
        assertEquals("BatchNormalization", layer.typeName());
        assertEquals("batch_normalization", layer.baseName());
    }
}

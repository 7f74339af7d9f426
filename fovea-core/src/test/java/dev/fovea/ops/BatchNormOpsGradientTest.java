package dev.fovea.ops;

import dev.fovea.tensor.Tensor;
import dev.fovea.testing.GradientCheck;
import dev.fovea.testing.RandomData;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Batch-norm gradients (x, gamma, beta) against finite differences, in training mode (where every
 * x of a channel moves that channel's mean and variance, and so every output of it) and in
 * inference mode, over NHWC batches, odd sizes, batch 1 and dense batches, with and without
 * gamma and beta.
 */
class BatchNormOpsGradientTest {
    /** Shapes [N, ..., C]: images of batch 3 and 1 (odd sizes), dense batches of 5 and 1. */
    private static final int[][] SHAPES = {{3, 3, 5, 4}, {1, 5, 3, 3}, {2, 4, 4, 1}, {5, 6}, {3, 2}, {1, 4}};

    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> cases = Stream.builder();
        for (boolean training : new boolean[] {true, false}) {
            for (int[] shape : SHAPES) {
                for (boolean affine : new boolean[] {true, false}) {
                    cases.add(Arguments.of(training, shape, affine));
                }
            }
        }
        return cases.build();
    }

    @ParameterizedTest(name = "training {0} shape {1} gamma and beta {2}")
    @MethodSource("cases")
    void batchNormGradientsMatchFiniteDifferences(boolean training, int[] shape, boolean affine) {
        String label = "batch norm " + (training ? "training " : "inference ") + java.util.Arrays.toString(shape)
                + (affine ? " affine" : "");
        SplittableRandom random = new SplittableRandom(label.hashCode());
        int channels = shape[shape.length - 1];
        int size = 1;
        for (int d : shape) {
            size *= d;
        }
        // A spread of 4 per channel keeps the variance well away from 0, where the finite
        // differences' truncation error (which grows as 1 / variance^(3/2)) would swamp the check.
        Tensor x = Tensor.parameter(RandomData.uniform(random, size, -2, 2), shape);
        Tensor gamma = affine ? Tensor.parameter(RandomData.awayFromZero(random, channels, 0.5, 1.5), channels) : null;
        Tensor beta = affine ? Tensor.parameter(RandomData.uniform(random, channels, -0.5, 0.5), channels) : null;
        float[] mean = RandomData.uniform(random, channels, -0.5, 0.5);
        float[] variance = RandomData.uniform(random, channels, 0.5, 1.5);
        List<Tensor> inputs = new ArrayList<>(List.of(x));
        if (affine) {
            inputs.add(gamma);
            inputs.add(beta);
        }
        double epsilon = 1e-3;
        GradientCheck.assertGradients(label, () -> training
                        ? BatchNormOps.batchNormTraining(x, gamma, beta, epsilon).y()
                        : BatchNormOps.batchNormInference(x, gamma, beta, mean, variance, epsilon),
                inputs.toArray(Tensor[]::new));
    }

    /** Only gamma (scale without center) or only beta (center without scale), x constant. */
    @ParameterizedTest(name = "gamma only {0}")
    @MethodSource("gammaOnly")
    void oneOfGammaAndBetaWithAConstantInput(boolean gammaOnly) {
        String label = "batch norm one parameter " + gammaOnly;
        SplittableRandom random = new SplittableRandom(label.hashCode());
        Tensor x = Tensor.of(RandomData.uniform(random, 2 * 3 * 3 * 2, -2, 2), 2, 3, 3, 2);
        Tensor p = Tensor.parameter(RandomData.awayFromZero(random, 2, 0.5, 1.5), 2);
        GradientCheck.assertGradients(label,
                () -> BatchNormOps.batchNormTraining(x, gammaOnly ? p : null, gammaOnly ? null : p, 1e-3).y(), p);
    }

    static Stream<Boolean> gammaOnly() {
        return Stream.of(true, false);
    }
}

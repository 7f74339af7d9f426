package dev.fovea.ops;

import dev.fovea.kernel.Padding;
import dev.fovea.tensor.Tensor;
import dev.fovea.testing.GradientCheck;
import dev.fovea.testing.RandomData;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Gradients through a small CNN built from the ops, where each op's backward feeds the next. */
class OpsChainGradientTest {
    @Test
    void smallNetworkGradientsMatchFiniteDifferences() {
        SplittableRandom random = new SplittableRandom(7);
        int batch = 2;
        int[] labels = {1, 3};
        Tensor x = Tensor.parameter(RandomData.uniform(random, batch * 7 * 6 * 2, -1, 1), batch, 7, 6, 2);
        Tensor convW = Tensor.parameter(RandomData.uniform(random, 3 * 3 * 2 * 4, -0.5, 0.5), 3, 3, 2, 4);
        Tensor convB = Tensor.parameter(RandomData.uniform(random, 4, -0.1, 0.1), 4);
        // SAME conv keeps 7x6; avg pool 2/2 VALID gives 3x3x4 = 36 features.
        Tensor denseW = Tensor.parameter(RandomData.uniform(random, 36 * 5, -0.5, 0.5), 36, 5);
        Tensor denseB = Tensor.parameter(RandomData.uniform(random, 5, -0.1, 0.1), 5);
        // tanh rather than ReLU: a smooth network has no kink for an intermediate value to straddle.
        GradientCheck.assertGradients("conv-tanh-avgpool-reshape-dense-crossentropy", () -> {
            Tensor h = ActivationOps.tanh(ConvOps.conv2d(x, convW, convB, 1, 1, Padding.SAME));
            h = PoolOps.avgPool2d(h, 2, 2, Padding.VALID).reshape(batch, -1);
            return LossOps.softmaxCrossEntropy(DenseOps.dense(h, denseW, denseB), labels, 0.1f);
        }, x, convW, convB, denseW, denseB);
    }
}

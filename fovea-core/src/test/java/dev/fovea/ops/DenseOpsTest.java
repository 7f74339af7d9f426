package dev.fovea.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.fovea.kernel.Gemm;
import dev.fovea.kernel.WeightCache;
import dev.fovea.tensor.NoGrad;
import dev.fovea.tensor.Tensor;
import dev.fovea.testing.RandomData;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** dense inside a {@link WeightCache} scope: the weights packed once serve inference only. */
class DenseOpsTest {
    @Test
    void aForwardThatRecordsGradientsSeesChangedWeightsInsideAScope() {
        SplittableRandom random = new SplittableRandom(3);
        Tensor x = Tensor.of(RandomData.uniform(random, 4 * 30, -1, 1), 4, 30);
        Tensor w = Tensor.parameter(RandomData.uniform(random, 30 * 80, -1, 1), 30, 80);
        try (WeightCache cache = WeightCache.enter()) {
            float[] before;
            try (NoGrad scope = NoGrad.enter()) {
                before = DenseOps.dense(x, w, null).data().clone();
            }
            Arrays.fill(w.data(), 0.25f);   // as an optimizer's step would, in place
            float[] training = DenseOps.dense(x, w, null).data();
            assertFalse(Arrays.equals(before, training), "the training forward used the scope's packed copy");
            float[] expected = new float[4 * 80];
            Gemm.reference(false, false, 4, 80, 30, x.data(), 0, 30, w.data(), 0, 80, expected, 0,
                    80, false);
            assertArrayEquals(expected, training, 1e-5f);
        }
    }
}

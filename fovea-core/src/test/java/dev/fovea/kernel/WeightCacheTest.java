package dev.fovea.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fovea.testing.RandomData;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link WeightCache}: inside a scope {@link Gemm#multiplyWeights} multiplies by weights packed once,
 * with the bits of {@link Gemm#gemmBiasRelu} whatever the threads' split (by rows, by columns, within
 * a column block of the packing); what the scope kept is used for its later calls only.
 */
class WeightCacheTest {
    private final int originalThreads = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(originalThreads);
    }

    @ParameterizedTest(name = "m={0} n={1} k={2} threads={3}")
    @CsvSource({
        "256, 1024, 3136, 2",   // model C's dense layer at batch 256: split by columns
        "128, 700, 300, 3",     // columns split inside the packing's second column block
        "300, 40, 600, 2",      // more rows than columns: split by rows
        "3, 10, 20, 2",         // too small to split
        "70, 1100, 257, 1",
        "600, 520, 40, 2"})     // split by rows, every thread across both column blocks of the packing
    void givesTheBitsOfTheGemmOnEveryCallOfTheScope(int m, int n, int k, int threads) {
        Parallel.setThreads(threads);
        SplittableRandom random = new SplittableRandom(m * 31L + n);
        float[] x = RandomData.uniform(random, m * k, -1, 1);
        float[] w = RandomData.uniform(random, k * n, -1, 1);
        float[] bias = RandomData.uniform(random, n, -1, 1);
        float[] expected = new float[m * n];
        Gemm.gemmBiasRelu(false, false, m, n, k, x, 0, k, w, 0, n, expected, 0, n, bias, true);
        try (WeightCache cache = WeightCache.enter()) {
            for (int call = 0; call < 2; call++) {
                float[] y = new float[m * n];
                Gemm.multiplyWeights(m, n, k, x, 0, k, w, y, 0, n, bias, true);
                assertArrayEquals(expected, y, "call " + call);
            }
        }
    }

    @Test
    void aScopeKeepsTheWeightsOfItsFirstCallAndTheNextScopeSeesChanges() {
        SplittableRandom random = new SplittableRandom(7);
        int m = 8;
        int n = 96;
        int k = 50;
        float[] x = RandomData.uniform(random, m * k, -1, 1);
        float[] w = RandomData.uniform(random, k * n, -1, 1);
        float[] before = product(x, w, m, n, k);
        try (WeightCache cache = WeightCache.enter()) {
            assertArrayEquals(before, product(x, w, m, n, k));
            Arrays.fill(w, 0.5f);
            assertArrayEquals(before, product(x, w, m, n, k), "the scope's packed copy, as documented");
        }
        float[] after = product(x, w, m, n, k);
        assertFalse(Arrays.equals(before, after));
        try (WeightCache cache = WeightCache.enter()) {
            assertArrayEquals(after, product(x, w, m, n, k));
        }
    }

    @Test
    void scopesCloseInnermostFirst() {
        WeightCache outer = WeightCache.enter();
        WeightCache inner = WeightCache.enter();
        assertThrows(IllegalStateException.class, outer::close);
        inner.close();
        outer.close();
    }

    private static float[] product(float[] x, float[] w, int m, int n, int k) {
        float[] y = new float[m * n];
        Gemm.multiplyWeights(m, n, k, x, 0, k, w, y, 0, n, null, false);
        return y;
    }
}

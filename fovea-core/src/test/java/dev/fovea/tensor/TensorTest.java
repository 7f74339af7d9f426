package dev.fovea.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.ops.ActivationOps;
import dev.fovea.ops.DenseOps;
import dev.fovea.testing.Approx;
import dev.fovea.testing.GradientCheck;
import dev.fovea.testing.RandomData;
import dev.fovea.testing.TestOps;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Autograd bookkeeping: accumulation, graph traversal, reshape, and misuse. */
class TensorTest {
    @Test
    void backwardTwiceOnOneGraphAddsTheGradientTwice() {
        Tensor w = Tensor.parameter(new float[] {0.5f, -1.5f, 2f}, 3, 1);
        Tensor x = Tensor.of(new float[] {1f, 2f, 3f}, 1, 3);
        Tensor loss = ActivationOps.tanh(DenseOps.dense(x, w, null)).reshape(1);
        loss.backward();
        float[] once = w.grad().clone();
        loss.backward();
        for (int i = 0; i < once.length; i++) {
            assertEquals(2 * once[i], w.grad()[i], 1e-6f * Math.abs(once[i]));
        }
    }

    @Test
    void gradientOfSharedTensorIsSumOverItsUses() {
        // L = sum(relu(x) * a) + sum(relu(x) * b): dL/dx = (a + b) where x > 0, else 0.
        Tensor x = Tensor.parameter(new float[] {1.5f, -2f, 0.5f}, 3);
        Tensor h = ActivationOps.relu(x);
        float[] a = {1f, 2f, 3f};
        float[] b = {10f, 20f, 30f};
        TestOps.sum(TestOps.weightedSum(h, a), TestOps.weightedSum(h, b)).backward();
        assertArrayEquals(new float[] {11f, 0f, 33f}, x.grad());
    }

    @Test
    void sharedActivationFeedingTwoDenseOpsGetsBothGradients() {
        // y = relu(x) feeds two dense layers; each path's gradient, computed alone, must add up to the joint one.
        SplittableRandom random = new SplittableRandom(1);
        float[] xValues = RandomData.awayFromZero(random, 2 * 4, 0.1, 1);
        float[] w1 = RandomData.uniform(random, 4 * 3, -1, 1);
        float[] w2 = RandomData.uniform(random, 4 * 5, -1, 1);
        float[] r1 = RandomData.uniform(random, 2 * 3, -1, 1);
        float[] r2 = RandomData.uniform(random, 2 * 5, -1, 1);

        Function<Boolean[], float[]> gradient = paths -> {
            Tensor x = Tensor.parameter(xValues.clone(), 2, 4);
            Tensor h = ActivationOps.relu(x);
            Tensor l1 = TestOps.weightedSum(DenseOps.dense(h, Tensor.of(w1, 4, 3), null), r1);
            Tensor l2 = TestOps.weightedSum(DenseOps.dense(h, Tensor.of(w2, 4, 5), null), r2);
            Tensor loss = paths[0] && paths[1] ? TestOps.sum(l1, l2) : paths[0] ? l1 : l2;
            loss.backward();
            return x.grad();
        };
        float[] first = gradient.apply(new Boolean[] {true, false});
        float[] second = gradient.apply(new Boolean[] {false, true});
        float[] both = gradient.apply(new Boolean[] {true, true});
        float[] sum = new float[both.length];
        for (int i = 0; i < sum.length; i++) {
            sum[i] = first[i] + second[i];
        }
        // Only the order of float additions differs between the two sides.
        Approx.assertClose("joint gradient vs sum of single-path gradients", sum, both, 1e-6, 1e-6);
    }

    @Test
    void tensorUsedTwiceInOneOpGetsBothContributions() {
        // dense(x, w) with w = x viewed as [2, 2]: L = sum(x x) = sum_ij x_ij * (x x)_ij; check by finite differences.
        Tensor x = Tensor.parameter(new float[] {0.3f, -0.7f, 1.1f, 0.4f}, 2, 2);
        GradientCheck.assertGradients("x times x", () -> DenseOps.dense(x, x, null), x);
    }

    @Test
    void backwardTwiceOnFreshGraphsAccumulatesAndZeroGradResets() {
        Tensor w = Tensor.parameter(new float[] {2f, -3f}, 2);
        float[] r = {1f, 4f};
        TestOps.weightedSum(ActivationOps.tanh(w), r).backward();
        float[] once = w.grad().clone();
        TestOps.weightedSum(ActivationOps.tanh(w), r).backward();
        assertArrayEquals(new float[] {2 * once[0], 2 * once[1]}, w.grad(), "a second backward adds to the gradient");

        float[] gradArray = w.grad();
        w.zeroGrad();
        assertArrayEquals(new float[] {0f, 0f}, w.grad());
        assertSame(gradArray, w.grad(), "zeroGrad clears in place");
        TestOps.weightedSum(ActivationOps.tanh(w), r).backward();
        assertArrayEquals(once, w.grad(), "after zeroGrad, backward gives the single-pass gradient again");
    }

    @Test
    void zeroGradWithoutGradientLeavesItAbsent() {
        Tensor w = Tensor.parameter(new float[] {1f}, 1);
        w.zeroGrad();
        assertNull(w.grad());
    }

    @Test
    void parameterNotOnThePathGetsNoGradient() {
        Tensor used = Tensor.parameter(new float[] {1f, 2f}, 2);
        Tensor unused = Tensor.parameter(new float[] {3f}, 1);
        TestOps.weightedSum(ActivationOps.sigmoid(used), new float[] {1f, 1f}).backward();
        assertNull(unused.grad());
    }

    @Test
    void longChainBackwardDoesNotOverflowTheStack() {
        Tensor x = Tensor.parameter(new float[] {1f, 2f}, 2);
        Tensor t = x;
        for (int i = 0; i < 100_000; i++) {
            t = t.reshape(i % 2 == 0 ? new int[] {1, 2} : new int[] {2});
        }
        TestOps.weightedSum(t, new float[] {3f, 5f}).backward();
        assertArrayEquals(new float[] {3f, 5f}, x.grad());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ';', value = {"-1, 4; 6, 4", "2, -1; 2, 12", "-1; 24", "2, 3, -1; 2, 3, 4", "4, 3, 2; 4, 3, 2"})
    void reshapeResolvesMinusOne(String request, String expected) {
        Tensor x = Tensor.of(new float[24], 2, 3, 4);
        Tensor y = x.reshape(ints(request));
        assertArrayEquals(ints(expected), y.shape());
        assertSame(x.data(), y.data(), "reshape is a view of the same values");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {"-1, -1", "5, -1", "7", "-1, 0", "-2, 12", "2, 2, 2"})
    void reshapeToIncompatibleShapeThrows(String request) {
        Tensor x = Tensor.of(new float[24], 2, 3, 4);
        assertThrows(IllegalArgumentException.class, () -> x.reshape(ints(request)));
    }

    @Test
    void reshapeGradientMatchesFiniteDifferences() {
        Tensor x = Tensor.parameter(RandomData.uniform(new SplittableRandom(3), 24, -1, 1), 2, 3, 4);
        // Through a non-linear op so that a gradient landing on the wrong element would show.
        GradientCheck.assertGradients("reshape", () -> ActivationOps.softmax(x.reshape(-1, 6)), x);
    }

    @Test
    void backwardFromNonScalarThrows() {
        Tensor x = Tensor.parameter(new float[] {1f, 2f}, 2);
        Tensor y = ActivationOps.relu(x);
        assertThrows(IllegalStateException.class, y::backward);
    }

    @Test
    void backwardFromConstantThrows() {
        Tensor c = Tensor.of(new float[] {1f});
        assertThrows(IllegalStateException.class, c::backward);
    }

    @Test
    void opsOnConstantsRecordNothing() {
        Tensor c = Tensor.of(new float[] {1f, -1f}, 2);
        Tensor y = ActivationOps.relu(c);
        assertFalse(y.requiresGrad());
        assertTrue(Tensor.parameter(new float[] {1f}, 1).requiresGrad());
    }

    @Test
    void valuesMustMatchShape() {
        assertThrows(IllegalArgumentException.class, () -> Tensor.of(new float[5], 2, 3));
        assertThrows(IllegalArgumentException.class, () -> Tensor.parameter(new float[1], -1));
    }

    @Test
    void itemNeedsExactlyOneValue() {
        assertEquals(4f, Tensor.of(new float[] {4f}).item());
        assertThrows(IllegalStateException.class, () -> Tensor.zeros(2).item());
    }

    @Test
    void detachedCopyIsAnIndependentConstant() {
        Tensor w = Tensor.parameter(new float[] {1f, 2f}, 2);
        Tensor copy = w.detachedCopy();
        w.data()[0] = 9f;
        assertFalse(copy.requiresGrad());
        assertArrayEquals(new float[] {1f, 2f}, copy.data());
    }

    private static int[] ints(String csv) {
        String[] parts = csv.split(",");
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Integer.parseInt(parts[i].trim());
        }
        return out;
    }

    @Test
    void gradForOverwriteIsOfferedOnlyUntilAnOpHasWrittenTheGradientOfThisPass() {
        Tensor w = Tensor.parameter(new float[] {1f, 2f}, 2);
        float[] fresh = w.gradForOverwrite();
        assertNotNull(fresh);
        assertNull(w.gradForOverwrite(), "once written, later ops must add");
        assertSame(fresh, w.gradForUpdate());
    }
}

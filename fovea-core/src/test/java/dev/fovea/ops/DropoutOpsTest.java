package dev.fovea.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.tensor.Tensor;
import dev.fovea.testing.GradientCheck;
import dev.fovea.testing.RandomData;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Inverted dropout: mask values, reproducibility from the seed, and its gradient. */
class DropoutOpsTest {
    private static final long SEED = 42;

    @ParameterizedTest(name = "rate {0}")
    @ValueSource(floats = {0f, 0.25f, 0.5f, 0.9f})
    void dropoutGradientMatchesFiniteDifferences(float rate) {
        Tensor x = Tensor.parameter(RandomData.uniform(new SplittableRandom(1), 60, -1, 1), 3, 4, 5);
        // A fresh generator with the same seed per forward pass: every evaluation draws the same mask.
        GradientCheck.assertGradients("dropout " + rate,
                () -> DropoutOps.dropout(x, rate, new SplittableRandom(SEED)), x);
    }

    @Test
    void eachValueIsDroppedOrScaledByTheInverseKeepRate() {
        float rate = 0.25f;
        float[] in = RandomData.awayFromZero(new SplittableRandom(2), 4000, 0.1, 1);
        float[] out = DropoutOps.dropout(Tensor.of(in, 4000), rate, new SplittableRandom(SEED)).data();
        int dropped = 0;
        for (int i = 0; i < in.length; i++) {
            if (out[i] == 0f) {
                dropped++;
            } else {
                assertEquals(in[i] / (1 - rate), out[i], 1e-6f * Math.abs(out[i]), "survivor " + i);
            }
        }
        // Binomial(4000, 0.25): mean 1000, standard deviation 27; 150 is over 5 deviations.
        assertTrue(Math.abs(dropped - 1000) < 150, "dropped " + dropped + " of 4000 at rate 0.25");
    }

    @Test
    void sameSeedGivesSameMaskAndOtherSeedAnother() {
        Tensor x = Tensor.of(RandomData.awayFromZero(new SplittableRandom(3), 200, 0.1, 1), 200);
        float[] first = DropoutOps.dropout(x, 0.5f, new SplittableRandom(SEED)).data();
        float[] again = DropoutOps.dropout(x, 0.5f, new SplittableRandom(SEED)).data();
        float[] other = DropoutOps.dropout(x, 0.5f, new SplittableRandom(SEED + 1)).data();
        assertArrayEquals(first, again);
        assertTrue(!java.util.Arrays.equals(first, other), "a different seed should give a different mask");
    }

    @Test
    void rateZeroIsTheIdentity() {
        float[] in = RandomData.uniform(new SplittableRandom(4), 50, -1, 1);
        assertArrayEquals(in, DropoutOps.dropout(Tensor.of(in, 50), 0f, new SplittableRandom(SEED)).data());
    }

    @ParameterizedTest(name = "rate {0}")
    @ValueSource(floats = {-0.1f, 1f, 1.5f, Float.NaN})
    void ratesOutsideZeroToOneAreRejected(float rate) {
        Tensor x = Tensor.zeros(4);
        assertThrows(IllegalArgumentException.class, () -> DropoutOps.dropout(x, rate, new SplittableRandom(SEED)));
    }
}

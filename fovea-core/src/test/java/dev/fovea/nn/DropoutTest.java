package dev.fovea.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.tensor.Tensor;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DropoutTest {
    private static final float RATE = 0.3f;
    private static final int N = 100_000;

    @Test
    void passesValuesThroughAtInference() {
        Dropout dropout = new Dropout(RATE);
        dropout.build(new int[] {4});
        Tensor x = Tensor.of(new float[] {1f, -2f, 3f, 4f, 5f, 6f, 7f, 8f}, 2, 4);
        assertSame(x, dropout.forward(x, ForwardContext.INFERENCE));
    }

    @Test
    void rateZeroPassesValuesThroughInTraining() {
        Tensor x = Tensor.of(new float[] {1f, 2f}, 1, 2);
        assertSame(x, new Dropout(0f).forward(x, ForwardContext.training(new SplittableRandom(1))));
    }

    /**
     * With N = 100,000 values the number dropped is Binomial(N, 0.3): its standard deviation is
     * sqrt(N * 0.3 * 0.7) ≈ 145, 0.15 % of N, so 0.75 % is five standard deviations. The output
     * mean of an all-ones input is (kept / N) / 0.7, with standard deviation 0.15 % / 0.7 ≈ 0.2 %;
     * 1 % allows five.
     */
    @Test
    void dropsAboutRateOfTheValuesAndScalesSurvivorsToKeepTheMean() {
        float[] ones = new float[N];
        Arrays.fill(ones, 1f);
        Tensor y = new Dropout(RATE).forward(Tensor.of(ones, 1, N), ForwardContext.training(new SplittableRandom(5)));
        int zeros = 0;
        double sum = 0;
        for (float v : y.data()) {
            if (v == 0f) {
                zeros++;
            } else {
                assertEquals(1f / (1f - RATE), v, "a survivor is scaled by 1 / (1 - rate)");
            }
            sum += v;
        }
        assertEquals(RATE, (double) zeros / N, 0.0075, "fraction dropped");
        assertEquals(1.0, sum / N, 0.01, "mean");
    }

    @Test
    void theSameSeedDropsTheSameValues() {
        float[] a = dropped(11);
        assertArrayEquals(a, dropped(11));
        assertFalse(Arrays.equals(a, dropped(12)));
    }

    private static float[] dropped(long seed) {
        float[] x = new float[256];
        Arrays.fill(x, 2f);
        return new Dropout(0.5f).forward(Tensor.of(x, 4, 64), ForwardContext.training(new SplittableRandom(seed))).data();
    }

    @Test
    void rejectsRatesOutsideZeroToOne() {
        for (float rate : new float[] {-0.1f, 1f, Float.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Dropout(rate),
                    "rate " + rate);
            assertTrue(e.getMessage().contains("Dropout rate must be in [0, 1)"), e.getMessage());
        }
    }

    @Test
    void keepsTheShapeHasNoParametersAndConfigRebuildsIt() {
        LayerChecks.assertOutputShape(new Dropout(RATE), new int[] {6, 6, 2}, new int[] {6, 6, 2});
        Dropout dropout = new Dropout(RATE);
        dropout.build(new int[] {3});
        assertEquals(0, dropout.parameterCount());
        assertEquals(Map.of("rate", (double) RATE), dropout.config());
        LayerChecks.assertRebuildsFromConfig(dropout, c -> new Dropout(((Number) c.get("rate")).floatValue()));
    }
}

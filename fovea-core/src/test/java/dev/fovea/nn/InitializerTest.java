package dev.fovea.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class InitializerTest {
    private static final int FAN_IN = 50;
    private static final int FAN_OUT = 30;
    private static final int N = 100_000;
    /** Keras divides the stddev by this so that a normal truncated at 2 sigma keeps the wanted stddev. */
    private static final double TRUNCATION_CORRECTION = 0.87962566103423978;

    static Stream<Arguments> randomInitializers() {
        double glorotLimit = Math.sqrt(6.0 / (FAN_IN + FAN_OUT));
        double heStd = Math.sqrt(2.0 / FAN_IN);
        double lecunStd = Math.sqrt(1.0 / FAN_IN);
        return Stream.of(
                // Uniform in ±a has variance a² / 3; its draws reach the limit but never pass it.
                Arguments.of(Initializer.GLOROT_UNIFORM, glorotLimit / Math.sqrt(3), glorotLimit),
                Arguments.of(Initializer.HE_UNIFORM, heStd, Math.sqrt(6.0 / FAN_IN)),
                Arguments.of(Initializer.LECUN_UNIFORM, lecunStd, Math.sqrt(3.0 / FAN_IN)),
                // Truncated normal: stddev as named, draws within 2 sigma of the widened normal.
                Arguments.of(Initializer.HE_NORMAL, heStd, 2 * heStd / TRUNCATION_CORRECTION),
                Arguments.of(Initializer.LECUN_NORMAL, lecunStd, 2 * lecunStd / TRUNCATION_CORRECTION));
    }

    /**
     * Statistical tolerances for N = 100,000 draws: the sample variance of a uniform or a
     * 2-sigma-truncated normal has a relative standard error of sqrt((kurtosis - 1) / N), at most
     * sqrt(1.4 / N) = 0.4 %, so 2 % on the variance is five standard errors; the mean's standard
     * error is std / sqrt(N), and 5 of those bound it. The largest |draw| out of 100,000 lies
     * within 2 % of the bound for both shapes except with negligible probability.
     */
    @ParameterizedTest
    @MethodSource("randomInitializers")
    void drawsHaveTheDocumentedSpreadAndRange(Initializer initializer, double expectedStd, double bound) {
        float[] w = new float[N];
        initializer.fill(w, FAN_IN, FAN_OUT, new SplittableRandom(1));
        double sum = 0;
        double sumSquares = 0;
        double largest = 0;
        for (float v : w) {
            sum += v;
            sumSquares += (double) v * v;
            largest = Math.max(largest, Math.abs(v));
        }
        double mean = sum / N;
        double variance = sumSquares / N - mean * mean;
        assertEquals(0, mean, 5 * expectedStd / Math.sqrt(N), "mean");
        assertEquals(expectedStd * expectedStd, variance, 0.02 * expectedStd * expectedStd, "variance");
        assertTrue(largest <= bound * (1 + 1e-6), "largest |w| " + largest + " beyond " + bound); // float rounding
        assertTrue(largest > 0.98 * bound, "largest |w| " + largest + " well inside " + bound);
    }

    @Test
    void zerosOverwritesEverything() {
        float[] w = {1f, -2f, Float.NaN};
        Initializer.ZEROS.fill(w, 3, 3, new SplittableRandom(1));
        assertArrayEquals(new float[3], w);
    }

    @ParameterizedTest
    @EnumSource(value = Initializer.class, names = "ZEROS", mode = EnumSource.Mode.EXCLUDE)
    void theSameSeedGivesTheSameWeightsAndAnotherSeedOthers(Initializer initializer) {
        float[] a = fill(initializer, 7);
        float[] b = fill(initializer, 7);
        float[] c = fill(initializer, 8);
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
    }

    private static float[] fill(Initializer initializer, long seed) {
        float[] w = new float[64];
        initializer.fill(w, 8, 8, new SplittableRandom(seed));
        return w;
    }

    @ParameterizedTest
    @EnumSource(Initializer.class)
    void parseReadsWhatToStringWrites(Initializer initializer) {
        assertEquals(initializer, Initializer.parse(initializer.toString()));
        assertEquals(initializer.name().toLowerCase(Locale.ROOT), initializer.toString());
    }

    @Test
    void parseIgnoresCaseAndSpacesAndNamesTheChoicesOnError() {
        assertEquals(Initializer.HE_NORMAL, Initializer.parse(" He_Normal "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Initializer.parse("xavier"));
        assertTrue(e.getMessage().contains("'xavier'") && e.getMessage().contains("glorot_uniform"), e.getMessage());
    }
}

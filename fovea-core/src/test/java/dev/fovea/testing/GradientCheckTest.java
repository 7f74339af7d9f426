package dev.fovea.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.tensor.Tensor;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opentest4j.AssertionFailedError;

/** The gradient checker itself: it passes a correct backward and rejects wrong ones. */
class GradientCheckTest {
    private static final String ONE_INTERIOR_ELEMENT_MISSING = "one interior element missing";

    /** y = 3 x, with a backward that writes {@code dx[i] += scale[i] * dy[i]} (3 everywhere is correct). */
    private static Tensor tripleWithBackward(Tensor x, UnaryOperator<float[]> backwardScale) {
        float[] y = new float[x.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = 3 * x.data()[i];
        }
        float[] scale = new float[x.size()];
        Arrays.fill(scale, 3f);
        float[] used = backwardScale.apply(scale);
        return Tensor.result(y, x.shape(), dy -> {
            float[] dx = x.gradForUpdate();
            for (int i = 0; i < dy.length; i++) {
                dx[i] += used[i] * dy[i];
            }
        }, x);
    }

    private static Tensor input(int size) {
        return Tensor.parameter(RandomData.uniform(new SplittableRandom(size), size, -1, 1), size);
    }

    @ParameterizedTest(name = "size {0}")
    @MethodSource("sizes")
    void correctBackwardPasses(int size) {
        Tensor x = input(size);
        assertDoesNotThrow(() -> GradientCheck.assertGradients("correct", () -> tripleWithBackward(x, s -> s), x));
    }

    static Stream<Arguments> wrongBackwards() {
        return Stream.of(
                Arguments.of("10% too large", (UnaryOperator<float[]>) s -> scaleAll(s, 1.1f)),
                Arguments.of("10% too small", (UnaryOperator<float[]>) s -> scaleAll(s, 0.9f)),
                Arguments.of("sign flipped", (UnaryOperator<float[]>) s -> scaleAll(s, -1f)),
                Arguments.of(ONE_INTERIOR_ELEMENT_MISSING, (UnaryOperator<float[]>) s -> setOne(s, s.length / 2, 0f)),
                Arguments.of("last element 5% off", (UnaryOperator<float[]>) s -> setOne(s, s.length - 1, 3.15f)));
    }

    /** Sizes below and above {@link GradientCheck#CHECK_ALL_UP_TO}: all elements, then a sample with both ends. */
    static Stream<Integer> sizes() {
        return Stream.of(1, 7, GradientCheck.CHECK_ALL_UP_TO, 1000);
    }

    /**
     * Every corruption at every size, except a single wrong interior element of a sampled input: a
     * sample of {@link GradientCheck#SAMPLE_SIZE} elements cannot promise to include it.
     */
    static Stream<Arguments> wrongBackwardsBySize() {
        return sizes().flatMap(size -> wrongBackwards()
                .filter(a -> size <= GradientCheck.CHECK_ALL_UP_TO || !a.get()[0].equals(ONE_INTERIOR_ELEMENT_MISSING))
                .map(a -> Arguments.of(a.get()[0], a.get()[1], size)));
    }

    @ParameterizedTest(name = "{0}, size {2}")
    @MethodSource("wrongBackwardsBySize")
    void wrongBackwardIsRejected(String what, UnaryOperator<float[]> corruption, int size) {
        Tensor x = input(size);
        assertThrows(AssertionFailedError.class,
                () -> GradientCheck.assertGradients(what, () -> tripleWithBackward(x, corruption), x));
    }

    @Test
    void gradientThatNeverArrivesIsRejected() {
        Tensor x = input(5);
        // Forward reads x, but the recorded backward does nothing: x.grad() stays null.
        assertThrows(AssertionFailedError.class, () -> GradientCheck.assertGradients("no backward",
                () -> Tensor.result(x.data().clone(), x.shape(), dy -> { }, x), x));
    }

    @Test
    void toleranceAcceptsRoundingNoiseAndRejectsTenPercent() {
        assertTrue(GradientCheck.accepts(1.0, 1.0 + 1e-4));
        assertTrue(GradientCheck.accepts(0.0, 5e-4));
        assertFalse(GradientCheck.accepts(1.0, 1.1));
        assertFalse(GradientCheck.accepts(0.05, 0.055));
        assertFalse(GradientCheck.accepts(0.5, -0.5));
        assertFalse(GradientCheck.accepts(1.0, Double.NaN));
    }

    @Test
    void inputsAreRestoredAfterChecking() {
        Tensor x = input(300);
        float[] before = x.data().clone();
        GradientCheck.assertGradients("restore", () -> tripleWithBackward(x, s -> s), x);
        assertArrayEquals(before, x.data());
    }

    private static float[] scaleAll(float[] s, float factor) {
        for (int i = 0; i < s.length; i++) {
            s[i] *= factor;
        }
        return s;
    }

    private static float[] setOne(float[] s, int index, float value) {
        s[index] = value;
        return s;
    }
}

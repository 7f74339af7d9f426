package dev.fovea.testing;

import static org.junit.jupiter.api.Assertions.fail;

import dev.fovea.tensor.NoGrad;
import dev.fovea.tensor.Shapes;
import dev.fovea.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Checks an op's backward pass against central finite differences of its forward pass.
 *
 * <p>The checked scalar is L = sum(y * r), y the op's output and r fixed random weights of
 * magnitude 0.5..1.5 (never near 0, so no output's gradient is hidden). The analytic gradient comes
 * from {@link Tensor#backward()}; the numerical one perturbs one input element at a time by
 * +-{@link #STEP} in float32, runs the forward pass again (under {@link NoGrad}) and sums L in
 * double, dividing by the step actually taken after float rounding of x +- h.
 *
 * <p>Tolerance: an element passes when |numerical - analytic| <= {@link #ABS_TOLERANCE} +
 * {@link #REL_TOLERANCE} * max(|numerical|, |analytic|). Error sources: (1) float32 rounding of
 * the outputs that the perturbed element feeds (outputs it does not feed are recomputed bit for bit
 * and cancel exactly in L+ - L-), divided by 2h = 0.02. It grows with how many outputs an element
 * feeds and how long their sums are; the worst case in the suite, dense 8x400->320 (each input
 * feeds 320 sums of 400 products), reaches 6.5e-4 absolute; conv2d stays below 1e-4 and the other
 * ops below 2e-5. (2) The truncation error h^2/6 * f''' of central differences: 0 for the
 * piecewise-linear ops (conv, pooling, dense, ReLU, dropout) kept away from kinks and ties, and
 * below 2e-5 for tanh, sigmoid, softmax and the losses. 2e-3 absolute + 2e-3 relative leaves a
 * margin of 3x over the worst noise (and 20x or more everywhere else), yet rejects a backward that
 * is 10% off on any element with |gradient| > 0.02, a single wrong or missing element included
 * (see {@code GradientCheckTest}). That is 10x stricter than the common 2e-2 * max(1, |num|, |ana|).
 */
public final class GradientCheck {
    /** Finite-difference step, for inputs of magnitude ~1. */
    public static final float STEP = 1e-2f;
    public static final double ABS_TOLERANCE = 2e-3;
    public static final double REL_TOLERANCE = 2e-3;
    /** Inputs up to this size have every element checked; bigger ones a seeded random sample. */
    public static final int CHECK_ALL_UP_TO = 256;
    public static final int SAMPLE_SIZE = 64;

    private GradientCheck() {}

    /**
     * Fails unless the gradients of sum(op() * r) with respect to each of {@code inputs} (leaves made
     * with {@link Tensor#parameter}, read by {@code op}) match finite differences. {@code op} must
     * build its output afresh from the inputs' current values on every call.
     */
    public static void assertGradients(String label, Supplier<Tensor> op, Tensor... inputs) {
        // Seeded by the label, but offset so r is independent of test data drawn from the label's hash.
        SplittableRandom random = new SplittableRandom(label.hashCode() + 0x5EED_0000_0000L);
        for (Tensor t : inputs) {
            if (!t.requiresGrad()) {
                throw new IllegalArgumentException(label + ": " + t + " does not require a gradient");
            }
            t.zeroGrad();
        }
        Tensor y = op.get();
        float[] r = RandomData.awayFromZero(random, y.size(), 0.5, 1.5);
        TestOps.weightedSum(y, r).backward();

        List<String> failures = new ArrayList<>();
        int failed = 0;
        int checked = 0;
        for (int k = 0; k < inputs.length; k++) {
            Tensor t = inputs[k];
            float[] analytic = t.grad() == null ? new float[t.size()] : t.grad().clone();
            float[] data = t.data();
            for (int i : elementsToCheck(t.size(), random)) {
                double numerical = numericalDerivative(op, r, data, i);
                checked++;
                if (!accepts(numerical, analytic[i])) {
                    failed++;
                    if (failures.size() < 5) {
                        failures.add(String.format("input %d %s element %d: numerical %.6g, analytic %.6g",
                                k, Shapes.toString(t.shape()), i, numerical, analytic[i]));
                    }
                }
            }
        }
        if (failed > 0) {
            fail(label + ": " + failed + " of " + checked + " gradient elements differ from finite differences by"
                    + " more than " + ABS_TOLERANCE + " + " + REL_TOLERANCE + " * max(|num|, |ana|):\n  "
                    + String.join("\n  ", failures));
        }
    }

    /** Whether an analytic derivative agrees with a numerical one within the tolerance. */
    public static boolean accepts(double numerical, double analytic) {
        double scale = Math.max(Math.abs(numerical), Math.abs(analytic));
        return Math.abs(numerical - analytic) <= ABS_TOLERANCE + REL_TOLERANCE * scale;
    }

    /** d sum(op() * r) / d data[i] by central differences; leaves data[i] as it found it. */
    @SuppressWarnings("try") // the NoGrad scope is used only for its effect
    public static double numericalDerivative(Supplier<Tensor> op, float[] r, float[] data, int i) {
        float original = data[i];
        float plus = original + STEP;
        float minus = original - STEP;
        try (NoGrad scope = NoGrad.enter()) {
            data[i] = plus;
            double lossPlus = TestOps.weightedSumDouble(op.get(), r);
            data[i] = minus;
            double lossMinus = TestOps.weightedSumDouble(op.get(), r);
            return (lossPlus - lossMinus) / ((double) plus - minus);
        } finally {
            data[i] = original;
        }
    }

    private static int[] elementsToCheck(int size, SplittableRandom random) {
        if (size <= CHECK_ALL_UP_TO) {
            int[] all = new int[size];
            for (int i = 0; i < size; i++) {
                all[i] = i;
            }
            return all;
        }
        // A partial Fisher-Yates shuffle: SAMPLE_SIZE distinct indices, always including both ends.
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        int[] picked = new int[SAMPLE_SIZE];
        picked[0] = 0;
        picked[1] = size - 1;
        for (int s = 2, p = 1; s < SAMPLE_SIZE; s++, p++) {
            int j = p + random.nextInt(size - 1 - p); // an interior index not yet picked
            int tmp = order[p];
            order[p] = order[j];
            order[j] = tmp;
            picked[s] = order[p];
        }
        return picked;
    }
}

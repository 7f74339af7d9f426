package dev.fovea.optim;

import dev.fovea.tensor.Tensor;
import java.util.List;

/**
 * A three-element parameter driven through three optimizer steps with fixed gradients, and the
 * same steps replayed in double precision by the optimizer tests' reference formulas.
 *
 * <p>The gradients change sign and size between steps so that momentum, moment estimates and
 * running averages all matter; the middle element is small (a few thousandths) so that an epsilon
 * of the same order visibly changes its update.
 */
final class OptimizerSteps {
    static final float[] START = {0.5f, -1.0f, 2.0f};
    static final float[][] GRADIENTS = {
        {0.1f, -0.002f, 0.3f},
        {0.4f, 0.004f, -0.6f},
        {-0.3f, 0.001f, 0.2f},
    };
    /**
     * Float32 weights of order 1 after three updates carry a few ulp (~1e-7 each) of rounding;
     * 2e-6 is ten times that and still far below any formula mistake, which moves weights by at
     * least ~1e-4 with the learning rates used.
     */
    static final double TOLERANCE = 2e-6;

    private OptimizerSteps() {}

    /** The weights after applying {@link #GRADIENTS} in turn, starting from {@link #START}. */
    static float[] run(Optimizer optimizer) {
        Tensor p = Tensor.parameter(START.clone(), START.length);
        for (float[] g : GRADIENTS) {
            setGradient(p, g);
            optimizer.step(List.of(p));
        }
        return p.data();
    }

    static void setGradient(Tensor p, float[] g) {
        System.arraycopy(g, 0, p.gradForUpdate(), 0, g.length);
    }

    static double[] start() {
        double[] w = new double[START.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = START[i];
        }
        return w;
    }

    /** The reference's gradient at {@code step}: the loss's gradient plus L2 weight decay. */
    static double gradient(int step, int i, double[] w, double weightDecay) {
        return GRADIENTS[step][i] + weightDecay * w[i];
    }

    static float[] toFloats(double[] w) {
        float[] f = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            f[i] = (float) w[i];
        }
        return f;
    }
}

package dev.fovea.optim;

/**
 * Stochastic gradient descent with optional momentum (PyTorch's form: v = μ v + g, w -= lr v, with
 * v = g on the first step) and Nesterov momentum (w -= lr (g + μ v)).
 */
public final class Sgd extends Optimizer {
    private final float momentum;
    private final boolean nesterov;

    public Sgd(LearningRateSchedule schedule, float momentum, boolean nesterov, float weightDecay) {
        super(schedule, weightDecay);
        if (!(momentum >= 0 && momentum < 1)) { // also rejects NaN
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        if (nesterov && momentum == 0) {
            throw new IllegalArgumentException("Nesterov momentum needs momentum > 0");
        }
        this.momentum = momentum;
        this.nesterov = nesterov;
    }

    public Sgd(double learningRate) {
        this(LearningRateSchedule.constant(learningRate), 0f, false, 0f);
    }

    public Sgd(double learningRate, float momentum) {
        this(LearningRateSchedule.constant(learningRate), momentum, false, 0f);
    }

    @Override
    protected float[][] newState(int size) {
        // Plain SGD keeps no state array at all (a null one would break snapshots).
        return momentum == 0 ? new float[0][] : new float[][] {new float[size]};
    }

    @Override
    protected void update(float[] w, float[] grad, float[][] state, float lr, long step) {
        if (momentum == 0) {
            for (int i = 0; i < w.length; i++) {
                w[i] -= lr * grad[i];
            }
            return;
        }
        float[] v = state[0];
        for (int i = 0; i < w.length; i++) {
            v[i] = step == 1 ? grad[i] : momentum * v[i] + grad[i];
            w[i] -= lr * (nesterov ? grad[i] + momentum * v[i] : v[i]);
        }
    }
}

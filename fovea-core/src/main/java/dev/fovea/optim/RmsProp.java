package dev.fovea.optim;

/**
 * RMSprop (Tieleman and Hinton 2012): a running mean of squared gradients s = ρ s + (1 - ρ) g²
 * scales each step, w -= lr g / (sqrt(s) + eps); with momentum μ, b = μ b + g / (sqrt(s) + eps)
 * and w -= lr b. Defaults ρ = 0.9, eps = 1e-7 as in Keras.
 */
public final class RmsProp extends Optimizer {
    private final float rho;
    private final float momentum;
    private final float epsilon;

    public RmsProp(LearningRateSchedule schedule, float rho, float momentum, float epsilon, float weightDecay) {
        super(schedule, weightDecay);
        if (!(rho >= 0 && rho < 1 && momentum >= 0 && momentum < 1 && epsilon > 0)) { // also rejects NaN
            throw new IllegalArgumentException("RMSprop needs rho, momentum in [0, 1) and epsilon > 0, got "
                    + rho + ", " + momentum + ", " + epsilon);
        }
        this.rho = rho;
        this.momentum = momentum;
        this.epsilon = epsilon;
    }

    public RmsProp(double learningRate) {
        this(LearningRateSchedule.constant(learningRate), 0.9f, 0f, 1e-7f, 0f);
    }

    @Override
    protected float[][] newState(int size) {
        return new float[][] {new float[size], momentum == 0 ? null : new float[size]};
    }

    @Override
    protected void update(float[] w, float[] grad, float[][] state, float lr, long step) {
        float[] s = state[0];
        float[] b = state[1];
        for (int i = 0; i < w.length; i++) {
            float g = grad[i];
            s[i] = rho * s[i] + (1 - rho) * g * g;
            float scaled = g / ((float) Math.sqrt(s[i]) + epsilon);
            if (b == null) {
                w[i] -= lr * scaled;
            } else {
                b[i] = momentum * b[i] + scaled;
                w[i] -= lr * b[i];
            }
        }
    }
}

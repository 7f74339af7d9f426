package dev.fovea.optim;

/**
 * Adam (Kingma and Ba 2015, Algorithm 1): bias-corrected first and second moments,
 * w -= lr m̂ / (sqrt(v̂) + eps). eps defaults to 1e-7 as in Keras; PyTorch's default is 1e-8.
 */
public final class Adam extends Optimizer {
    public static final float DEFAULT_EPSILON = 1e-7f;

    private final float beta1;
    private final float beta2;
    private final float epsilon;

    public Adam(LearningRateSchedule schedule, float beta1, float beta2, float epsilon, float weightDecay) {
        super(schedule, weightDecay);
        if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1 && epsilon > 0)) { // also rejects NaN
            throw new IllegalArgumentException("Adam needs beta1, beta2 in [0, 1) and epsilon > 0, got "
                    + beta1 + ", " + beta2 + ", " + epsilon);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    public Adam(double learningRate) {
        this(LearningRateSchedule.constant(learningRate), 0.9f, 0.999f, DEFAULT_EPSILON, 0f);
    }

    @Override
    protected float[][] newState(int size) {
        return new float[][] {new float[size], new float[size]};
    }

    @Override
    protected void update(float[] w, float[] grad, float[][] state, float lr, long step) {
        float[] m = state[0];
        float[] v = state[1];
        float correction1 = (float) (1 - Math.pow(beta1, step));
        float correction2 = (float) (1 - Math.pow(beta2, step));
        for (int i = 0; i < w.length; i++) {
            float g = grad[i];
            m[i] = beta1 * m[i] + (1 - beta1) * g;
            v[i] = beta2 * v[i] + (1 - beta2) * g * g;
            float mHat = m[i] / correction1;
            float vHat = v[i] / correction2;
            w[i] -= lr * mHat / ((float) Math.sqrt(vHat) + epsilon);
        }
    }
}

package dev.fovea.optim;

import dev.fovea.tensor.Tensor;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Updates parameters from their gradients. Per-parameter state (momentum, moments, and the number
 * of updates that parameter has had, which bias corrections count) is created on first use, so a
 * layer unfrozen later starts its own count as in PyTorch. The learning rate comes from a
 * {@link LearningRateSchedule} evaluated at the optimizer's step count.
 */
public abstract class Optimizer {
    private final LearningRateSchedule schedule;
    private final float weightDecay;
    private final Map<Tensor, ParameterState> state = new IdentityHashMap<>();
    private long steps;

    protected Optimizer(LearningRateSchedule schedule, float weightDecay) {
        if (!(weightDecay >= 0)) { // also rejects NaN
            throw new IllegalArgumentException("weight decay must be >= 0, got " + weightDecay);
        }
        this.schedule = schedule;
        this.weightDecay = weightDecay;
    }

    /** Applies one update to every parameter that has a gradient, then counts the step. */
    public final void step(List<Tensor> parameters) {
        float lr = (float) schedule.rate(steps);
        steps++;
        for (Tensor p : parameters) {
            float[] grad = p.grad();
            if (grad == null) {
                continue;
            }
            float[] w = p.data();
            if (weightDecay != 0) {
                // L2 regularisation: the gradient of (wd / 2) |w|^2 added to the loss's gradient.
                for (int i = 0; i < w.length; i++) {
                    grad[i] += weightDecay * w[i];
                }
            }
            ParameterState s = state.computeIfAbsent(p, t -> new ParameterState(newState(t.size())));
            s.updates++;
            update(w, grad, s.buffers, lr, s.updates);
        }
    }

    /** Number of updates applied so far. */
    public final long steps() { return steps; }

    /** The learning rate the next step will use. */
    public final double currentLearningRate() { return schedule.rate(steps); }

    /** Fresh per-parameter state arrays (zeros) for a parameter of {@code size} values. */
    protected abstract float[][] newState(int size);

    /** Updates {@code w} in place from {@code grad}; {@code step} counts this parameter's updates from 1. */
    protected abstract void update(float[] w, float[] grad, float[][] state, float lr, long step);

    private static final class ParameterState {
        final float[][] buffers;
        long updates;

        ParameterState(float[][] buffers) {
            this.buffers = buffers;
        }
    }
}

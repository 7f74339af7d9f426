package dev.fovea.optim;

import dev.fovea.tensor.Tensor;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
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

    /**
     * A copy of the state: the step count and, for each parameter updated so far, its update count
     * and state arrays (empty where the settings need none), under the names {@code named} gives the parameters. What a checkpoint keeps.
     */
    public final Snapshot snapshot(Map<String, Tensor> named) {
        Map<String, ParameterSnapshot> parameters = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> p : named.entrySet()) {
            ParameterState s = state.get(p.getValue());
            if (s != null) {
                float[][] buffers = new float[s.buffers.length][];
                for (int b = 0; b < buffers.length; b++) {
                    // A state array the settings make unnecessary (SGD without momentum) is empty.
                    buffers[b] = s.buffers[b] == null ? new float[0] : s.buffers[b].clone();
                }
                parameters.put(p.getKey(), new ParameterSnapshot(s.updates, buffers));
            }
        }
        return new Snapshot(getClass().getSimpleName(), steps, parameters);
    }

    /**
     * Replaces the state with {@code snapshot}'s, matching parameters by name; the snapshot must be of
     * the same kind of optimizer, and every state array of the size its parameter needs.
     */
    public final void restore(Snapshot snapshot, Map<String, Tensor> named) {
        if (!snapshot.optimizer().equals(getClass().getSimpleName())) {
            throw new IllegalArgumentException("the state is " + snapshot.optimizer() + "'s, this optimizer is "
                    + getClass().getSimpleName());
        }
        Map<Tensor, ParameterState> restored = new IdentityHashMap<>();
        for (Map.Entry<String, ParameterSnapshot> p : snapshot.parameters().entrySet()) {
            Tensor parameter = named.get(p.getKey());
            if (parameter == null) {
                throw new IllegalArgumentException("the state has parameter '" + p.getKey() + "', the model has none");
            }
            float[][] buffers = p.getValue().buffers();
            float[][] copies = newState(parameter.size());
            if (buffers.length != copies.length) {
                throw new IllegalArgumentException("parameter '" + p.getKey() + "' has " + buffers.length
                        + " state arrays, " + getClass().getSimpleName() + " keeps " + copies.length);
            }
            for (int b = 0; b < buffers.length; b++) {
                int expected = copies[b] == null ? 0 : parameter.size();
                if (buffers[b].length != expected) {
                    throw new IllegalArgumentException("state array " + b + " of parameter '" + p.getKey() + "' has "
                            + buffers[b].length + " values, " + getClass().getSimpleName() + " with these settings "
                            + "keeps " + expected);
                }
                if (copies[b] != null) {
                    System.arraycopy(buffers[b], 0, copies[b], 0, expected);
                }
            }
            ParameterState s = new ParameterState(copies);
            s.updates = p.getValue().updates();
            restored.put(parameter, s);
        }
        state.clear();
        state.putAll(restored);
        steps = snapshot.steps();
    }

    /** The optimizer's state at one moment; see {@link #snapshot}. */
    public record Snapshot(String optimizer, long steps, Map<String, ParameterSnapshot> parameters) {
        public Snapshot {
            parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        }
    }

    /** One parameter's update count and state arrays (e.g. Adam's first and second moments). */
    public record ParameterSnapshot(long updates, float[][] buffers) {}

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

package dev.fovea.nn;

import dev.fovea.kernel.BatchNormKernels;
import dev.fovea.ops.BatchNormOps;
import dev.fovea.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Batch normalisation over the last axis, as Keras's {@code BatchNormalization}: each channel of
 * an NHWC image (normalised over the batch, height and width) or each feature of a Dense output
 * (over the batch) becomes gamma * (x - mean) / sqrt(variance + epsilon) + beta.
 *
 * <p>In training, mean and variance are the batch's, and the layer folds them into its moving
 * statistics: moving = momentum * moving + (1 - momentum) * batch. Like Keras (and unlike
 * PyTorch, whose running variance takes the unbiased batch variance and whose momentum is the
 * weight of the batch, 0.1 for Keras's 0.99), the moving variance averages the same biased
 * variance the batch was normalised with. In inference the moving statistics normalise. A frozen
 * layer ({@code trainable(false)}) normalises as in inference even while the model trains, as
 * in Keras 2 and later, so fine-tuning leaves its statistics alone.
 *
 * <p>Parameters, each [C]: "gamma" (when {@code scale}), "beta" (when {@code center}),
 * "moving_mean" and "moving_variance". The moving statistics are saved with the model but are
 * not trainable: no optimizer updates them, and {@code summary()} counts them as non-trainable.
 */
public final class BatchNormalization extends Layer {
    /** Keras's default momentum of the moving statistics. */
    public static final double DEFAULT_MOMENTUM = 0.99;
    /** Keras's default epsilon. */
    public static final double DEFAULT_EPSILON = 1e-3;
    private static final Set<String> MOVING_STATISTICS = Set.of("moving_mean", "moving_variance");

    private final double momentum;
    private final double epsilon;
    private final boolean center;
    private final boolean scale;

    /**
     * @param momentum weight of the old moving statistics in each update, from 0 to 1
     * @param epsilon  added to the variance before its square root; positive
     * @param center   whether to add the learned offset beta
     * @param scale    whether to multiply by the learned scale gamma
     */
    public BatchNormalization(double momentum, double epsilon, boolean center, boolean scale) {
        if (!(momentum >= 0 && momentum <= 1)) { // also rejects NaN
            throw new IllegalArgumentException("BatchNormalization momentum must be in [0, 1], got " + momentum);
        }
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("BatchNormalization epsilon must be positive and finite, got " + epsilon);
        }
        this.momentum = momentum;
        this.epsilon = epsilon;
        this.center = center;
        this.scale = scale;
    }

    /** Momentum 0.99, epsilon 1e-3, with beta and gamma: Keras's defaults. */
    public BatchNormalization() {
        this(DEFAULT_MOMENTUM, DEFAULT_EPSILON, true, true);
    }

    @Override public String typeName() { return "BatchNormalization"; }
    @Override public String baseName() { return "batch_normalization"; }

    public double momentum() { return momentum; }
    public double epsilon() { return epsilon; }
    public boolean center() { return center; }
    public boolean scale() { return scale; }

    @Override
    protected int[] outputShape(int[] in) {
        return in;
    }

    @Override
    protected Map<String, int[]> parameterShapes(int[] in) {
        int[] perChannel = {in[in.length - 1]};
        Map<String, int[]> shapes = new LinkedHashMap<>();
        if (scale) {
            shapes.put("gamma", perChannel);
        }
        if (center) {
            shapes.put("beta", perChannel);
        }
        shapes.put("moving_mean", perChannel);
        shapes.put("moving_variance", perChannel);
        return shapes;
    }

    @Override
    protected Set<String> nonTrainableParameterNames() {
        return MOVING_STATISTICS;
    }

    /** gamma 1, beta 0, moving mean 0, moving variance 1: the identity until training moves them. */
    @Override
    public void initialize(SplittableRandom random) {
        Map<String, Tensor> p = parameters();
        if (scale) {
            Arrays.fill(p.get("gamma").data(), 1f);
        }
        if (center) {
            Arrays.fill(p.get("beta").data(), 0f);
        }
        Arrays.fill(p.get("moving_mean").data(), 0f);
        Arrays.fill(p.get("moving_variance").data(), 1f);
    }

    @Override
    public Tensor forward(Tensor x, ForwardContext context) {
        Map<String, Tensor> p = parameters();
        Tensor gamma = p.get("gamma");
        Tensor beta = p.get("beta");
        float[] movingMean = p.get("moving_mean").data();
        float[] movingVariance = p.get("moving_variance").data();
        if (context.training() && trainable()) {
            BatchNormOps.TrainingOutput out = BatchNormOps.batchNormTraining(x, gamma, beta, epsilon, workspace());
            BatchNormKernels.updateMoving(movingMean, out.mean(), momentum);
            BatchNormKernels.updateMoving(movingVariance, out.variance(), momentum);
            return out.y();
        }
        return BatchNormOps.batchNormInference(x, gamma, beta, movingMean, movingVariance, epsilon, workspace());
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("momentum", momentum);
        c.put("epsilon", epsilon);
        c.put("center", center);
        c.put("scale", scale);
        return c;
    }
}

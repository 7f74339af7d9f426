package dev.fovea.testing;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The kinds of golden file and which files belong to each, so that every golden test class draws
 * its cases from the files present and {@code GoldenFileTest} can check that none is left untested.
 */
public enum GoldenFamily {
    CONV2D(n -> n.startsWith("conv2d_")),
    MAX_POOL(n -> n.startsWith("max_pool_")),
    AVG_POOL(n -> n.startsWith("avg_pool_")),
    GLOBAL_AVG_POOL(n -> n.equals("global_avg_pool")),
    DENSE(n -> n.equals("dense")),
    ACTIVATION(n -> Set.of("relu", "leaky_relu", "sigmoid", "tanh", "softmax").contains(n)),
    ADD(n -> n.startsWith("add_")),
    CONCATENATE(n -> n.startsWith("concatenate_")),
    SOFTMAX_CROSS_ENTROPY(n -> n.startsWith("softmax_cross_entropy_")),
    BINARY_CROSS_ENTROPY(n -> n.equals("binary_cross_entropy_logits")),
    MEAN_SQUARED_ERROR(n -> n.equals("mse")),
    BATCH_NORM(n -> n.startsWith("batch_norm_")),
    /** Whole training runs; tested with the optimizers, not by the op golden tests. */
    TRAJECTORY(n -> n.startsWith("trajectory_"));

    private final Predicate<String> matcher;

    GoldenFamily(Predicate<String> matcher) {
        this.matcher = matcher;
    }

    public boolean contains(String fileName) {
        return matcher.test(fileName);
    }

    /** The golden files of this family on the classpath, sorted by name. */
    public List<String> names() {
        return GoldenFile.names().stream().filter(this::contains).collect(Collectors.toList());
    }
}

package dev.fovea.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fovea.kernel.BatchNormKernels;
import dev.fovea.tensor.Tensor;
import dev.fovea.testing.Approx;
import dev.fovea.testing.GoldenFamily;
import dev.fovea.testing.GoldenFile;
import dev.fovea.testing.GoldenOpCheck;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Batch normalisation against PyTorch, for every batch_norm_* golden file: the output and the
 * gradients of x, gamma and beta in training and inference mode, and in training the moving
 * statistics after the step (Keras's rule, which the file's generator checks against torch's own).
 */
class BatchNormOpsGoldenTest {
    // The reference is float64 from the same float32 inputs; Fovea normalises in float32 with
    // statistics summed in double. The largest error seen is 3.8e-6, in dx of the constant feature
    // (where 1 / sqrt(epsilon) makes the values ~30); everywhere else it is below 5e-7. So 1e-5
    // absolute + 1e-4 relative leaves a margin of 20x, while leaving out dx's terms from the batch
    // statistics misses by 0.04 or more in every training file, normalising with the unbiased
    // variance by 0.009 or more, and a moving variance of the unbiased variance by 1e-3 or more in
    // all but one file.
    private static final double ABS = 1e-5;
    private static final double REL = 1e-4;

    static List<String> batchNormFiles() {
        return GoldenFamily.BATCH_NORM.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("batchNormFiles")
    void batchNormMatchesPyTorch(String file) {
        GoldenFile g = GoldenFile.load(file);
        boolean training = g.intParam("training") == 1;
        boolean scale = g.intParam("scale") == 1;
        boolean center = g.intParam("center") == 1;
        assertEquals(scale, g.hasTensor("gamma"), "gamma present exactly when scale");
        assertEquals(center, g.hasTensor("beta"), "beta present exactly when center");
        double epsilon = Double.parseDouble(g.param("epsilon"));
        float[] movingMean = g.tensor("moving_mean");
        float[] movingVariance = g.tensor("moving_variance");
        List<String> inputs = new ArrayList<>(List.of("x"));
        if (scale) {
            inputs.add("gamma");
        }
        if (center) {
            inputs.add("beta");
        }
        GoldenOpCheck.assertMatches(g, ABS, REL, in -> {
            Tensor gamma = scale ? in[1] : null;
            Tensor beta = center ? in[inputs.size() - 1] : null;
            if (!training) {
                return BatchNormOps.batchNormInference(in[0], gamma, beta, movingMean, movingVariance, epsilon);
            }
            BatchNormOps.TrainingOutput out = BatchNormOps.batchNormTraining(in[0], gamma, beta, epsilon);
            double momentum = Double.parseDouble(g.param("momentum"));
            BatchNormKernels.updateMoving(movingMean, out.mean(), momentum);
            BatchNormKernels.updateMoving(movingVariance, out.variance(), momentum);
            return out.y();
        }, inputs.toArray(String[]::new));
        if (training) {
            Approx.assertClose(file + " new_moving_mean", g.tensor("new_moving_mean"), movingMean, ABS, REL);
            Approx.assertClose(file + " new_moving_variance", g.tensor("new_moving_variance"), movingVariance, ABS, REL);
        }
    }
}

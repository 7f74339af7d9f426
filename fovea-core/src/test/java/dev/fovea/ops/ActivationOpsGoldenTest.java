package dev.fovea.ops;

import dev.fovea.tensor.Tensor;
import dev.fovea.testing.GoldenFamily;
import dev.fovea.testing.GoldenFile;
import dev.fovea.testing.GoldenOpCheck;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** ReLU, leaky ReLU, sigmoid, tanh and softmax against PyTorch. */
class ActivationOpsGoldenTest {
    // Element-wise float32 results of a few roundings each (exp/tanh are computed in double and
    // rounded once), against float64: relative error ~1e-7; softmax adds a 7-term sum. 1e-6 absolute
    // + 1e-5 relative is ~10x that, while a wrong slope or formula misses by >= 1e-2.
    private static final double ABS = 1e-6;
    private static final double REL = 1e-5;

    static List<String> activationFiles() {
        return GoldenFamily.ACTIVATION.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("activationFiles")
    void activationMatchesPyTorch(String file) {
        GoldenFile g = GoldenFile.load(file);
        GoldenOpCheck.assertMatches(g, ABS, REL, in -> activation(g, in[0]), "x");
    }

    private static Tensor activation(GoldenFile g, Tensor x) {
        return switch (g.name()) {
            case "relu" -> ActivationOps.relu(x);
            case "leaky_relu" -> ActivationOps.leakyRelu(x, g.floatParam("alpha"));
            case "sigmoid" -> ActivationOps.sigmoid(x);
            case "tanh" -> ActivationOps.tanh(x);
            case "softmax" -> ActivationOps.softmax(x);
            default -> throw new AssertionError("no activation for golden file " + g.name());
        };
    }
}

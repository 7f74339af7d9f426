package dev.fovea.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fovea.tensor.Tensor;
import dev.fovea.testing.Approx;
import dev.fovea.testing.GoldenFamily;
import dev.fovea.testing.GoldenFile;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Softmax cross-entropy, binary cross-entropy with logits and MSE against PyTorch. */
class LossOpsGoldenTest {
    // The losses are accumulated in double and rounded to float32 once (relative 6e-8); gradients
    // are a few float32 operations per element. 1e-6 absolute + 1e-5 relative is >10x that, while
    // a wrong smoothing target, mean divisor or sign misses by >= 1e-3.
    private static final double ABS = 1e-6;
    private static final double REL = 1e-5;

    static List<String> softmaxCrossEntropyFiles() {
        return GoldenFamily.SOFTMAX_CROSS_ENTROPY.names();
    }

    static List<String> binaryCrossEntropyFiles() {
        return GoldenFamily.BINARY_CROSS_ENTROPY.names();
    }

    static List<String> meanSquaredErrorFiles() {
        return GoldenFamily.MEAN_SQUARED_ERROR.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("softmaxCrossEntropyFiles")
    void softmaxCrossEntropyMatchesPyTorch(String file) {
        GoldenFile g = GoldenFile.load(file);
        int[] labels = g.intTensor("labels");
        assertLossMatches(g, "logits",
                logits -> LossOps.softmaxCrossEntropy(logits, labels, g.floatParam("smoothing")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("binaryCrossEntropyFiles")
    void binaryCrossEntropyWithLogitsMatchesPyTorch(String file) {
        GoldenFile g = GoldenFile.load(file);
        assertLossMatches(g, "logits", logits -> LossOps.binaryCrossEntropyWithLogits(logits, g.tensor("targets")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("meanSquaredErrorFiles")
    void meanSquaredErrorMatchesPyTorch(String file) {
        GoldenFile g = GoldenFile.load(file);
        assertLossMatches(g, "pred", pred -> LossOps.meanSquaredError(pred, g.tensor("targets")));
    }

    /** Compares the loss and d loss / d input (named "d" + input) with the file. */
    private static void assertLossMatches(GoldenFile g, String input, Function<Tensor, Tensor> loss) {
        Tensor x = g.parameter(input);
        Tensor l = loss.apply(x);
        assertEquals(0, l.rank(), "a loss is a scalar");
        Approx.assertClose(g.name() + " loss", g.tensor("loss"), new float[] {l.item()}, ABS, REL);
        l.backward();
        String gradName = "d" + input;
        assertArrayEquals(g.shape(gradName), x.shape());
        Approx.assertClose(g.name() + " " + gradName, g.shape(gradName), g.tensor(gradName), x.grad(), ABS, REL);
    }
}

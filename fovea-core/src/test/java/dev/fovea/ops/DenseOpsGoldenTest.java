package dev.fovea.ops;

import dev.fovea.testing.GoldenFamily;
import dev.fovea.testing.GoldenFile;
import dev.fovea.testing.GoldenOpCheck;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** dense forward and gradients against PyTorch. */
class DenseOpsGoldenTest {
    // Sums of 3 to 5 float32 products of values <= 1 against a float64 reference: error ~1e-7.
    private static final double ABS = 1e-6;
    private static final double REL = 1e-5;

    static List<String> denseFiles() {
        return GoldenFamily.DENSE.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("denseFiles")
    void denseMatchesPyTorch(String file) {
        GoldenOpCheck.assertMatches(GoldenFile.load(file), ABS, REL, in -> DenseOps.dense(in[0], in[1], in[2]),
                "x", "w", "b");
    }
}

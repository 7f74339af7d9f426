package dev.fovea.ops;

import dev.fovea.testing.GoldenFamily;
import dev.fovea.testing.GoldenFile;
import dev.fovea.testing.GoldenOpCheck;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Max, average and global average pooling against PyTorch, for every pooling golden file. */
class PoolOpsGoldenTest {
    // Max pooling copies values, so only the parse of the reference (%.9g) separates them; averages
    // sum at most 3*3 = 9 (avg) or 15 (global) values of |x| <= 1 in float32, an error ~1e-7.
    // 1e-6 absolute + 1e-5 relative is 10x that and far below any wrong cell or divisor (>= 1e-2).
    private static final double ABS = 1e-6;
    private static final double REL = 1e-5;

    static List<String> maxPoolFiles() {
        return GoldenFamily.MAX_POOL.names();
    }

    static List<String> avgPoolFiles() {
        return GoldenFamily.AVG_POOL.names();
    }

    static List<String> globalAvgPoolFiles() {
        return GoldenFamily.GLOBAL_AVG_POOL.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("maxPoolFiles")
    void maxPoolMatchesPyTorch(String file) {
        GoldenFile g = GoldenFile.load(file);
        GoldenOpCheck.assertMatches(g, ABS, REL,
                in -> PoolOps.maxPool2d(in[0], g.intParam("pool"), g.intParam("stride"), g.padding()), "x");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("avgPoolFiles")
    void avgPoolMatchesPyTorch(String file) {
        GoldenFile g = GoldenFile.load(file);
        GoldenOpCheck.assertMatches(g, ABS, REL,
                in -> PoolOps.avgPool2d(in[0], g.intParam("pool"), g.intParam("stride"), g.padding()), "x");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("globalAvgPoolFiles")
    void globalAvgPoolMatchesPyTorch(String file) {
        GoldenOpCheck.assertMatches(GoldenFile.load(file), ABS, REL, in -> PoolOps.globalAvgPool2d(in[0]), "x");
    }
}

package dev.fovea.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fovea.testing.GoldenFamily;
import dev.fovea.testing.GoldenFile;
import dev.fovea.testing.GoldenOpCheck;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** conv2d forward and gradients against PyTorch, for every conv2d_* golden file. */
class ConvOpsGoldenTest {
    // The reference is float64 from the same float32 inputs; Fovea sums up to 5*5*3 = 75 products
    // (|x| <= 1, |w| <= 0.5) for y and up to 2*7*6 = 84 terms for dw and db in float32. The largest
    // error seen is 3e-6 (db, values of a few units), so 1e-5 absolute + 1e-4 relative leaves a
    // margin of 3x or more, while a wrong index, padding offset or stride misses by ~0.1.
    private static final double ABS = 1e-5;
    private static final double REL = 1e-4;

    static List<String> conv2dFiles() {
        return GoldenFamily.CONV2D.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conv2dFiles")
    void conv2dMatchesPyTorch(String file) {
        GoldenFile g = GoldenFile.load(file);
        int[] kernelShape = g.shape("w");
        assertEquals(g.intParam("kernel_h"), kernelShape[0], "kernel_h vs shape of w");
        assertEquals(g.intParam("kernel_w"), kernelShape[1], "kernel_w vs shape of w");
        int stride = g.intParam("stride");
        GoldenOpCheck.assertMatches(g, ABS, REL,
                in -> ConvOps.conv2d(in[0], in[1], in[2], stride, stride, g.padding()), "x", "w", "b");
    }
}

package dev.fovea.ops;

import dev.fovea.tensor.Tensor;
import dev.fovea.testing.GradientCheck;
import dev.fovea.testing.RandomData;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** dense gradients (input, kernel, bias) against finite differences. */
class DenseOpsGradientTest {
    /**
     * (batch, in, out) with and without bias; the last shape (2M flops) is big enough for Gemm to
     * split the work across threads, so the multi-threaded path is differentiated too.
     */
    static Stream<Arguments> cases() {
        int[][] shapes = {{1, 1, 1}, {1, 5, 3}, {3, 5, 4}, {4, 17, 9}, {8, 400, 320}};
        Stream.Builder<Arguments> cases = Stream.builder();
        for (int[] s : shapes) {
            for (boolean bias : new boolean[] {true, false}) {
                cases.add(Arguments.of(s[0], s[1], s[2], bias));
            }
        }
        return cases.build();
    }

    @ParameterizedTest(name = "batch {0} in {1} out {2} bias {3}")
    @MethodSource("cases")
    void denseGradientsMatchFiniteDifferences(int batch, int in, int out, boolean bias) {
        String label = "dense " + batch + "x" + in + "->" + out + (bias ? " bias" : "");
        SplittableRandom random = new SplittableRandom(label.hashCode());
        Tensor x = Tensor.parameter(RandomData.uniform(random, batch * in, -1, 1), batch, in);
        Tensor w = Tensor.parameter(RandomData.uniform(random, in * out, -0.5, 0.5), in, out);
        Tensor b = bias ? Tensor.parameter(RandomData.uniform(random, out, -0.5, 0.5), out) : null;
        Tensor[] inputs = bias ? new Tensor[] {x, w, b} : new Tensor[] {x, w};
        GradientCheck.assertGradients(label, () -> DenseOps.dense(x, w, b), inputs);
    }
}

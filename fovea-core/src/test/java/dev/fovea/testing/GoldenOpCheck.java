package dev.fovea.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.fovea.tensor.Tensor;
import java.util.function.Function;

/**
 * Runs an op on the inputs of an operator golden file and compares its output {@code y} and the
 * gradients of sum(y * gy) ({@code dNAME} for each input NAME) with the stored PyTorch values.
 */
public final class GoldenOpCheck {
    private GoldenOpCheck() {}

    /**
     * @param op        builds y from the inputs, given as parameters in the order of {@code inputNames}
     * @param inputNames names of the op's differentiable inputs in the file, e.g. "x", "w", "b"
     */
    public static void assertMatches(GoldenFile g, double abs, double rel, Function<Tensor[], Tensor> op,
                                     String... inputNames) {
        Tensor[] inputs = new Tensor[inputNames.length];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = g.parameter(inputNames[i]);
        }
        Tensor y = op.apply(inputs);
        assertArrayEquals(g.shape("y"), y.shape(), g.name() + ": shape of y");
        Approx.assertClose(g.name() + " y", g.shape("y"), g.tensor("y"), y.data(), abs, rel);

        TestOps.weightedSum(y, g.tensor("gy")).backward();
        for (int i = 0; i < inputs.length; i++) {
            String gradName = "d" + inputNames[i];
            assertNotNull(inputs[i].grad(), g.name() + ": no gradient reached " + inputNames[i]);
            Approx.assertClose(g.name() + " " + gradName, g.shape(gradName), g.tensor(gradName), inputs[i].grad(),
                    abs, rel);
        }
    }
}

package dev.fovea.ops;

import dev.fovea.testing.GoldenFamily;
import dev.fovea.testing.GoldenFile;
import dev.fovea.testing.GoldenOpCheck;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** add and concatenate forward and gradients against PyTorch. */
class MergeOpsGoldenTest {
    // Concatenation copies values exactly; a sum of 3 float32 values against float64 errs by ~1e-7.
    private static final double ABS = 1e-6;
    private static final double REL = 1e-6;

    static List<String> addFiles() {
        return GoldenFamily.ADD.names();
    }

    static List<String> concatenateFiles() {
        return GoldenFamily.CONCATENATE.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("addFiles")
    void addMatchesPyTorch(String file) {
        GoldenFile g = GoldenFile.load(file);
        GoldenOpCheck.assertMatches(g, ABS, REL, in -> MergeOps.add(List.of(in)), inputNames(g));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("concatenateFiles")
    void concatenateMatchesPyTorch(String file) {
        GoldenFile g = GoldenFile.load(file);
        GoldenOpCheck.assertMatches(g, ABS, REL, in -> MergeOps.concatenate(List.of(in)), inputNames(g));
    }

    /** x0, x1, ... as far as the file has them. */
    private static String[] inputNames(GoldenFile g) {
        String[] names = Stream.iterate(0, i -> g.hasTensor("x" + i), i -> i + 1).map(i -> "x" + i).toArray(String[]::new);
        if (names.length < 2) {
            throw new AssertionError(g.name() + " has fewer than two inputs");
        }
        return names;
    }
}

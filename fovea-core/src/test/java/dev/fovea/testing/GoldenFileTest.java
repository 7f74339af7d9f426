package dev.fovea.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.kernel.Padding;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The golden-file reader, and that every golden file present is claimed by a test family. */
class GoldenFileTest {
    private static final String SAMPLE = String.join("\n",
            "# a comment",
            "",
            "param padding explicit",
            "param pad_top 1",
            "param pad_bottom 0",
            "param pad_left 2",
            "param pad_right 1",
            "param alpha 0.2",
            "tensor x 2,3 1 -2 3.5 4e-3 5 6",
            "tensor labels 3 4 0 2",
            "tensor loss 1 1.25",
            "  # an indented comment");

    @Test
    void readsParamsTensorsAndShapes() {
        GoldenFile g = GoldenFile.parse("sample", SAMPLE);
        assertEquals("explicit", g.param("padding"));
        assertEquals(2, g.intParam("pad_left"));
        assertEquals(0.2f, g.floatParam("alpha"));
        assertArrayEquals(new int[] {2, 3}, g.shape("x"));
        assertArrayEquals(new float[] {1, -2, 3.5f, 4e-3f, 5, 6}, g.tensor("x"));
        assertArrayEquals(new int[] {4, 0, 2}, g.intTensor("labels"));
        assertArrayEquals(new int[] {1}, g.shape("loss"));
        assertEquals(Padding.explicit(1, 0, 2, 1), g.padding());
        assertArrayEquals(new int[] {2, 3}, g.parameter("x").shape());
        assertTrue(g.parameter("x").requiresGrad());
    }

    @Test
    void tensorIsACopy() {
        GoldenFile g = GoldenFile.parse("sample", SAMPLE);
        g.tensor("x")[0] = 99;
        assertEquals(1f, g.tensor("x")[0]);
    }

    @Test
    void missingNamesAreReportedWithWhatExists() {
        GoldenFile g = GoldenFile.parse("sample", SAMPLE);
        IllegalArgumentException tensor = assertThrows(IllegalArgumentException.class, () -> g.tensor("y"));
        assertTrue(tensor.getMessage().contains("'y'") && tensor.getMessage().contains("x"), tensor.getMessage());
        IllegalArgumentException param = assertThrows(IllegalArgumentException.class, () -> g.param("stride"));
        assertTrue(param.getMessage().contains("'stride'") && param.getMessage().contains("padding"),
                param.getMessage());
        assertThrows(IllegalArgumentException.class, () -> g.shape("y"));
        assertThrows(IllegalArgumentException.class, () -> g.intParam("padding"), "not an integer");
        assertThrows(IllegalArgumentException.class, () -> g.intTensor("x"), "not whole numbers");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "tensor x 2,2 1 2 3",          // too few values
        "tensor x 2 1 2 3",            // too many values
        "tensor x 2,a 1 2",            // bad shape
        "tensor x 1 one",              // bad value
        "param stride",                // missing value
        "param a 1\nparam a 2",        // duplicate
        "weights x 1 2",               // unknown kind
    })
    void malformedLinesAreRejectedWithTheirLineNumber(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GoldenFile.parse("bad", text));
        assertTrue(e.getMessage().contains("line "), e.getMessage());
    }

    @Test
    void missingFileIsReported() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GoldenFile.load("no_such_case"));
        assertTrue(e.getMessage().contains("no_such_case"), e.getMessage());
    }

    @Test
    void everyGoldenFileBelongsToExactlyOneFamily() {
        List<String> names = GoldenFile.names();
        assertFalse(names.isEmpty(), "no golden files found");
        for (String name : names) {
            List<GoldenFamily> families = Arrays.stream(GoldenFamily.values())
                    .filter(f -> f.contains(name)).collect(Collectors.toList());
            assertEquals(1, families.size(), name + " belongs to " + families
                    + ": add it to exactly one GoldenFamily so that a golden test reads it");
        }
        for (GoldenFamily family : GoldenFamily.values()) {
            assertFalse(family.names().isEmpty(), family + " has no golden file");
        }
    }

    @Test
    void everyGoldenFileParses() {
        for (String name : GoldenFile.names()) {
            GoldenFile.load(name);
        }
    }
}

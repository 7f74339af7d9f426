package dev.fovea.kernel;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Output sizes and applied padding of a sliding window, for each padding kind, and invalid windows. */
class Window2dTest {
    /** A square-kernel window over a 1-image, 1-channel H x W input. */
    private static Window2d window(int h, int w, int kernel, int stride, Padding padding) {
        return Window2d.of(1, h, w, 1, kernel, kernel, stride, stride, padding);
    }

    @ParameterizedTest(name = "in {0}, kernel {1}, stride {2}, pad {3} -> {4}")
    @CsvSource({
        "7, 3, 1, 1, 7",
        "7, 3, 2, 1, 4",
        "5, 3, 2, 1, 3",
        "227, 11, 4, 0, 55",   // AlexNet's first layer
        "28, 5, 1, 2, 28",
        "32, 5, 1, 0, 28",
        "6, 4, 3, 2, 3",
        "1, 2, 1, 1, 2",
    })
    void explicitPaddingFollowsTextbookFormula(int in, int kernel, int stride, int pad, int out) {
        assertEquals(out, (in - kernel + 2 * pad) / stride + 1, "the case itself obeys (W - F + 2P) / S + 1");
        // Different H and W so that a swap of the two axes would show.
        Window2d g = window(in, in + stride, kernel, stride, Padding.explicit(pad));
        assertAll(() -> assertEquals(out, g.outH(), "outH"),
                () -> assertEquals((in + stride - kernel + 2 * pad) / stride + 1, g.outW(), "outW"),
                () -> assertEquals(pad, g.padTop(), "padTop"),
                () -> assertEquals(pad, g.padLeft(), "padLeft"));
    }

    @ParameterizedTest(name = "in {0}, kernel {1}, stride {2}, top {3}, bottom {4} -> {5}")
    @CsvSource({
        "5, 3, 2, 1, 0, 2",
        "5, 3, 2, 0, 1, 2",
        "5, 3, 2, 2, 1, 3",
        "7, 3, 1, 1, 2, 8",
        "4, 2, 3, 1, 0, 2",
    })
    void asymmetricExplicitPaddingUsesBothSides(int in, int kernel, int stride, int before, int after, int out) {
        Window2d g = Window2d.of(1, in, 9, 1, kernel, 1, stride, 1, Padding.explicit(before, after, 0, 0));
        Window2d transposed = Window2d.of(1, 9, in, 1, 1, kernel, 1, stride, Padding.explicit(0, 0, before, after));
        assertAll(() -> assertEquals(out, g.outH(), "outH"),
                () -> assertEquals(before, g.padTop(), "padTop"),
                () -> assertEquals(out, transposed.outW(), "outW"),
                () -> assertEquals(before, transposed.padLeft(), "padLeft"));
    }

    @ParameterizedTest(name = "in {0}, kernel {1}, stride {2} -> out {3}, pad before {4}")
    @CsvSource({
        "7, 3, 2, 4, 1",   // total pad (4-1)*2+3-7 = 2: 1 before, 1 after
        "8, 3, 2, 4, 0",   // total 1: the odd pixel goes after
        "7, 5, 3, 3, 2",   // total 4
        "6, 5, 3, 2, 1",   // total 2
        "4, 4, 1, 4, 1",   // total 3: 1 before, 2 after
        "5, 1, 1, 5, 0",   // no padding needed
        "9, 2, 3, 3, 0",   // total (3-1)*3+2-9 = -1: none
        "2, 5, 1, 2, 2",   // kernel larger than input: total 4
        "1, 3, 2, 1, 1",
    })
    void samePaddingGivesCeilOfInputOverStrideWithOddPadAtEnd(int in, int kernel, int stride, int out, int before) {
        assertEquals(out, (in + stride - 1) / stride, "the case itself has out = ceil(in / stride)");
        Window2d rows = Window2d.of(1, in, 3, 1, kernel, 1, stride, 1, Padding.SAME);
        Window2d columns = Window2d.of(1, 3, in, 1, 1, kernel, 1, stride, Padding.SAME);
        assertAll(() -> assertEquals(out, rows.outH(), "outH"),
                () -> assertEquals(before, rows.padTop(), "padTop"),
                () -> assertEquals(out, columns.outW(), "outW"),
                () -> assertEquals(before, columns.padLeft(), "padLeft"));
    }

    @ParameterizedTest(name = "in {0}, kernel {1}, stride {2} -> {3}")
    @CsvSource({
        "7, 3, 2, 3",
        "6, 2, 2, 3",
        "5, 5, 1, 1",
        "28, 3, 1, 26",
        "8, 3, 3, 2",
        "10, 1, 4, 3",
    })
    void validPaddingGivesFloorOfRemainderOverStridePlusOne(int in, int kernel, int stride, int out) {
        Window2d g = window(in, in, kernel, stride, Padding.VALID);
        assertAll(() -> assertEquals(out, g.outH()), () -> assertEquals(out, g.outW()),
                () -> assertEquals(0, g.padTop()), () -> assertEquals(0, g.padLeft()));
    }

    static Stream<Arguments> invalidWindows() {
        return Stream.of(
                Arguments.of("top pad = kernel", Padding.explicit(3, 0, 0, 0), 3, 1, 8),
                Arguments.of("bottom pad = kernel", Padding.explicit(0, 3, 0, 0), 3, 1, 8),
                Arguments.of("left pad = kernel", Padding.explicit(0, 0, 3, 0), 3, 1, 8),
                Arguments.of("right pad > kernel", Padding.explicit(0, 0, 0, 4), 3, 1, 8),
                Arguments.of("pad 1 with a 1x1 kernel", Padding.explicit(1), 1, 1, 8),
                Arguments.of("valid window larger than input", Padding.VALID, 5, 1, 4),
                Arguments.of("explicit window larger than padded input", Padding.explicit(1, 0, 1, 0), 4, 1, 2),
                Arguments.of("kernel 0", Padding.SAME, 0, 1, 8),
                Arguments.of("stride 0", Padding.SAME, 3, 0, 8));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidWindows")
    void invalidWindowIsRejected(String what, Padding padding, int kernel, int stride, int in) {
        assertThrows(IllegalArgumentException.class, () -> window(in, in, kernel, stride, padding), what);
    }

    @Test
    void sizesDerivedFromGeometry() {
        Window2d g = Window2d.of(2, 3, 5, 4, 3, 3, 1, 1, Padding.VALID);
        assertAll(() -> assertEquals(1, g.outH()), () -> assertEquals(3, g.outW()),
                () -> assertEquals(2 * 3 * 5 * 4, g.inputSize(), "inputSize"),
                () -> assertEquals(2 * 1 * 3, g.outputPixels(), "outputPixels"),
                () -> assertEquals(3 * 3 * 4, g.patchSize(), "patchSize"));
    }

    /** A one-channel window's starts and offsets index the NHWC input as the im2col definition does. */
    @Test
    void oneChannelWindowStartsAndOffsetsIndexTheInput() {
        Window2d g = Window2d.of(2, 9, 11, 1, 3, 4, 2, 3, Padding.VALID);
        int[] start = new int[g.outputPixels()];
        g.oneChannelWindowStarts(0, start.length, start);
        int p = 0;
        for (int n = 0; n < g.batch(); n++) {
            for (int oh = 0; oh < g.outH(); oh++) {
                for (int ow = 0; ow < g.outW(); ow++, p++) {
                    int expected = (n * g.inH() + oh * g.strideH()) * g.inW() + ow * g.strideW();
                    assertEquals(expected, start[p], "pixel " + p);
                    assertEquals(expected, g.oneChannelWindowStart(p), "pixel " + p);
                }
            }
        }
        int[] offset = g.oneChannelWindowOffsets();
        for (int kh = 0; kh < g.kernelH(); kh++) {
            for (int kw = 0; kw < g.kernelW(); kw++) {
                assertEquals(kh * g.inW() + kw, offset[kh * g.kernelW() + kw], "window value " + kh + ", " + kw);
            }
        }
    }

    @Test
    void windowsInsideTheInputAreThoseOfNoPaddingThatReachNoFurtherThanTheInput() {
        assertTrue(window(13, 13, 3, 1, Padding.VALID).windowsInsideInput());
        assertTrue(window(8, 8, 3, 2, Padding.VALID).windowsInsideInput());   // the last column is left out
        assertFalse(window(14, 14, 5, 1, Padding.SAME).windowsInsideInput());
        assertFalse(window(8, 8, 2, 1, Padding.explicit(0, 1, 0, 0)).windowsInsideInput());   // reaches below
        assertFalse(window(8, 8, 2, 1, Padding.explicit(0, 0, 0, 1)).windowsInsideInput());   // reaches right
        assertTrue(window(8, 8, 2, 2, Padding.SAME).windowsInsideInput());   // SAME that pads nothing
    }
}

package dev.fovea.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.fovea.kernel.Padding;
import org.junit.jupiter.api.Test;

class LayoutsTest {
    @Test
    void kernelGoesToOnnxOrderAndBack() {
        int kh = 2;
        int kw = 3;
        int c = 4;
        int f = 5;
        float[] hwcf = new float[kh * kw * c * f];
        for (int i = 0; i < hwcf.length; i++) {
            hwcf[i] = i;
        }
        float[] fchw = Layouts.kernelToOnnx(hwcf, kh, kw, c, f);
        // Fovea's [i=1, j=2, ci=3, fi=4] is ONNX's [fi=4, ci=3, i=1, j=2].
        assertEquals(hwcf[((1 * kw + 2) * c + 3) * f + 4], fchw[((4 * c + 3) * kh + 1) * kw + 2]);
        assertArrayEquals(hwcf, Layouts.kernelFromOnnx(fchw, f, c, kh, kw));
    }

    @Test
    void samePaddingPutsTheOddPixelAtTheBottomAndRight() {
        // A 4-wide window at stride 1 needs 3 pixels: 1 before, 2 after (TensorFlow's rule).
        assertArrayEquals(new long[] {1, 1, 2, 2}, Layouts.onnxPads(Padding.SAME, 10, 7, 4, 1));
        // 13 rows at stride 2 with a 3-window: 7 outputs need 2 pixels, 1 each; 12 columns need 1, after.
        assertArrayEquals(new long[] {1, 0, 1, 1}, Layouts.onnxPads(Padding.SAME, 13, 12, 3, 2));
        // When the windows fit without padding, SAME pads nothing.
        assertArrayEquals(new long[] {0, 0, 0, 0}, Layouts.onnxPads(Padding.SAME, 8, 8, 2, 2));
    }

    @Test
    void explicitAndValidPaddingKeepTheirSides() {
        assertArrayEquals(new long[] {2, 1, 0, 3}, Layouts.onnxPads(Padding.explicit(2, 0, 1, 3), 9, 9, 4, 1));
        assertArrayEquals(new long[] {0, 0, 0, 0}, Layouts.onnxPads(Padding.VALID, 9, 9, 4, 2));
    }

    @Test
    void onnxPadsReadBackAsValidSameOrExplicit() {
        assertEquals(Padding.VALID, Layouts.foveaPadding(new long[4], 9, 9, 3, 1));
        assertEquals(Padding.SAME, Layouts.foveaPadding(new long[] {1, 1, 2, 2}, 10, 7, 4, 1));
        assertEquals(Padding.explicit(2, 1, 1, 2), Layouts.foveaPadding(new long[] {2, 1, 1, 2}, 10, 7, 4, 1));
    }

    @Test
    void nchwFlattenOrderMapsToNhwcIndices() {
        int[] hwc = {2, 3, 4};
        int[] order = Layouts.flattenOrder(new int[] {0, 3, 1, 2}, hwc);
        // ONNX feature (c=1, h=0, w=2) is at 1*6 + 0*3 + 2 = 8; in NHWC it is (0*3 + 2)*4 + 1 = 9.
        assertEquals(9, order[8]);
        // Every NHWC index is used once.
        boolean[] seen = new boolean[24];
        for (int o : order) {
            seen[o] = true;
        }
        for (boolean s : seen) {
            assertEquals(true, s);
        }
        assertNull(Layouts.flattenOrder(new int[] {0, 1, 2, 3}, hwc), "NHWC flattens in Fovea's order");
        assertNull(Layouts.flattenOrder(new int[] {0, 3, 1, 2}, new int[] {1, 1, 8}), "a 1x1 image has one order");
    }
}

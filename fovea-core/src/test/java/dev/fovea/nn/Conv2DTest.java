package dev.fovea.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.kernel.Padding;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class Conv2DTest {

    static Stream<Arguments> geometries() {
        // Non-square inputs, so that swapping height and width shows.
        return Stream.of(
                Arguments.of("valid", 12, 10, 3, 1, Padding.VALID, 10, 8),
                Arguments.of("valid stride 2", 12, 10, 3, 2, Padding.VALID, 5, 4),
                Arguments.of("valid 5x5 stride 2", 28, 25, 5, 2, Padding.VALID, 12, 11),
                Arguments.of("same", 12, 10, 3, 1, Padding.SAME, 12, 10),
                Arguments.of("same stride 2 rounds up", 13, 10, 3, 2, Padding.SAME, 7, 5),
                Arguments.of("explicit 1", 12, 10, 3, 1, Padding.explicit(1), 12, 10),
                Arguments.of("explicit top,bottom,left,right", 12, 10, 3, 1, Padding.explicit(2, 1, 0, 0), 13, 8));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("geometries")
    void outputSizeFollowsPaddingAndStride(String what, int h, int w, int kernel, int stride, Padding padding,
                                           int outH, int outW) {
        Conv2D conv = new Conv2D(4, kernel, stride, padding, ActivationFunction.RELU);
        LayerChecks.assertOutputShape(conv, new int[] {h, w, 2}, new int[] {outH, outW, 4});
    }

    @Test
    void kernelIsKhKwCFAndBiasHasOneValuePerFilter() {
        Conv2D conv = new Conv2D(5, 3, ActivationFunction.RELU);
        conv.build(new int[] {8, 8, 2});
        assertEquals(List.of("kernel", "bias"), List.copyOf(conv.parameters().keySet()));
        assertArrayEquals(new int[] {3, 3, 2, 5}, conv.parameters().get("kernel").shape());
        assertArrayEquals(new int[] {5}, conv.parameters().get("bias").shape());
        assertEquals(3 * 3 * 2 * 5 + 5, conv.parameterCount());

        Conv2D noBias = new Conv2D(5, 3, 1, Padding.VALID, ActivationFunction.RELU, false, Initializer.HE_NORMAL);
        noBias.build(new int[] {8, 8, 2});
        assertEquals(List.of("kernel"), List.copyOf(noBias.parameters().keySet()));
        assertEquals(90, noBias.parameterCount());
    }

    @Test
    void initializationUsesTheKernelAreaInFanInAndFanOutAndZeroBias() {
        // fan_in = 3*3*4 = 36, fan_out = 3*3*16 = 144: Glorot limit sqrt(6/180). Had the area been
        // left out, the limit would be sqrt(6/20), three times wider; 576 uniform draws come within
        // 5 % of the true limit with probability 1 - 0.95^576.
        Conv2D conv = new Conv2D(16, 3, ActivationFunction.RELU);
        conv.build(new int[] {10, 10, 4});
        Arrays.fill(conv.parameters().get("bias").data(), 1f);
        conv.initialize(new SplittableRandom(3));
        double limit = Math.sqrt(6.0 / (36 + 144));
        double largest = 0;
        for (float v : conv.parameters().get("kernel").data()) {
            largest = Math.max(largest, Math.abs(v));
        }
        assertTrue(largest <= limit && largest > 0.95 * limit, "largest |w| " + largest + ", limit " + limit);
        assertArrayEquals(new float[16], conv.parameters().get("bias").data());
    }

    @Test
    void rejectsInputsThatAreNotImagesOrTooSmall() {
        LayerChecks.assertRejectsInput(new Conv2D(4, 3, ActivationFunction.RELU), new int[] {100},
                "Conv2D expects an image (height, width, channels)", "(100,)");
        LayerChecks.assertRejectsInput(new Conv2D(4, 5, ActivationFunction.RELU), new int[] {4, 4, 1},
                "does not fit");
    }

    @Test
    void rejectsNonPositiveSizes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Conv2D(0, 3, ActivationFunction.RELU));
        assertTrue(e.getMessage().contains("filters, kernel size and stride >= 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Conv2D(4, 3, 0, Padding.SAME, ActivationFunction.RELU));
    }

    @Test
    void configRebuildsTheLayer() {
        Conv2D conv = new Conv2D(6, 5, 2, Padding.explicit(2, 1, 0, 3), ActivationFunction.leakyRelu(0.1f), false,
                Initializer.HE_NORMAL);
        assertEquals(Map.of("filters", 6, "kernel_size", 5, "strides", 2, "padding", "2,1,0,3",
                "activation", "leaky_relu(0.1)", "use_bias", false, "kernel_initializer", "he_normal"), conv.config());
        LayerChecks.assertRebuildsFromConfig(conv, c -> new Conv2D((Integer) c.get("filters"),
                (Integer) c.get("kernel_size"), (Integer) c.get("strides"), Padding.parse((String) c.get("padding")),
                ActivationFunction.parse((String) c.get("activation")), (Boolean) c.get("use_bias"),
                Initializer.parse((String) c.get("kernel_initializer"))));
    }
}

package dev.fovea.viz.attribution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fovea.testing.Approx;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class HeatMapsTest {

    @Test
    void upsamplingUsesHalfPixelCentresClampedAtTheEdges() {
        // 2 -> 4 samples the map at -0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped to 1): a, .75a + .25b,
        // .25a + .75b, b, along rows and along columns. For [[0, 0], [0.6, 1]]:
        float[] expected = {
                0f, 0f, 0f, 0f,
                0.15f, 0.175f, 0.225f, 0.25f,
                0.45f, 0.525f, 0.675f, 0.75f,
                0.6f, 0.7f, 0.9f, 1f};
        Approx.assertClose("2x2 -> 4x4", expected, HeatMaps.upsample(new float[] {0f, 0f, 0.6f, 1f}, 2, 2, 4, 4), 1e-6, 0);
        // 1 x 2 -> 1 x 3: columns sample at -1/6 (clamped to 0), 0.5, 7/6 (clamped to 1).
        Approx.assertClose("1x2 -> 1x3", new float[] {2f, 3f, 4f},
                HeatMaps.upsample(new float[] {2f, 4f}, 1, 2, 1, 3), 1e-6, 0);
    }

    @Test
    void normalisingDividesByTheMaximumAndLeavesAnEmptyMapAtZero() {
        Approx.assertClose("normalised", new float[] {0f, 0.25f, 1f}, HeatMaps.normalised(new float[] {0f, 1f, 4f}), 0, 0);
        Approx.assertClose("nothing positive", new float[] {0f, 0f}, HeatMaps.normalised(new float[] {0f, -2f}), 0, 0);
    }

    @Test
    void theOverlayBlendsTheImageAndTheHotColourHalfAndHalf() {
        // Grey 100 under heat 0 (black) -> 50; grey 100 under heat 1 (white) -> 177.5 -> 178;
        // grey 200 under heat 0.5 (HOT: red 255, green 127.5 -> 128, blue 0) -> (227.5, 164, 100) -> (228, 164, 100).
        BufferedImage overlay = HeatMaps.overlay(new float[] {100, 100, 200}, 1, 3, 1,
                new float[] {0f, 1f, 0.5f}, 2);
        assertEquals(0x323232, overlay.getRGB(1, 1) & 0xFFFFFF);
        assertEquals(0xB2B2B2, overlay.getRGB(2, 0) & 0xFFFFFF);
        assertEquals((228 << 16) | (164 << 8) | 100, overlay.getRGB(5, 1) & 0xFFFFFF);
    }
}

package dev.fovea.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class InputScalingTest {
    /** Two 1x2 RGB images: channel 0 takes 0, 10, 20, 30; channel 1 is 50 everywhere; channel 2 is 0 or 255. */
    private static final ImageDataset TWO_IMAGES = new ImageDataset("two", 1, 2, 3,
            new byte[] {0, 50, 0, 10, 50, (byte) 255, 20, 50, 0, 30, 50, (byte) 255}, new int[] {0, 1}, List.of("a", "b"));

    @Test
    void unitAndCenteredScaleEveryPixelAlike() {
        assertEquals(1f, InputScaling.unit().scale(255, 7));
        assertEquals(0.5f, InputScaling.unit().scale(127.5f, 0), 1e-6f);
        assertEquals(-0.5f, InputScaling.centered().scale(0, 3));
    }

    @Test
    void meanImageIsThePixelwiseMeanOfTheTrainingImages() {
        InputScaling s = InputScaling.meanImageOf(TWO_IMAGES);
        assertArrayEquals(new float[] {10, 50, 0, 20, 50, 255}, s.meanImage());
        assertEquals((30 - 20) / 255f, s.scale(30, 3), 1e-7f);
    }

    @Test
    void standardizeUsesEachChannelsMeanAndPopulationDeviation() {
        InputScaling s = InputScaling.standardizeOf(TWO_IMAGES);
        assertArrayEquals(new float[] {15, 50, 127.5f}, s.channelMean(), 1e-5f);
        // Channel 0: values 0, 10, 20, 30 have variance 125; channel 1 never varies and keeps 1.
        assertArrayEquals(new float[] {(float) Math.sqrt(125), 1, 127.5f}, s.channelStd(), 1e-4f);
        assertEquals((30 - 15) / (float) Math.sqrt(125), s.scale(30, 9), 1e-5f);
        assertEquals(0f, s.scale(50, 4), 1e-6f);
        assertEquals(1f, s.scale(255, 5), 1e-6f);
    }

    @Test
    void fittedToComputesStatisticsOnlyWhenTheKindNeedsThem() {
        InputScaling unit = InputScaling.unit();
        assertSame(unit, unit.fittedTo(TWO_IMAGES));
        InputScaling unfitted = InputScaling.of(InputScaling.Kind.STANDARDIZE);
        assertTrue(unfitted.needsStatistics());
        InputScaling fitted = unfitted.fittedTo(TWO_IMAGES);
        assertArrayEquals(InputScaling.standardizeOf(TWO_IMAGES).channelMean(), fitted.channelMean());
        assertEquals(false, fitted.needsStatistics());
    }

    @Test
    void applyingAScalingWithoutItsStatisticsIsAnError() {
        InputScaling unfitted = InputScaling.of(InputScaling.Kind.MEAN_IMAGE);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> unfitted.apply(new byte[6], 0, 1, 6, new float[6], 0));
        assertTrue(e.getMessage().contains("fit"), e.getMessage());
    }

    @Test
    void applyInPlaceMatchesApplyOnBytes() {
        InputScaling s = InputScaling.standardizeOf(TWO_IMAGES);
        float[] fromBytes = new float[12];
        s.apply(TWO_IMAGES.pixels(), 0, 2, 6, fromBytes, 0);
        float[] inPlace = new float[12];
        for (int i = 0; i < 12; i++) {
            inPlace[i] = TWO_IMAGES.pixels()[i] & 0xFF;
        }
        s.applyInPlace(inPlace, 2, 6);
        assertArrayEquals(fromBytes, inPlace);
    }

    @Test
    void parseKindNamesTheChoices() {
        assertEquals(InputScaling.Kind.STANDARDIZE, InputScaling.parseKind("standardize"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InputScaling.parseKind("zscore"));
        assertTrue(e.getMessage().contains("expected unit, centered, mean_image or standardize"), e.getMessage());
    }

    @Test
    void standardizeRejectsANonPositiveDeviation() {
        assertThrows(IllegalArgumentException.class,
                () -> InputScaling.standardize(new float[] {1, 2}, new float[] {1, 0}));
    }
}

package dev.fovea.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ColorMapTest {

    private static double brightness(int rgb) {
        return 0.299 * ((rgb >> 16) & 0xFF) + 0.587 * ((rgb >> 8) & 0xFF) + 0.114 * (rgb & 0xFF);
    }

    @Test
    void brightnessOnlyRisesForGreyAndHotAndOnlyFallsForBlues() {
        for (int i = 1; i <= 100; i++) {
            double before = (i - 1) / 100.0;
            double t = i / 100.0;
            assertTrue(brightness(ColorMap.GREY.rgb(t)) >= brightness(ColorMap.GREY.rgb(before)), "grey at " + t);
            assertTrue(brightness(ColorMap.HOT.rgb(t)) > brightness(ColorMap.HOT.rgb(before)), "hot at " + t);
            assertTrue(brightness(ColorMap.BLUES.rgb(t)) < brightness(ColorMap.BLUES.rgb(before)), "blues at " + t);
        }
    }

    @Test
    void endsAndClamping() {
        assertEquals(0x000000, ColorMap.HOT.rgb(0));
        assertEquals(0xFF0000, ColorMap.HOT.rgb(1 / 3.0));
        assertEquals(0xFFFF00, ColorMap.HOT.rgb(2 / 3.0));
        assertEquals(0xFFFFFF, ColorMap.HOT.rgb(1));
        assertEquals(0xFFFFFF, ColorMap.BLUES.rgb(-1));
        assertEquals(0x08306B, ColorMap.BLUES.rgb(2));
        assertEquals(0x808080, ColorMap.GREY.rgb(0.5));
        assertEquals(0x000000, ColorMap.GREY.rgb(Double.NaN));
    }
}

package dev.fovea.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GlobalAveragePooling2DTest {

    @Test
    void reducesAnImageToOneValuePerChannel() {
        LayerChecks.assertOutputShape(new GlobalAveragePooling2D(), new int[] {5, 7, 3}, new int[] {3});
    }

    @Test
    void hasNoParametersAndAnEmptyConfig() {
        GlobalAveragePooling2D pool = new GlobalAveragePooling2D();
        pool.build(new int[] {5, 7, 3});
        assertEquals(0, pool.parameterCount());
        assertTrue(pool.config().isEmpty());
    }

    @Test
    void rejectsAVector() {
        LayerChecks.assertRejectsInput(new GlobalAveragePooling2D(), new int[] {12},
                "GlobalAveragePooling2D expects an image");
    }
}

package dev.fovea.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.Rectangle;
import org.junit.jupiter.api.Test;

class CropTest {
    @Test
    void noneIsTheWholeImage() {
        assertEquals(new Rectangle(0, 0, 400, 300), Crop.NONE.region(400, 300, 28, 28));
    }

    @Test
    void centerCutsTheLongerSideEquallyAtBothEnds() {
        assertEquals(new Rectangle(50, 0, 300, 300), Crop.CENTER.region(400, 300, 28, 28));
        assertEquals(new Rectangle(0, 50, 300, 300), Crop.CENTER.region(300, 400, 28, 28));
    }

    @Test
    void centerKeepsTheRequestedShape() {
        // 4000x3000 to 32 high by 64 wide: the full width and 2000 rows, 500 cut off at top and bottom.
        assertEquals(new Rectangle(0, 500, 4000, 2000), Crop.CENTER.region(4000, 3000, 64, 32));
        // 100x100 to 3 wide by 7 high: 100 * 3 / 7 = 42.86, rounded to 43 columns.
        assertEquals(new Rectangle(28, 0, 43, 100), Crop.CENTER.region(100, 100, 3, 7));
    }

    @Test
    void aMatchingShapeIsNotCropped() {
        assertEquals(new Rectangle(0, 0, 640, 480), Crop.CENTER.region(640, 480, 32, 24));
    }

    @Test
    void aSliverKeepsAtLeastOnePixel() {
        assertEquals(new Rectangle(4999, 0, 1, 1), Crop.CENTER.region(10_000, 1, 1, 10_000));
    }
}

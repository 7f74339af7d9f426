package dev.fovea.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SheetTest {

    @Test
    void tilesAreCopiedUnchangedWhereTileBoundsSays() {
        List<BufferedImage> first = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            first.add(TileImages.grey(new int[] {10 * i, 10 * i + 1, 10 * i + 2, 10 * i + 3}, 2, 2, 3));
        }
        List<BufferedImage> second = List.of(TileImages.rgb(new int[] {255, 0, 0, 0, 0, 255}, 1, 2, 4));
        Sheet sheet = new Sheet("title").note("a note").section("five", first, 3)
                .section("one", second, List.of(List.of("label", "two lines")), 1);
        BufferedImage image = sheet.render();
        for (int i = 0; i < 5; i++) {
            TilePixels.assertGreyTile("tile " + i, image, sheet.tileBounds(0, i),
                    new int[] {10 * i, 10 * i + 1, 10 * i + 2, 10 * i + 3}, 2, 2, 3);
        }
        TilePixels.assertTile("colour tile", image, sheet.tileBounds(1, 0), new int[] {0xFF0000, 0x0000FF}, 1, 2, 4);
        // Three to a row: tile 3 starts the second row under tile 0, tile 4 is under tile 1.
        Rectangle t0 = sheet.tileBounds(0, 0);
        Rectangle t3 = sheet.tileBounds(0, 3);
        assertEquals(t0.x, t3.x);
        assertEquals(t0.y + 6 + Sheet.GAP, t3.y);
        assertEquals(sheet.tileBounds(0, 1).x, sheet.tileBounds(0, 4).x);
        assertTrue(sheet.tileBounds(1, 0).y > t3.y + 6, "the second section is below the first");
    }

    @Test
    void eachTileHasAGreyFrameOnWhite() {
        Sheet sheet = new Sheet("t").section("s", List.of(TileImages.grey(new int[] {0}, 1, 1, 5)), 1);
        BufferedImage image = sheet.render();
        Rectangle r = sheet.tileBounds(0, 0);
        assertEquals(Sheet.FRAME, image.getRGB(r.x - 1, r.y - 1) & 0xFFFFFF);
        assertEquals(Sheet.FRAME, image.getRGB(r.x + r.width, r.y + r.height) & 0xFFFFFF);
        assertEquals(Sheet.PAGE, image.getRGB(r.x - 3, r.y + 2) & 0xFFFFFF);
        assertEquals(0, image.getRGB(r.x, r.y) & 0xFFFFFF);
    }

    @Test
    void theTitleWidensANarrowSheet() {
        BufferedImage tile = TileImages.grey(new int[] {0}, 1, 1, 1);
        BufferedImage narrow = new Sheet("t").section("s", List.of(tile), 1).render();
        BufferedImage wide = new Sheet("a title much wider than one pixel").section("s", List.of(tile), 1).render();
        assertTrue(wide.getWidth() > narrow.getWidth() + 50, narrow.getWidth() + " vs " + wide.getWidth());
    }

    @Test
    void rejectsEmptySectionsAndMismatchedLabels() {
        Sheet sheet = new Sheet("t");
        assertThrows(IllegalArgumentException.class, () -> sheet.section("s", List.of(), 1));
        BufferedImage tile = TileImages.grey(new int[] {0}, 1, 1, 1);
        assertThrows(IllegalArgumentException.class,
                () -> sheet.section("s", List.of(tile, tile), List.of(List.of("one")), 2));
    }
}

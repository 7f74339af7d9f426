package dev.fovea.viz.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fovea.data.ImageDataset;
import dev.fovea.data.ImageSource;
import dev.fovea.viz.ModelInput;
import dev.fovea.viz.TinyData;
import org.junit.jupiter.api.Test;

class FirstImagesTest {
    @Test
    void showsOnlyTheFirstImagesOfADataset() {
        ImageDataset all = TinyData.halves(10, 4, 1);
        ImageSource first = FirstImages.of(all, 6);
        assertEquals(6, first.size());
        assertEquals(all.classNames(), first.classNames());
        for (int i = 0; i < 6; i++) {
            assertEquals(all.label(i), first.label(i));
            assertArrayEquals(ModelInput.pixels(all, i), ModelInput.pixels(first, i));
        }
        assertThrows(IndexOutOfBoundsException.class, () -> first.label(6));
        assertSame(all, FirstImages.of(all, 10), "no view when the dataset is no larger");
    }
}

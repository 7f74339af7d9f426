package dev.fovea.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.data.BatchPrefetcher;
import dev.fovea.data.augment.Augmentation;
import org.junit.jupiter.api.Test;

class FitOptionsTest {
    @Test
    void defaultsToNoAugmentationAndTheDefaultLoaderThreads() {
        FitOptions options = FitOptions.epochs(1);
        assertSame(Augmentation.none(), options.augmentation());
        assertEquals(BatchPrefetcher.defaultThreads(), options.loaderThreads());
    }

    @Test
    void keepsTheAugmentationAndLoaderThreadsGiven() {
        FitOptions options = FitOptions.epochs(1).augmentation(Augmentation.parse("cifar")).loaderThreads(0);
        assertEquals("crop:4,flip", options.augmentation().toString());
        assertEquals(0, options.loaderThreads());
    }

    @Test
    void rejectsNegativeLoaderThreadsAndAMissingAugmentation() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FitOptions.epochs(1).loaderThreads(-1));
        assertTrue(e.getMessage().contains("loader threads must be >= 0, got -1"), e.getMessage());
        assertThrows(NullPointerException.class, () -> FitOptions.epochs(1).augmentation(null));
    }
}

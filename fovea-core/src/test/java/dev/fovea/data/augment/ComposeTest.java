package dev.fovea.data.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ComposeTest {
    @Test
    void appliesEachStepInOrderFromTheSameRandomStream() {
        Augmentation rotateThenCrop = Compose.of(new RandomRotation(20), new RandomCrop(2));
        Augmentation cropThenRotate = Compose.of(new RandomCrop(2), new RandomRotation(20));
        float[] image = Pictures.random(9, 9, 2, 1);
        for (long seed = 0; seed < 20; seed++) {
            float[] expected = image.clone();
            SplittableRandom random = new SplittableRandom(seed);
            new RandomRotation(20).apply(expected, 9, 9, 2, random);
            new RandomCrop(2).apply(expected, 9, 9, 2, random);
            assertArrayEquals(expected, Pictures.applied(rotateThenCrop, image, 9, 9, 2, seed), "seed " + seed);
        }
        // Rotation blurs, so rotating a shifted image differs from shifting a rotated one.
        assertEquals(false, java.util.Arrays.equals(Pictures.applied(rotateThenCrop, image, 9, 9, 2, 3),
                Pictures.applied(cropThenRotate, image, 9, 9, 2, 3)));
    }

    @Test
    void flattensNestingAndUnwrapsSingleSteps() {
        RandomFlip flip = new RandomFlip();
        assertSame(flip, Compose.of(flip));
        assertSame(Augmentation.none(), Compose.of());
        assertSame(Augmentation.none(), Compose.of(Compose.of(), Augmentation.none()));
        Augmentation nested = Compose.of(Compose.of(new RandomCrop(4), flip), new RandomZoom(0.1));
        assertEquals(List.of(new RandomCrop(4), flip, new RandomZoom(0.1)), ((Compose) nested).steps());
        assertEquals(Compose.of(new RandomCrop(4), flip, new RandomZoom(0.1)), nested);
    }

    @Test
    void isWrittenAsItsStepsSeparatedByCommasOrNone() {
        assertEquals("crop:4,flip,erase:0.25", Compose.of(new RandomCrop(4), new RandomFlip(),
                new RandomErasing(0.25)).toString());
        assertEquals("none", Augmentation.none().toString());
    }

    @Test
    void noneChangesNothing() {
        float[] image = Pictures.random(3, 4, 3, 5);
        assertArrayEquals(image, Pictures.applied(Augmentation.none(), image, 3, 4, 3, 1));
    }
}

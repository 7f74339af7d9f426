package dev.fovea.data.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AugmentationParserTest {
    @Test
    void readsEachTransformWithAndWithoutItsParameter() {
        assertEquals(new RandomFlip(), Augmentation.parse("flip"));
        assertEquals(new RandomCrop(2), Augmentation.parse("crop:2"));
        assertEquals(new RandomCrop(4), Augmentation.parse("crop"));
        assertEquals(new RandomRotation(15), Augmentation.parse("rotate:15"));
        assertEquals(new RandomRotation(10), Augmentation.parse("rotate"));
        assertEquals(new RandomZoom(0.25), Augmentation.parse("zoom:.25"));
        assertEquals(new RandomZoom(0.1), Augmentation.parse("zoom"));
        assertEquals(new RandomTranslation(0.2), Augmentation.parse("translate:0.2"));
        assertEquals(new RandomTranslation(0.1), Augmentation.parse("translate"));
        assertEquals(new RandomBrightness(0.3), Augmentation.parse("brightness:0.3"));
        assertEquals(new RandomBrightness(0.2), Augmentation.parse("brightness"));
        assertEquals(new RandomContrast(0.4), Augmentation.parse("contrast:0.4"));
        assertEquals(new RandomContrast(0.2), Augmentation.parse("contrast"));
        assertEquals(new RandomErasing(1), Augmentation.parse("erase:1"));
        assertEquals(new RandomErasing(0.5), Augmentation.parse("erase"));
        assertSame(Augmentation.none(), Augmentation.parse("none"));
    }

    @Test
    void readsListsInOrderIgnoringCaseAndSpaces() {
        assertEquals(Compose.of(new RandomRotation(5), new RandomFlip(), new RandomErasing(0.25)),
                Augmentation.parse(" Rotate : 5 , FLIP,erase:0.25 "));
        assertSame(Augmentation.none(), Augmentation.parse(" NONE "));
    }

    @Test
    void presetsStandForTheirDocumentedLists() {
        assertEquals("crop:4,flip", Augmentation.parse("cifar").toString());
        assertEquals("flip,translate:0.1", Augmentation.parse("light").toString());
        assertEquals("flip,rotate:10,zoom:0.1,translate:0.1", Augmentation.parse("standard").toString());
        assertEquals("rotate:10,zoom:0.1,translate:0.1", Augmentation.parse("digits").toString());
        assertEquals(Compose.of(new RandomCrop(4), new RandomFlip(), new RandomErasing(0.25)),
                Augmentation.parse("cifar,erase:0.25"));
    }

    @Test
    void theTextFormReadsBackToAnEqualAugmentation() {
        for (String text : List.of("none", "flip", "crop:0", "cifar", "standard,brightness:0.05,contrast:1",
                "erase:0.125,rotate:180,zoom:0.999,translate:1", "rotate:0.00001")) {
            Augmentation augmentation = Augmentation.parse(text);
            assertEquals(augmentation, Augmentation.parse(augmentation.toString()), text);
        }
        for (Augmentation augmentation : List.of(new RandomRotation(1e-7), new RandomZoom(1 / 3.0),
                new RandomBrightness(0.1 + 0.2), Compose.of(new RandomTranslation(0.123456789), new RandomFlip()))) {
            String text = augmentation.toString();
            assertTrue(text.matches("[a-z:0-9.,]+"), "plain decimals, no exponent: " + text);
            assertEquals(augmentation, Augmentation.parse(text), text);
        }
    }

    @Test
    void errorsNameTheBadEntryAndListTheValidForms() {
        String forms = "flip, crop[:PIXELS], rotate[:DEGREES], zoom[:FRACTION], translate[:FRACTION], "
                + "brightness[:FRACTION], contrast[:FRACTION], erase[:PROBABILITY]";
        String[][] cases = {
                {"flip,blur:2", "unknown augmentation 'blur:2' in 'flip,blur:2'"},
                {"rotate:ten", "bad augmentation 'rotate:ten' in 'rotate:ten': DEGREES must be a plain decimal number"},
                {"rotate:-5", "bad augmentation 'rotate:-5'"},
                {"rotate:200", "bad augmentation 'rotate:200' in 'rotate:200': rotation must be from 0 to 180 degrees"},
                {"zoom:1", "zoom must be a fraction from 0 up to (not including) 1, got 1.0"},
                {"crop:2.5", "bad augmentation 'crop:2.5' in 'crop:2.5': PIXELS must be a whole number"},
                {"crop:99999999999", "PIXELS must be a whole number"},
                {"erase:1e-3", "PROBABILITY must be a plain decimal number"},
                {"flip:0.3", "bad augmentation 'flip:0.3' in 'flip:0.3': flip takes no parameter"},
                {"cifar:2", "cifar takes no parameter"},
                {"flip,none", "none cannot be combined"},
                {"flip,,crop", "augmentation 'flip,,crop' has an empty entry"},
                {"", "augmentation '' has an empty entry"},
        };
        for (String[] c : cases) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Augmentation.parse(c[0]),
                    c[0]);
            assertTrue(e.getMessage().contains(c[1]), c[0] + ": " + e.getMessage());
            assertTrue(e.getMessage().contains("none; a preset (cifar, light, standard, digits)")
                    && e.getMessage().contains(forms), "lists the valid forms: " + e.getMessage());
        }
    }
}

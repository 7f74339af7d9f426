package dev.fovea.viz.activations;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.kernel.Padding;
import dev.fovea.model.BuiltinModels;
import dev.fovea.model.Model;
import dev.fovea.model.Sequential;
import dev.fovea.nn.ActivationFunction;
import dev.fovea.nn.AveragePooling2D;
import dev.fovea.nn.Conv2D;
import dev.fovea.nn.MaxPooling2D;
import dev.fovea.tensor.Tensor;
import dev.fovea.viz.LayerOutputs;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReceptiveFieldTest {

    @Test
    void kerasFashionLastPoolUnitSeesATenByTenPatch() {
        // Model A: conv 3x3 VALID (28 -> 26), pool 2 (-> 13), conv 3x3 (-> 11), pool 2 (-> 5).
        // Unit row y of the last pool takes conv2 rows 2y..2y+1; those take pool1 rows 2y..2y+3;
        // those take conv1 rows 4y..4y+7; those take input rows 4y..4y+9: 10 rows starting at 4y.
        Model a = BuiltinModels.create("keras-fashion", 28, 28, 1);
        assertEquals(new Region(0, 0, 10, 10), ReceptiveField.of(a, "max_pooling2d_1", 0, 0));
        assertEquals(new Region(8, 12, 10, 10), ReceptiveField.of(a, 3, 2, 3));
        assertEquals(new Region(16, 16, 10, 10), ReceptiveField.of(a, 3, 4, 4));
        assertArrayEquals(new int[] {10, 4}, ReceptiveField.sizeAndStride(a, 3));
        // The first conv layer: 3x3 at (y, x).
        assertEquals(new Region(25, 7, 3, 3), ReceptiveField.of(a, 0, 25, 7));
    }

    @Test
    void alexNetStrideFourFirstLayerAndSamePaddingClippedAtTheBorder() {
        Model alexnet = BuiltinModels.create("alexnet", 227, 227, 3);
        // conv1 11x11 stride 4 VALID on 227: unit y covers rows 4y..4y+10; the last unit (54) ends at 226.
        assertEquals(new Region(216, 40, 11, 11), ReceptiveField.of(alexnet, 0, 54, 10));
        // pool1 3x3 stride 2: conv1 rows 2y..2y+2 -> input rows 8y..8(y+1)+10: 19 rows from 8y.
        assertEquals(new Region(80, 0, 19, 19), ReceptiveField.of(alexnet, 1, 10, 0));
        // conv2 5x5 SAME on 27x27: pad top = (27 - 1 + 5 - 27) / 2 = 2, so unit y takes pool1 rows y-2..y+2.
        // y = 10: pool1 rows 8..12 -> conv1 rows 16..26 -> input rows 64..114: 51 rows.
        assertEquals(new Region(64, 64, 51, 51), ReceptiveField.of(alexnet, 2, 10, 10));
        // y = 0: pool1 rows -2..2 clipped to 0..2 -> conv1 rows 0..6 -> input rows 0..34.
        assertEquals(new Region(0, 0, 35, 35), ReceptiveField.of(alexnet, 2, 0, 0));
        // Size 11 + (3-1)*4 + (5-1)*8 = 51, stride 4 * 2 * 1 = 8.
        assertArrayEquals(new int[] {51, 8}, ReceptiveField.sizeAndStride(alexnet, 2));
    }

    @Test
    void exactlyThePixelsInsideTheFieldChangeAUnitOfALinearNetwork() {
        // Linear layers and average pooling: every pixel in a unit's field has a (generically) non-zero
        // weight on it, so the field must be exactly the set of pixels that move the unit.
        Sequential model = new Sequential(12, 12, 1).add(
                new Conv2D(2, 3, ActivationFunction.LINEAR), new AveragePooling2D(2),
                new Conv2D(2, 3, 2, Padding.SAME, ActivationFunction.LINEAR));
        model.initialize(7);
        // 12 -> conv 10 -> pool 5 -> conv stride 2 SAME 3 (pad 1 each side). Unit (0, 0): pool rows -1..1 clipped
        // to 0..1 -> conv1 rows 0..3 -> input rows 0..5.
        assertEquals(new Region(0, 0, 6, 6), ReceptiveField.of(model, 2, 0, 0));
        for (int[] unit : new int[][] {{0, 0}, {1, 2}, {2, 2}}) {
            Region field = ReceptiveField.of(model, 2, unit[0], unit[1]);
            assertEquals(field.height() * field.width(), countPixelsThatMove(model, 2, unit, field, 12, 12, 7),
                    "every pixel of " + field + " moves unit " + Arrays.toString(unit));
        }
    }

    @Test
    void pixelsOutsideTheFieldNeverChangeAUnitOfModelA() {
        // Model A's shape with few filters, ReLU and max pooling: outside the field nothing may change the
        // unit, and some pixel inside must.
        Sequential model = new Sequential(28, 28, 1).add(
                new Conv2D(4, 3, ActivationFunction.RELU), new MaxPooling2D(2),
                new Conv2D(4, 3, ActivationFunction.RELU), new MaxPooling2D(2));
        model.initialize(3);
        int[] unit = {2, 1};
        Region field = ReceptiveField.of(model, 3, unit[0], unit[1]);
        assertEquals(new Region(8, 4, 10, 10), field);
        assertTrue(countPixelsThatMove(model, 3, unit, field, 28, 28, 11) > 0, "some pixel inside moves the unit");
    }

    /**
     * Perturbs each input pixel in turn and returns how many inside {@code field} change unit
     * {@code unit} (any channel) of layer {@code layer}; fails if a pixel outside changes it at all.
     */
    private static int countPixelsThatMove(Model model, int layer, int[] unit, Region field, int h, int w, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] image = new float[h * w];
        for (int i = 0; i < image.length; i++) {
            image[i] = (float) random.nextDouble();
        }
        float[] base = unitValues(model, layer, unit, image, h, w);
        int moved = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float[] changed = image.clone();
                changed[y * w + x] += 3f;
                boolean moves = !Arrays.equals(base, unitValues(model, layer, unit, changed, h, w));
                if (field.contains(y, x)) {
                    moved += moves ? 1 : 0;
                } else {
                    assertTrue(!moves, "pixel (" + y + ", " + x + ") outside " + field + " changed the unit");
                }
            }
        }
        return moved;
    }

    private static float[] unitValues(Model model, int layer, int[] unit, float[] image, int h, int w) {
        Tensor out = LayerOutputs.of(model, Tensor.of(image, 1, h, w, 1)).get(layer);
        int c = out.dim(3);
        int at = (unit[0] * out.dim(2) + unit[1]) * c;
        return Arrays.copyOfRange(out.data(), at, at + c);
    }

    @Test
    void rejectsUnitsOutsideTheOutputAndLayersWithoutAnImageOutput() {
        Model a = BuiltinModels.create("keras-fashion", 28, 28, 1);
        assertThrows(IllegalArgumentException.class, () -> ReceptiveField.of(a, 3, 5, 0));
        IllegalArgumentException dense = assertThrows(IllegalArgumentException.class, () -> ReceptiveField.of(a, 5, 0, 0));
        assertTrue(dense.getMessage().contains("not an image"), dense.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> ReceptiveField.of(a, "conv9", 0, 0));
        assertTrue(unknown.getMessage().contains("conv2d, max_pooling2d"), unknown.getMessage());
    }
}

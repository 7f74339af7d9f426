package dev.fovea.viz.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fovea.data.ImageDataset;
import dev.fovea.model.Sequential;
import dev.fovea.nn.ActivationFunction;
import dev.fovea.nn.Dense;
import dev.fovea.nn.Flatten;
import dev.fovea.viz.Sheet;
import dev.fovea.viz.TilePixels;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class MisclassifiedTest {
    /** 1x2 grey images; the model predicts class 0 when the left pixel is brighter, else class 1. */
    private static final int[][] IMAGES = {
            {200, 10}, {10, 200}, {150, 20}, {30, 90}, {220, 100},
            {40, 60}, {90, 80}, {5, 250}, {250, 5}, {60, 70}};
    /** Images 2, 5 and 7 are labelled against the model: 2 is 0 -> labelled 1; 5 and 7 are 1 -> labelled 0. */
    private static final int[] LABELS = {0, 1, 1, 1, 0, 0, 0, 0, 0, 1};

    private static ImageDataset data() {
        byte[] pixels = new byte[IMAGES.length * 2];
        for (int i = 0; i < IMAGES.length; i++) {
            pixels[2 * i] = (byte) IMAGES[i][0];
            pixels[2 * i + 1] = (byte) IMAGES[i][1];
        }
        return new ImageDataset("pairs", 1, 2, 1, pixels, LABELS, List.of("left", "right"));
    }

    private static Sequential model() {
        Dense dense = new Dense(2, ActivationFunction.SOFTMAX);
        Sequential model = new Sequential(1, 2, 1).add(new Flatten(), dense);
        float[] w = dense.parameters().get("kernel").data(); // [2, 2]: logit 0 = 4 (left - right), logit 1 = -logit 0
        w[0] = 4f;
        w[1] = -4f;
        w[2] = -4f;
        w[3] = 4f;
        return model;
    }

    @Test
    void findsExactlyTheImagesTheModelGetsWrongInOrder() {
        List<Mistake> mistakes = Misclassified.find(model(), data(), 10);
        assertEquals(List.of(2, 5, 7), mistakes.stream().map(Mistake::index).toList());
        assertEquals(List.of(1, 0, 0), mistakes.stream().map(Mistake::trueClass).toList());
        assertEquals(List.of(0, 1, 1), mistakes.stream().map(Mistake::predicted).toList());
        // Image 2: logits +-4 (150 - 20) / 255 = +-2.039; p(0) = 1 / (1 + e^(-4.078)).
        assertEquals(1 / (1 + Math.exp(-8 * 130 / 255.0)), mistakes.get(0).confidence(), 1e-5);
        assertEquals(List.of(2, 5), Misclassified.find(model(), data(), 2).stream().map(Mistake::index).toList());
    }

    @Test
    void eachTileIsTheMisclassifiedImagesPixels() {
        Sheet sheet = Misclassified.sheet(model(), data(), 10);
        BufferedImage image = sheet.render();
        int[] wrong = {2, 5, 7};
        for (int t = 0; t < wrong.length; t++) {
            // 2 pixels wide, enlarged 50 times to reach 100.
            TilePixels.assertGreyTile("tile " + t, image, sheet.tileBounds(0, t), IMAGES[wrong[t]], 1, 2, 50);
        }
    }
}

package dev.fovea.viz.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.train.Evaluation;
import dev.fovea.viz.ColorMap;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfusionMatrixImageTest {
    private static final int[][] COUNTS = {
            {50, 3, 0},
            {7, 41, 12},
            {1, 20, 30}};

    @Test
    void eachCellIsColouredByItsCountOverTheLargest() {
        ConfusionMatrixImage matrix = new ConfusionMatrixImage(
                new Evaluation(0.5, 121.0 / 164, COUNTS, List.of("cat", "dog", "bird")));
        BufferedImage image = matrix.render();
        for (int t = 0; t < 3; t++) {
            for (int p = 0; p < 3; p++) {
                Rectangle cell = matrix.cell(t, p);
                // A corner of the cell, away from the count written in its middle.
                assertEquals(ColorMap.BLUES.rgb(COUNTS[t][p] / 50.0), image.getRGB(cell.x + 2, cell.y + 2) & 0xFFFFFF,
                        "cell (" + t + ", " + p + ")");
            }
        }
    }

    @Test
    void aLargerCountIsAlwaysADarkerCell() {
        ConfusionMatrixImage matrix = new ConfusionMatrixImage(COUNTS, List.of("a", "b", "c"), "");
        BufferedImage image = matrix.render();
        for (int a = 0; a < 9; a++) {
            for (int b = 0; b < 9; b++) {
                int countA = COUNTS[a / 3][a % 3];
                int countB = COUNTS[b / 3][b % 3];
                if (countA < countB) {
                    double lightA = brightness(image, matrix.cell(a / 3, a % 3));
                    double lightB = brightness(image, matrix.cell(b / 3, b % 3));
                    assertTrue(lightA > lightB, countA + " is lighter than " + countB + ": " + lightA + " vs " + lightB);
                }
            }
        }
    }

    private static double brightness(BufferedImage image, Rectangle cell) {
        int rgb = image.getRGB(cell.x + 2, cell.y + 2);
        return 0.299 * ((rgb >> 16) & 0xFF) + 0.587 * ((rgb >> 8) & 0xFF) + 0.114 * (rgb & 0xFF);
    }

    @Test
    void rejectsAMatrixThatIsNotSquare() {
        assertThrows(IllegalArgumentException.class,
                () -> new ConfusionMatrixImage(new int[][] {{1, 2}, {3}}, List.of("a", "b"), ""));
    }
}

package dev.fovea.viz.activations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fovea.data.ImageDataset;
import dev.fovea.model.Sequential;
import dev.fovea.nn.ActivationFunction;
import dev.fovea.nn.Conv2D;
import dev.fovea.viz.Sheet;
import dev.fovea.viz.TilePixels;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopActivationsTest {
    private static final int SIZE = 8;
    private static final int IMAGES = 12;

    /**
     * Image i: background 100, a bright pixel 110 + 10 i at B(i) and a dark pixel 90 - 5 ((7 i) mod 12)
     * at D(i), both away from the border.
     */
    private static ImageDataset dataset() {
        byte[] pixels = new byte[IMAGES * SIZE * SIZE];
        java.util.Arrays.fill(pixels, (byte) 100);
        for (int i = 0; i < IMAGES; i++) {
            int[] b = bright(i);
            int[] d = dark(i);
            pixels[i * SIZE * SIZE + b[0] * SIZE + b[1]] = (byte) (110 + 10 * i);
            pixels[i * SIZE * SIZE + d[0] * SIZE + d[1]] = (byte) (90 - 5 * darkRank(i));
        }
        return new ImageDataset("dots", SIZE, SIZE, 1, pixels, new int[IMAGES], List.of("dot"));
    }

    private static int[] bright(int i) {
        return new int[] {1 + i % 6, 1 + (i / 6) * 3};
    }

    private static int[] dark(int i) {
        return new int[] {6 - i % 6, 6 - (i / 6) * 3};
    }

    private static int darkRank(int i) {
        return 7 * i % 12;
    }

    /** A 3x3 conv whose filter 0 is the window's centre pixel and filter 1 minus it. */
    private static Sequential centreDetector() {
        Conv2D conv = new Conv2D(2, 3, ActivationFunction.LINEAR);
        Sequential model = new Sequential(SIZE, SIZE, 1).add(conv);
        float[] k = conv.parameters().get("kernel").data(); // [3, 3, 1, 2]
        k[4 * 2] = 1f;
        k[4 * 2 + 1] = -1f;
        return model;
    }

    @Test
    void findsTheBrightestAndDarkestDotsInOrder() {
        List<List<TopActivation>> top = TopActivations.find(centreDetector(), dataset(), 0, new int[] {0, 1}, 9);
        // Channel 0 peaks at image i's bright dot (unit = dot - 1 for the 3x3 VALID window), value (110 + 10 i) / 255:
        // images 11, 10, ..., 3.
        for (int rank = 0; rank < 9; rank++) {
            int i = 11 - rank;
            TopActivation hit = top.get(0).get(rank);
            assertEquals(i, hit.image(), "channel 0 rank " + rank);
            assertEquals(bright(i)[0] - 1, hit.y());
            assertEquals(bright(i)[1] - 1, hit.x());
            assertEquals((110 + 10 * i) / 255f, hit.value(), 1e-6);
            assertEquals(new Region(bright(i)[0] - 1, bright(i)[1] - 1, 3, 3), hit.field());
        }
        // Channel 1 peaks at the dark dot, value -(90 - 5 r) / 255 with r = 7 i mod 12: ranks r = 11, 10, ...;
        // since 7 * 7 = 49 = 1 mod 12, the image with rank r is 7 r mod 12.
        for (int rank = 0; rank < 9; rank++) {
            int i = 7 * (11 - rank) % 12;
            TopActivation hit = top.get(1).get(rank);
            assertEquals(i, hit.image(), "channel 1 rank " + rank);
            assertEquals(dark(i)[0] - 1, hit.y());
            assertEquals(dark(i)[1] - 1, hit.x());
        }
    }

    @Test
    void eachTileIsTheImageCroppedToTheUnitsField() {
        ImageDataset data = dataset();
        Sheet sheet = TopActivations.sheet(centreDetector(), data, 0, new int[] {0}, 9);
        BufferedImage image = sheet.render();
        int scale = 16; // a 3-pixel field enlarged to at least 48
        for (int rank = 0; rank < 9; rank++) {
            int i = 11 - rank;
            int[] b = bright(i);
            int[] expected = new int[9];
            for (int y = 0; y < 3; y++) {
                for (int x = 0; x < 3; x++) {
                    expected[y * 3 + x] = data.pixels()[i * SIZE * SIZE + (b[0] - 1 + y) * SIZE + b[1] - 1 + x] & 0xFF;
                }
            }
            assertEquals(110 + 10 * i, expected[4], "the dot is in the middle of the patch");
            TilePixels.assertGreyTile("patch " + rank, image, sheet.tileBounds(0, rank), expected, 3, 3, scale);
        }
    }

    @Test
    void rejectsAMismatchedDatasetAndUnknownChannels() {
        ImageDataset small = new ImageDataset("small", 4, 4, 1, new byte[16], new int[1], List.of("a"));
        assertThrows(IllegalArgumentException.class,
                () -> TopActivations.find(centreDetector(), small, 0, new int[] {0}, 9));
        assertThrows(IllegalArgumentException.class,
                () -> TopActivations.find(centreDetector(), dataset(), 0, new int[] {2}, 9));
    }
}

package dev.fovea.viz.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.model.Model;
import dev.fovea.viz.ModelInput;
import dev.fovea.viz.TilePixels;
import dev.fovea.viz.activations.FeatureMaps;
import dev.fovea.viz.attribution.GradCam;
import dev.fovea.viz.attribution.Saliency;
import dev.fovea.viz.filters.EdgeDetection;
import dev.fovea.viz.filters.FilterGrid;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagePicturesTest {
    @TempDir
    Path temp;

    @Test
    void writesEachPictureOfTheImageForTheChosenClass() throws IOException {
        Model model = TinyRun.model();
        float[] pixels = ModelInput.pixels(TinyRun.test(), 3);
        Path dir = temp.resolve("pictures");

        List<Path> files = ImagePictures.write(model, pixels, 1, dir);

        assertEquals(List.of("input.png", "filters.png", "feature-maps.png", "saliency.png", "grad-cam.png",
                "edges.png"), files.stream().map(f -> dir.relativize(f).toString()).toList());
        BufferedImage input = ImageIO.read(files.get(0).toFile());
        int[] levels = new int[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            levels[i] = Math.round(pixels[i]);
        }
        TilePixels.assertGreyTile("input.png", input, new Rectangle(0, 0, input.getWidth(), input.getHeight()),
                levels, TinyRun.SIZE, TinyRun.SIZE, 1);
        Map<String, BufferedImage> expected = Map.of(
                "filters.png", FilterGrid.draw(model),
                "feature-maps.png", FeatureMaps.draw(model, pixels),
                "saliency.png", Saliency.draw(model, pixels, 1),
                "grad-cam.png", GradCam.draw(model, pixels, 1),
                "edges.png", EdgeDetection.draw(pixels, TinyRun.SIZE, TinyRun.SIZE));
        for (Path file : files.subList(1, files.size())) {
            String name = file.getFileName().toString();
            assertSamePicture(name, expected.get(name), ImageIO.read(file.toFile()));
        }
        assertDifferent(Saliency.draw(model, pixels, 0), ImageIO.read(files.get(3).toFile()),
                "the saliency of class 0 is another picture than class 1's");
    }

    @Test
    void anImageOfTheWrongSizeIsRefusedBeforeAnythingIsWritten() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImagePictures.write(TinyRun.model(), new float[10], 0, temp.resolve("pictures")));
        assertTrue(e.getMessage().contains("the image has 10 values"), e.getMessage());
        assertTrue(!temp.resolve("pictures").toFile().exists());
    }

    private static void assertSamePicture(String what, BufferedImage expected, BufferedImage actual) {
        assertEquals(expected.getWidth(), actual.getWidth(), what + " width");
        assertEquals(expected.getHeight(), actual.getHeight(), what + " height");
        for (int y = 0; y < expected.getHeight(); y++) {
            for (int x = 0; x < expected.getWidth(); x++) {
                assertEquals(expected.getRGB(x, y) & 0xFFFFFF, actual.getRGB(x, y) & 0xFFFFFF,
                        what + ": pixel (" + x + ", " + y + ")");
            }
        }
    }

    private static void assertDifferent(BufferedImage a, BufferedImage b, String what) {
        for (int y = 0; y < Math.min(a.getHeight(), b.getHeight()); y++) {
            for (int x = 0; x < Math.min(a.getWidth(), b.getWidth()); x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    return;
                }
            }
        }
        throw new AssertionError(what);
    }
}

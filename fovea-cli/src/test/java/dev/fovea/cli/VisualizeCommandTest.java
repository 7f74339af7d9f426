package dev.fovea.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.image.Crop;
import dev.fovea.image.ImageFiles;
import dev.fovea.model.BuiltinModels;
import dev.fovea.model.Model;
import dev.fovea.testing.TestImages;
import dev.fovea.viz.attribution.Saliency;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VisualizeCommandTest {
    private static final List<String> CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    private static final List<String> PICTURES = List.of("input.png", "filters.png", "feature-maps.png",
            "saliency.png", "grad-cam.png", "edges.png");

    @TempDir
    Path temp;
    Path modelFile;
    Path image;

    @BeforeEach
    void saveAModelAndAnImage() {
        modelFile = temp.resolve("model.safetensors");
        BuiltinModels.create("scratch-mnist", 28, 28, 1).initialize(11).classNames(CLASSES).save(modelFile);
        // A colour photo of another size: converted to grey and resized, as predict does.
        image = TestImages.write(TestImages.colour(40, 30, 3), "png", temp.resolve("photo.png"));
    }

    @Test
    void printsThePredictionAndWritesEveryPicture() throws IOException {
        Path out = temp.resolve("pictures");
        Cli.Result result = Cli.run("visualize", "--model-file", modelFile.toString(), "--image", image.toString(),
                "--out", out.toString());

        assertEquals(0, result.exitCode(), result.err());
        List<String> lines = result.out().lines().toList();
        Cli.Result predicted = Cli.run("predict", "--model-file", modelFile.toString(), image.toString());
        assertEquals(predicted.out().lines().toList(), lines.subList(0, 4), "the same prediction as predict");
        String best = lines.get(1).strip().replaceAll("\\s+\\d\\.\\d{4}$", "");
        assertEquals("Saliency and Grad-CAM explain class " + CLASSES.indexOf(best) + " (" + best + ")", lines.get(4));
        for (int i = 0; i < PICTURES.size(); i++) {
            assertEquals("Wrote " + out.resolve(PICTURES.get(i)), lines.get(5 + i));
            assertTrue(ImageIO.read(out.resolve(PICTURES.get(i)).toFile()) != null, PICTURES.get(i) + " decodes");
        }
        BufferedImage input = ImageIO.read(out.resolve("input.png").toFile());
        assertEquals(28, input.getWidth());
        assertEquals(28, input.getHeight());
        float[] seen = ImageFiles.read(image, 28, 28, 1, Crop.NONE);
        for (int p = 0; p < seen.length; p++) {
            assertEquals(Math.round(seen[p]), input.getRGB(p % 28, p / 28) & 0xFF, "pixel " + p);
        }
    }

    @Test
    void classChoosesWhatSaliencyExplainsByNameOrNumber() throws IOException {
        Path out = temp.resolve("trouser");
        Cli.Result byName = Cli.run("visualize", "--model-file", modelFile.toString(), "--image", image.toString(),
                "--out", out.toString(), "--class", "trouser");
        assertEquals(0, byName.exitCode(), byName.err());
        assertTrue(byName.out().contains("Saliency and Grad-CAM explain class 1 (Trouser)"), byName.out());
        float[] pixels = ImageFiles.read(image, 28, 28, 1, Crop.NONE);
        BufferedImage expected = Saliency.draw(Model.load(modelFile), pixels, 1);
        BufferedImage written = ImageIO.read(out.resolve("saliency.png").toFile());
        assertEquals(expected.getWidth(), written.getWidth());
        for (int y = 0; y < expected.getHeight(); y++) {
            for (int x = 0; x < expected.getWidth(); x++) {
                assertEquals(expected.getRGB(x, y) & 0xFFFFFF, written.getRGB(x, y) & 0xFFFFFF,
                        "pixel (" + x + ", " + y + ")");
            }
        }

        Cli.Result byNumber = Cli.run("visualize", "--model-file", modelFile.toString(), "--image", image.toString(),
                "--out", out.toString(), "--class", "9");
        assertTrue(byNumber.out().contains("explain class 9 (Ankle boot)"), byNumber.out());
    }

    @Test
    void anUnknownClassIsAOneLineFailureListingTheClasses() {
        Cli.Result result = Cli.run("visualize", "--model-file", modelFile.toString(), "--image", image.toString(),
                "--out", temp.resolve("x").toString(), "--class", "Hat");
        assertEquals(1, result.exitCode());
        assertEquals(1, result.errLines().size(), result.err());
        assertTrue(result.err().contains("--class Hat: the model's classes are T-shirt/top, Trouser"), result.err());
        assertTrue(!temp.resolve("x").toFile().exists(), "nothing written");
    }

    @Test
    void aMissingImageIsAOneLineFailureNamingIt() {
        Path missing = temp.resolve("missing.png");
        Cli.Result result = Cli.run("visualize", "--model-file", modelFile.toString(), "--image", missing.toString());
        assertEquals(1, result.exitCode());
        assertEquals(1, result.errLines().size(), result.err());
        assertTrue(result.err().contains(missing.toString()), result.err());
    }
}

package dev.fovea.cli;

import dev.fovea.testing.TestImages;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.model.BuiltinModels;
import dev.fovea.model.Model;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictCommandTest {
    private static final List<String> CLASSES =
            List.of("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine");

    @TempDir
    Path temp;
    Path greyModelFile;
    Path colourModelFile;

    @BeforeEach
    void saveModels() {
        greyModelFile = temp.resolve("grey.safetensors");
        BuiltinModels.create("scratch-mnist", 28, 28, 1).initialize(11).classNames(CLASSES).save(greyModelFile);
        colourModelFile = temp.resolve("colour.safetensors");
        BuiltinModels.create("scratch-mnist", 8, 8, 3).initialize(12).classNames(CLASSES).save(colourModelFile);
    }

    @Test
    void anImageOfTheModelsSizeGetsExactlyWhatPredictPixelsGives() {
        var image = TestImages.grey(28, 28, 1);
        Path file = TestImages.write(image, "png", temp.resolve("digit.png"));

        Cli.Result result = Cli.run("predict", "--model-file", greyModelFile.toString(), "--top-k", "10", file.toString());

        assertEquals(0, result.exitCode(), result.err());
        float[] expected = Model.load(greyModelFile).predictPixels(TestImages.greyValues(image));
        Map<String, Double> printed = predictions(result.out()).get(file.toString());
        assertEquals(10, printed.size());
        printed.forEach((name, p) -> assertEquals(expected[CLASSES.indexOf(name)], p, 1e-4, name));
    }

    @Test
    void aColourImageOfTheModelsSizeKeepsItsChannels() {
        var image = TestImages.colour(8, 8, 2);
        Path file = TestImages.write(image, "png", temp.resolve("colour.png"));

        Cli.Result result = Cli.run("predict", "--model-file", colourModelFile.toString(), "--top-k", "10", file.toString());

        assertEquals(0, result.exitCode(), result.err());
        float[] expected = Model.load(colourModelFile).predictPixels(TestImages.rgbValues(image));
        predictions(result.out()).get(file.toString())
                .forEach((name, p) -> assertEquals(expected[CLASSES.indexOf(name)], p, 1e-4, name));
    }

    @Test
    void imagesOfAnySizeAndKindGetTopKClassesInOrderWithProbabilitiesSummingToOne() {
        List<Path> files = List.of(
                TestImages.write(TestImages.grey(100, 60, 3), "png", temp.resolve("big-grey.png")),
                TestImages.write(TestImages.grey(10, 12, 4), "jpg", temp.resolve("small-grey.jpg")),
                TestImages.write(TestImages.colour(90, 120, 5), "jpg", temp.resolve("big-colour.jpg")),
                TestImages.write(TestImages.colour(7, 5, 6), "bmp", temp.resolve("small-colour.bmp")));
        for (Path model : List.of(greyModelFile, colourModelFile)) {
            List<String> args = new ArrayList<>(List.of("predict", "--model-file", model.toString(), "--top-k", "10"));
            files.forEach(f -> args.add(f.toString()));

            Cli.Result result = Cli.run(args.toArray(String[]::new));

            assertEquals(0, result.exitCode(), result.err());
            Map<String, Map<String, Double>> all = predictions(result.out());
            assertEquals(files.stream().map(Path::toString).toList(), new ArrayList<>(all.keySet()));
            for (Map<String, Double> top : all.values()) {
                assertEquals(1.0, top.values().stream().mapToDouble(Double::doubleValue).sum(), 1e-3);
                double[] probabilities = top.values().stream().mapToDouble(Double::doubleValue).toArray();
                double[] sorted = top.values().stream().mapToDouble(Double::doubleValue).map(p -> -p).sorted().map(p -> -p).toArray();
                assertArrayEquals(sorted, probabilities, "most likely first");
            }
        }
    }

    @Test
    void topKLimitsTheClassesShown() {
        Path file = TestImages.write(TestImages.grey(28, 28, 7), "png", temp.resolve("digit.png"));
        Cli.Result top3 = Cli.run("predict", "--model-file", greyModelFile.toString(), file.toString());
        Cli.Result top1 = Cli.run("predict", "--model-file", greyModelFile.toString(), "--top-k", "1", file.toString());
        Map<String, Double> three = predictions(top3.out()).get(file.toString());
        Map<String, Double> one = predictions(top1.out()).get(file.toString());
        assertEquals(3, three.size());
        assertEquals(List.of(three.keySet().iterator().next()), new ArrayList<>(one.keySet()));
    }

    @Test
    void aFileThatIsNotAnImageIsAOneLineFailureNamingIt() throws IOException {
        Path good = TestImages.write(TestImages.grey(28, 28, 8), "png", temp.resolve("good.png"));
        Path text = Files.writeString(temp.resolve("x.png"), "this is not a picture\n");

        Cli.Result result = Cli.run("predict", "--model-file", greyModelFile.toString(), good.toString(), text.toString());

        assertEquals(1, result.exitCode());
        assertEquals(List.of("fovea: error: " + text + ": not a PNG, JPEG, GIF or BMP image"), result.errLines());
        assertEquals("", result.out(), "no partial output");
    }

    @Test
    void aMissingImageIsAOneLineFailureNamingIt() {
        Path missing = temp.resolve("missing.png");
        Cli.Result result = Cli.run("predict", "--model-file", greyModelFile.toString(), missing.toString());
        assertEquals(1, result.exitCode());
        assertEquals(List.of("fovea: error: " + missing + ": no such file"), result.errLines());
    }

    @Test
    void aDamagedModelFileIsAOneLineFailure() throws IOException {
        Path damaged = Files.write(temp.resolve("damaged.safetensors"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
        Path file = TestImages.write(TestImages.grey(28, 28, 9), "png", temp.resolve("digit.png"));

        Cli.Result result = Cli.run("predict", "--model-file", damaged.toString(), file.toString());

        assertEquals(1, result.exitCode());
        assertEquals(1, result.errLines().size(), result.err());
        assertTrue(result.err().startsWith("fovea: error: ") && result.err().contains(damaged.toString()), result.err());
    }

    @Test
    void imagesAreRequired() {
        Cli.Result result = Cli.run("predict", "--model-file", greyModelFile.toString());
        assertEquals(2, result.exitCode());
    }

    /** Parses predict's output: per image file, class name to probability in the printed order. */
    private static Map<String, Map<String, Double>> predictions(String out) {
        Map<String, Map<String, Double>> all = new LinkedHashMap<>();
        Map<String, Double> current = null;
        for (String line : out.lines().toList()) {
            if (!line.startsWith("  ")) {
                current = new LinkedHashMap<>();
                all.put(line, current);
            } else {
                String[] parts = line.trim().split("\\s+");
                current.put(parts[0], Double.parseDouble(parts[1]));
            }
        }
        return all;
    }
}

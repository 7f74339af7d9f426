package dev.fovea.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.image.Crop;
import dev.fovea.model.Model;
import dev.fovea.testing.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data options through the commands: folders of images, and what applies to which dataset. */
class DatasetOptionsTest {
    @TempDir
    Path temp;

    /** Two classes of photos told apart by colour: reddish cats and bluish dogs, of assorted sizes. */
    private Path twoClassFolder(int perClass) throws IOException {
        Path root = temp.resolve("pets");
        for (int i = 0; i < perClass; i++) {
            int shade = 40 * (i % 4);
            TestImages.write(TestImages.solid(60 + i, 45 + 2 * i, 0xC00000 | shade << 8 | shade),
                    "jpg", Files.createDirectories(root.resolve("cats")).resolve("cat " + i + ".jpg"));
            TestImages.write(TestImages.solid(50 + 2 * i, 70 - i, shade << 16 | shade << 8 | 0xC0),
                    "png", Files.createDirectories(root.resolve("dogs")).resolve("dog(" + i + ").png"));
        }
        return root;
    }

    private static Cli.Result train(Path root, Path out, String model, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("train", "--model", model,
                "--dataset", "folder:" + root, "--out", out.toString(), "--threads", "1", "--epochs", "1"));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void binary150TrainsOnATwoClassFolderAtItsOwnInputSize() throws IOException {
        Path root = twoClassFolder(10);
        Path run = temp.resolve("run");
        Cli.Result result = train(root, run, "binary-150", "--batch-size", "4");
        assertEquals(0, result.exitCode(), result.err());
        assertEquals("", result.err());
        // 15 % of 10 per class, rounded, is held out: 2 cats and 2 dogs.
        assertTrue(result.out().contains("Dataset folder:" + root + " from " + root
                + ": 16 training and 4 test images of 150x150x3, 2 classes"), result.out());
        assertTrue(result.out().matches("(?s).*Test loss: \\d+\\.\\d{4}  Test accuracy: \\d\\.\\d{4}\n.*"), result.out());
        Model model = Model.load(run.resolve("model.safetensors"));
        assertEquals(List.of("cats", "dogs"), model.classNames());
        assertEquals(List.of(150, 150, 3), java.util.Arrays.stream(model.inputShape()).boxed().toList());
    }

    @Test
    void filesThatAreNotImagesAreSkippedWithAWarningOrRefusedWhenStrict() throws IOException {
        Path root = twoClassFolder(4);
        Files.writeString(root.resolve("cats").resolve(".DS_Store"), "\0\0\0\1Bud1");
        Files.writeString(root.resolve("dogs").resolve("notes.jpg"), "not a photo");
        Cli.Result lenient = train(root, temp.resolve("a"), "keras-fashion", "--val-split", "0.25");
        assertEquals(0, lenient.exitCode(), lenient.err());
        assertTrue(lenient.err().startsWith("fovea: warning: skipped 2 of 10 files that are not readable images: "),
                lenient.err());
        assertTrue(lenient.err().contains(".DS_Store") && lenient.err().contains("notes.jpg"), lenient.err());

        Cli.Result strict = train(root, temp.resolve("b"), "keras-fashion", "--strict");
        assertEquals(1, strict.exitCode());
        assertEquals(1, strict.errLines().size(), strict.err());
        assertTrue(strict.err().contains(".DS_Store") && strict.err().contains("notes.jpg"), strict.err());
    }

    @Test
    void aFolderWithOneClassCannotTrainAClassifier() throws IOException {
        Path root = temp.resolve("one");
        TestImages.write(TestImages.grey(8, 8, 1), "png", Files.createDirectories(root.resolve("only")).resolve("a.png"));
        Cli.Result result = train(root, temp.resolve("run"), "keras-fashion");
        assertEquals(1, result.exitCode());
        assertTrue(result.err().contains("a classifier needs at least two"), result.err());
    }

    @Test
    void centreCropIsStoredWithTheModelAndEvaluateFindsTheSameTestSplit() throws IOException {
        Path root = twoClassFolder(8);
        Path run = temp.resolve("run");
        Cli.Result trained = train(root, run, "keras-fashion", "--image-size", "20x24", "--crop", "center",
                "--val-split", "0.25", "--seed", "5");
        assertEquals(0, trained.exitCode(), trained.err());
        assertTrue(trained.out().contains("12 training and 4 test images of 20x24x1"), trained.out());
        Model model = Model.load(run.resolve("model.safetensors"));
        assertEquals(Crop.CENTER, model.inputCrop());

        Cli.Result evaluated = Cli.run("evaluate", "--model-file", run.resolve("model.safetensors").toString(),
                "--dataset", "folder:" + root, "--val-split", "0.25", "--seed", "5", "--crop", "center");
        assertEquals(0, evaluated.exitCode(), evaluated.err());
        assertTrue(evaluated.out().contains("test split from " + root + ": 4 images"), evaluated.out());
        String trainedAccuracy = trained.out().replaceAll("(?s).*Test accuracy: (\\d\\.\\d{4}).*", "$1");
        assertTrue(evaluated.out().contains("Test accuracy: " + trainedAccuracy + "\n"),
                "same split, same accuracy as training's " + trainedAccuracy + ": " + evaluated.out());
    }

    @Test
    void folderOptionsAreRefusedForABuiltInDataset() {
        Cli.Result result = Cli.run("train", "--image-size", "32", "--out", temp.resolve("run").toString());
        assertEquals(1, result.exitCode());
        assertTrue(result.err().contains("--image-size, --crop, --val-split and --strict apply to folder datasets"),
                result.err());
    }

    @Test
    void badFolderOptionValuesAreUsageErrors() {
        assertEquals(2, Cli.run("train", "--dataset", "folder:").exitCode());
        assertEquals(2, Cli.run("train", "--dataset", "folder:x", "--image-size", "0x5").exitCode());
        assertEquals(2, Cli.run("train", "--dataset", "folder:x", "--val-split", "1").exitCode());
        assertEquals(2, Cli.run("train", "--dataset", "folder:x", "--crop", "sides").exitCode());
    }
}

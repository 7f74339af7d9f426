package dev.fovea.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.data.DatasetLocator;
import dev.fovea.data.ImageSource;
import dev.fovea.data.folder.FolderOptions;
import dev.fovea.data.folder.ImageFolder;
import dev.fovea.io.Json;
import dev.fovea.model.Model;
import dev.fovea.testing.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
    @TempDir
    Path temp;

    /** A short run of scratch-mnist on a tiny IDX dataset in {@code data}. */
    private Path trainedRun(Path data) throws IOException {
        TinyIdxDataset.writeTo(Files.createDirectories(data), 40, 20);
        Path run = temp.resolve("run");
        Cli.Result result = Cli.run("train", "--model", "scratch-mnist", "--data-dir", data.toString(),
                "--out", run.toString(), "--threads", "1", "--epochs", "1", "--batch-size", "10");
        assertEquals(0, result.exitCode(), result.err());
        return run;
    }

    /** The confusion matrix the report shows, from its table cells. */
    private static int[][] shownConfusion(String html, int classes) {
        Matcher cells = Pattern.compile("<td data-true=\"(\\d+)\" data-predicted=\"(\\d+)\"[^>]*>(\\d+)</td>")
                .matcher(html);
        int[][] counts = new int[classes][classes];
        int found = 0;
        while (cells.find()) {
            int trueClass = Integer.parseInt(cells.group(1));
            counts[trueClass][Integer.parseInt(cells.group(2))] = Integer.parseInt(cells.group(3));
            found++;
        }
        assertEquals(classes * classes, found, "cells of the confusion matrix");
        return counts;
    }

    /** The confusion matrix of predicting every image alone, by arg-max of predictPixels. */
    private static int[][] confusion(Model model, ImageSource images) {
        int classes = images.numClasses();
        int[][] counts = new int[classes][classes];
        byte[] bytes = new byte[images.imageSize()];
        for (int i = 0; i < images.size(); i++) {
            images.read(i, bytes, 0);
            float[] pixels = new float[bytes.length];
            for (int p = 0; p < bytes.length; p++) {
                pixels[p] = bytes[p] & 0xFF;
            }
            float[] out = model.predictPixels(pixels);
            int best = 0;
            for (int k = 1; k < out.length; k++) {
                best = out[k] > out[best] ? k : best;
            }
            counts[images.label(i)][best]++;
        }
        return counts;
    }

    @Test
    void writesTheReportOfARunEvaluatedOnItsTestSplit() throws IOException {
        Path data = temp.resolve("data");
        Path run = trainedRun(data);

        Cli.Result result = Cli.run("report", run.toString());

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("", result.err());
        assertTrue(result.out().startsWith("Evaluating run on 20 test images of fashion-mnist from " + data),
                result.out());
        assertTrue(result.out().endsWith("Report written to " + run.resolve("report.html") + "\n"), result.out());
        String html = Files.readString(run.resolve("report.html"));
        for (String section : new String[] {"setup", "curves", "confusion", "mistakes", "filters", "edges", "journey",
                "patches", "attribution", "weights"}) {
            assertTrue(html.contains("<section id=\"" + section + "\">"), "section " + section);
        }
        assertTrue(html.contains("data:image/gif;base64,"), "the filters' evolution from the run");
        assertTrue(html.contains("alt=\"loss of every batch and its moving average\""),
                "the batch losses from the run");
        ImageSource test = DatasetLocator.standard().withOffline(true).load("fashion-mnist", Optional.of(data)).test();
        int[][] expected = confusion(Model.load(run.resolve("model.safetensors")), test);
        int[][] shown = shownConfusion(html, 10);
        for (int k = 0; k < 10; k++) {
            assertArrayEquals(expected[k], shown[k], "row of class " + k);
        }
    }

    @Test
    void dataThatMovedIsFoundWithDataDir() throws IOException {
        Path data = temp.resolve("data");
        Path run = trainedRun(data);
        Path moved = Files.move(data, temp.resolve("moved"));

        Cli.Result lost = Cli.run("report", run.toString(), "--offline");
        assertEquals(1, lost.exitCode());
        assertEquals(1, lost.errLines().size(), lost.err());
        assertTrue(lost.err().contains(data.toString()), "names where the run's data was: " + lost.err());

        Cli.Result found = Cli.run("report", run.toString(), "--offline", "--data-dir", moved.toString());
        assertEquals(0, found.exitCode(), found.err());
        assertTrue(Files.exists(run.resolve("report.html")));
    }

    @Test
    void aFolderRunIsReportedOnTheSameHeldOutImages() throws IOException {
        Path root = temp.resolve("pets");
        for (int i = 0; i < 10; i++) {
            int shade = 25 * i;
            TestImages.write(TestImages.solid(30 + i, 24, 0xC00000 | shade << 8), "png",
                    Files.createDirectories(root.resolve("cats")).resolve("cat" + i + ".png"));
            TestImages.write(TestImages.solid(26, 30 - i, shade << 8 | 0xC0), "png",
                    Files.createDirectories(root.resolve("dogs")).resolve("dog" + i + ".png"));
        }
        Path run = temp.resolve("run");
        Cli.Result trained = Cli.run("train", "--model", "keras-fashion", "--dataset", "folder:" + root,
                "--image-size", "20", "--val-split", "0.3", "--seed", "5", "--epochs", "1", "--batch-size", "7",
                "--threads", "1", "--out", run.toString());
        assertEquals(0, trained.exitCode(), trained.err());
        Map<String, Object> config = Json.parseObject(Files.readString(run.resolve("config.json")));
        assertEquals(root.toAbsolutePath().normalize().toString(), config.get("data_dir"));
        assertEquals("0.3", config.get("val_split"));
        assertEquals("20x20", config.get("image_size"));

        Cli.Result result = Cli.run("report", run.toString());

        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().startsWith("Evaluating run on 6 test images of folder:" + root), result.out());
        ImageSource heldOut = ImageFolder.open(root, FolderOptions.of(20, 20, 1).heldOutFraction(0.3).seed(5)).test();
        int[][] expected = confusion(Model.load(run.resolve("model.safetensors")), heldOut);
        int[][] shown = shownConfusion(Files.readString(run.resolve("report.html")), 2);
        assertArrayEquals(expected[0], shown[0]);
        assertArrayEquals(expected[1], shown[1]);
    }

    @Test
    void aDirectoryThatIsNotAFinishedRunIsAOneLineFailure() throws IOException {
        Path empty = Files.createDirectory(temp.resolve("empty"));
        assertOneLineFailure(Cli.run("report", empty.toString()), "has no model.safetensors");
        Files.writeString(empty.resolve("model.safetensors"), "not really");
        assertOneLineFailure(Cli.run("report", empty.toString()), "has no config.json");
        assertOneLineFailure(Cli.run("report", temp.resolve("absent").toString()), "is not a directory");
    }

    @Test
    void aConfigurationWithABadValueIsAOneLineFailureNamingTheField() throws IOException {
        Path run = trainedRun(temp.resolve("data"));
        Path config = run.resolve("config.json");
        Files.writeString(config, Files.readString(config).replace("\"seed\": \"42\"", "\"seed\": \"many\""));
        assertOneLineFailure(Cli.run("report", run.toString(), "--offline"), "config.json: field seed");
        Files.writeString(config, "{\"model\": \"scratch-mnist\"}");
        assertOneLineFailure(Cli.run("report", run.toString(), "--offline"), "config.json has no field dataset");
    }

    private static void assertOneLineFailure(Cli.Result result, String expected) {
        assertEquals(1, result.exitCode(), result.out());
        assertEquals(1, result.errLines().size(), result.err());
        assertTrue(result.err().startsWith("fovea: error: ") && result.err().contains(expected), result.err());
    }
}

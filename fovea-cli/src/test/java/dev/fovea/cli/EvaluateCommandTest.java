package dev.fovea.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.model.BuiltinModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateCommandTest {
    @TempDir
    Path temp;
    Path data;

    @BeforeEach
    void writeDataset() throws IOException {
        data = TinyIdxDataset.writeTo(Files.createDirectory(temp.resolve("data")), 10, 30);
    }

    @Test
    void printsAccuracyPerClassAndTheConfusionMatrix() {
        Path modelFile = temp.resolve("model.safetensors");
        BuiltinModels.create("scratch-mnist", 28, 28, 1).initialize(5)
                .classNames(List.of("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"))
                .save(modelFile);

        Cli.Result result = Cli.run("evaluate", "--model-file", modelFile.toString(), "--data-dir", data.toString());

        assertEquals(0, result.exitCode(), result.err());
        String out = result.out();
        assertTrue(out.contains("Test accuracy: "), out);
        assertTrue(out.contains("Test loss: "), out);
        assertTrue(out.contains("  7 seven "), "class names come from the model file: " + out);
        assertTrue(out.contains("Confusion matrix (rows: true class, columns: predicted class):"), out);
        String header = out.lines().filter(l -> l.contains("true \\ predicted")).findFirst().orElseThrow();
        assertTrue(header.endsWith("8  9"), header);
        long rows = out.lines().filter(l -> l.length() == header.length() && l.matches("  \\d .*")).count();
        assertEquals(10, rows, "ten rows as wide as the header: " + out);
    }

    @Test
    void aModelForAnotherImageSizeIsAOneLineFailure() {
        Path modelFile = temp.resolve("small.safetensors");
        BuiltinModels.create("scratch-mnist", 8, 8, 1).initialize(5).save(modelFile);

        Cli.Result result = Cli.run("evaluate", "--model-file", modelFile.toString(), "--data-dir", data.toString());

        assertEquals(1, result.exitCode());
        assertEquals(1, result.errLines().size(), result.err());
        assertTrue(result.err().contains("takes 8x8x1 images but dataset fashion-mnist has 28x28x1 images"), result.err());
    }

    @Test
    void aDamagedModelFileIsAOneLineFailure() throws IOException {
        Path modelFile = temp.resolve("damaged.safetensors");
        BuiltinModels.create("scratch-mnist", 28, 28, 1).initialize(5).save(modelFile);
        byte[] bytes = Files.readAllBytes(modelFile);
        Files.write(modelFile, Arrays.copyOf(bytes, bytes.length / 2));

        Cli.Result result = Cli.run("evaluate", "--model-file", modelFile.toString(), "--data-dir", data.toString());

        assertEquals(1, result.exitCode());
        assertEquals(1, result.errLines().size(), result.err());
        assertTrue(result.err().startsWith("fovea: error: ") && result.err().contains(modelFile.toString()), result.err());
    }
}

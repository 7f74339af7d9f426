package dev.fovea.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.data.InputScaling;
import dev.fovea.io.Json;
import dev.fovea.model.Model;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {
    @TempDir
    Path temp;

    private Cli.Result train(Path dataDir, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--model", "scratch-mnist",
                "--data-dir", dataDir.toString(), "--out", out.toString(), "--threads", "1"));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void trainsSavesTheModelAndWritesOneMetricsRowPerEpoch() throws IOException {
        Path data = TinyIdxDataset.writeTo(Files.createDirectory(temp.resolve("data")), 60, 20);
        Path run = temp.resolve("run");

        Cli.Result result = train(data, run, "--epochs", "2");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("", result.err());
        String out = result.out();
        assertTrue(out.contains("Dataset fashion-mnist from " + data), out);
        assertTrue(out.contains("Total params: "), "prints the model summary: " + out);
        assertTrue(out.contains("Epoch 1/2") && out.contains("Epoch 2/2"), out);
        assertTrue(out.contains("ETA "), "progress lines in plain output: " + out);
        assertTrue(out.contains(" - val_accuracy: "), out);
        assertTrue(out.matches("(?s).*Test loss: \\d\\.\\d{4}  Test accuracy: \\d\\.\\d{4}\n.*"), out);
        assertTrue(out.contains("Model saved to " + run.resolve("model.safetensors")), out);

        List<String> csv = Files.readAllLines(run.resolve("metrics.csv"));
        assertEquals(List.of("epoch,loss,accuracy,val_loss,val_accuracy,learning_rate,seconds,data_wait_seconds"), csv.subList(0, 1));
        assertEquals(3, csv.size(), csv.toString());
        assertTrue(csv.get(1).startsWith("1,") && csv.get(2).startsWith("2,"), csv.toString());
        assertTrue(csv.get(2).contains(",0.005,"), "the recipe's learning rate: " + csv);

        assertTrue(Files.readString(run.resolve("config.json")).contains("\"optimizer\": \"sgd\""),
                Files.readString(run.resolve("config.json")));
        try (var events = Files.list(run.resolve("tensorboard").resolve("train"))) {
            assertTrue(events.anyMatch(f -> f.getFileName().toString().startsWith("events.out.tfevents.")));
        }

        Model model = Model.load(run.resolve("model.safetensors"));
        assertEquals(List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"), model.classNames());
    }

    @Test
    void recordsEveryBatchsLossTheFirstLayersFiltersAndWhereTheDataIs() throws IOException {
        Path data = TinyIdxDataset.writeTo(Files.createDirectory(temp.resolve("data")), 60, 20);
        Path run = temp.resolve("run");
        // 60 images in batches of 16: 4 batches an epoch, 8 in all.
        Cli.Result result = train(data, run, "--epochs", "2", "--batch-size", "16");
        assertEquals(0, result.exitCode(), result.err());

        List<String> batches = Files.readAllLines(run.resolve("batches.csv"));
        assertEquals("epoch,batch,batches,loss", batches.get(0));
        assertEquals(9, batches.size(), batches.toString());
        for (int i = 0; i < 8; i++) {
            assertTrue(batches.get(i + 1).startsWith((i / 4 + 1) + "," + (i % 4 + 1) + ",4,"), batches.get(i + 1));
        }
        // 8 steps: a snapshot before training and after every step.
        try (var in = javax.imageio.ImageIO.createImageInputStream(run.resolve("filters.gif").toFile())) {
            var reader = javax.imageio.ImageIO.getImageReadersByFormatName("gif").next();
            reader.setInput(in);
            assertEquals(9, reader.getNumImages(true), "one frame per snapshot");
        }
        assertTrue(javax.imageio.ImageIO.read(run.resolve("filters.png").toFile()) != null, "the strip decodes");

        Map<String, Object> config = Json.parseObject(Files.readString(run.resolve("config.json")));
        assertEquals(data.toAbsolutePath().normalize().toString(), config.get("data_dir"));
        assertEquals("28x28", config.get("image_size"));
        assertEquals(List.of("command", "model", "dataset", "data_dir", "image_size", "image_crop", "epochs"),
                List.copyOf(config.keySet()).subList(0, 7));
        assertTrue(!result.out().contains("batches.csv") && !result.out().contains("filters"),
                "the console shows what it did before: " + result.out());
    }

    @Test
    void augmentationIsNamedInTheLogAndTheDataWaitIsShown() throws IOException {
        Path data = TinyIdxDataset.writeTo(Files.createDirectory(temp.resolve("data")), 30, 10);
        Cli.Result result = train(data, temp.resolve("run"), "--epochs", "1", "--augment", "digits, erase:0.25",
                "--loader-threads", "2");
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("Augmentation of the training images: rotate:10,zoom:0.1,translate:0.1,"
                + "erase:0.25"), result.out());
        assertTrue(result.out().matches("(?s).*s - data wait \\d+\\.\\d\\d ms/step\n.*"), result.out());
    }

    @Test
    void aBadAugmentationIsAUsageErrorNamingTheEntry() throws IOException {
        Path data = TinyIdxDataset.writeTo(Files.createDirectory(temp.resolve("data")), 10, 10);
        Cli.Result result = train(data, temp.resolve("run"), "--augment", "flip,twirl:3");
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("--augment") && result.err().contains("twirl"), result.err());
    }

    @Test
    void labelSmoothingIsAppliedAndRecorded() throws IOException {
        Path data = TinyIdxDataset.writeTo(Files.createDirectory(temp.resolve("data")), 20, 10);
        Path plain = temp.resolve("plain");
        Path smoothed = temp.resolve("smoothed");
        assertEquals(0, train(data, plain, "--epochs", "1").exitCode());
        Cli.Result result = train(data, smoothed, "--epochs", "1", "--label-smoothing", "0.1");
        assertEquals(0, result.exitCode(), result.err());
        String config = Files.readString(smoothed.resolve("config.json"));
        assertTrue(config.contains("label_smoothing=0.1"), config);
        // Same seed, same data: only the targets differ, so the first epoch's training loss does.
        String plainEpoch = Files.readAllLines(plain.resolve("metrics.csv")).get(1).split(",")[1];
        String smoothedEpoch = Files.readAllLines(smoothed.resolve("metrics.csv")).get(1).split(",")[1];
        assertTrue(!plainEpoch.equals(smoothedEpoch), plainEpoch + " vs " + smoothedEpoch);
    }

    @Test
    void labelSmoothingOutOfRangeIsAUsageError() throws IOException {
        Path data = TinyIdxDataset.writeTo(Files.createDirectory(temp.resolve("data")), 10, 10);
        Cli.Result result = train(data, temp.resolve("run"), "--label-smoothing", "1");
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("--label-smoothing"), result.err());
    }

    @Test
    void noTensorboardLeavesTheLogsOut() throws IOException {
        Path data = TinyIdxDataset.writeTo(Files.createDirectory(temp.resolve("data")), 10, 10);
        Path run = temp.resolve("run");
        assertEquals(0, train(data, run, "--epochs", "1", "--no-tensorboard").exitCode());
        assertTrue(Files.exists(run.resolve("model.safetensors")));
        assertTrue(!Files.exists(run.resolve("tensorboard")));
    }

    @Test
    void trainsOnCifar100WithTheChosenLabels() throws IOException {
        Path data = Files.createDirectory(temp.resolve("cifar"));
        writeCifar100(data.resolve("train.bin"), 24);
        writeCifar100(data.resolve("test.bin"), 6);
        List<String> coarse = java.util.stream.IntStream.range(0, 20).mapToObj(i -> "superclass " + i).toList();
        List<String> fine = java.util.stream.IntStream.range(0, 100).mapToObj(i -> "class " + i).toList();
        Files.write(data.resolve("coarse_label_names.txt"), coarse);
        Files.write(data.resolve("fine_label_names.txt"), fine);
        Path run = temp.resolve("run");
        Cli.Result result = Cli.run("train", "--model", "cifar-lenet", "--dataset", "cifar100", "--labels", "coarse",
                "--data-dir", data.toString(), "--out", run.toString(), "--epochs", "1", "--threads", "1");
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("24 training and 6 test images of 32x32x3, 20 classes"), result.out());
        Model model = Model.load(run.resolve("model.safetensors"));
        assertEquals(coarse, model.classNames());
        assertEquals("coarse", Json.parseObject(Files.readString(run.resolve("config.json"))).get("labels"),
                "recorded, so the report loads the same labels");
        assertEquals(2, Cli.run("train", "--dataset", "cifar100", "--labels", "medium").exitCode());
    }

    /** CIFAR-100 binary records: coarse label, fine label, 3,072 pixel bytes. */
    private static void writeCifar100(Path file, int records) throws IOException {
        byte[] bytes = new byte[records * 3074];
        java.util.Random random = new java.util.Random(records);
        random.nextBytes(bytes);
        for (int r = 0; r < records; r++) {
            bytes[r * 3074] = (byte) (r % 20);
            bytes[r * 3074 + 1] = (byte) (r % 100);
        }
        Files.write(file, bytes);
    }

    @Test
    void aDivergingRunStopsWithOneLineNamingTheStep() throws IOException {
        Path data = TinyIdxDataset.writeTo(Files.createDirectory(temp.resolve("data")), 20, 10);
        // 1e39 is a finite double but an infinite float: the first update makes the weights infinite.
        Cli.Result result = train(data, temp.resolve("run"), "--epochs", "1", "--lr", "1e39");
        assertEquals(1, result.exitCode());
        assertEquals(1, result.errLines().size(), result.err());
        assertTrue(result.err().contains("training diverged in epoch 1/1 at step "), result.err());
        assertTrue(!Files.exists(temp.resolve("run").resolve("model.safetensors")), "no model saved");
    }

    @Test
    void theSameSeedGivesTheSameRun() throws IOException {
        Path data = TinyIdxDataset.writeTo(Files.createDirectory(temp.resolve("data")), 30, 10);
        String first = train(data, temp.resolve("a"), "--seed", "7", "--epochs", "1").out();
        String second = train(data, temp.resolve("b"), "--seed", "7", "--epochs", "1").out();
        assertEquals(testLine(first), testLine(second));
    }

    @Test
    void meanImageScalingIsComputedFromTheTrainingSplitAndSavedWithTheModel() throws IOException {
        Path data = TinyIdxDataset.writeTo(Files.createDirectory(temp.resolve("data")), 20, 10);
        Path run = temp.resolve("run");
        assertEquals(0, train(data, run, "--epochs", "1", "--input-scaling", "mean_image").exitCode());
        Model model = Model.load(run.resolve("model.safetensors"));
        assertEquals(InputScaling.Kind.MEAN_IMAGE, model.inputScaling().kind());
        assertEquals(28 * 28, model.inputScaling().meanImage().length);
        Cli.Result bad = train(data, temp.resolve("bad"), "--input-scaling", "zscore");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("expected unit, centered, mean_image or standardize"), bad.err());
    }

    @Test
    void refusesToOverwriteAnEarlierRun() throws IOException {
        Path data = TinyIdxDataset.writeTo(Files.createDirectory(temp.resolve("data")), 10, 10);
        Path run = temp.resolve("run");
        assertEquals(0, train(data, run, "--epochs", "1").exitCode());

        Cli.Result again = train(data, run, "--epochs", "1");

        assertEquals(1, again.exitCode());
        assertEquals(1, again.errLines().size(), again.err());
        assertTrue(again.err().contains("model.safetensors already exists"), again.err());
    }

    @Test
    void aDataDirectoryWithoutTheDatasetIsAOneLineFailure() throws IOException {
        Path empty = Files.createDirectory(temp.resolve("empty"));
        Cli.Result result = train(empty, temp.resolve("run"), "--offline", "--epochs", "1");
        assertEquals(1, result.exitCode());
        assertEquals(1, result.errLines().size(), result.err());
        assertTrue(result.err().contains("train-images-idx3-ubyte.gz"), result.err());
        assertTrue(Files.notExists(temp.resolve("run")), "no run directory for a run that never started");
    }

    private static String testLine(String out) {
        return out.lines().filter(l -> l.startsWith("Test loss")).findFirst().orElseThrow();
    }
}

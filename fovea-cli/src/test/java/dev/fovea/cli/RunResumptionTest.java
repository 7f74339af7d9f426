package dev.fovea.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.model.Model;
import dev.fovea.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --resume}: an interrupted run, continued, ends as the uninterrupted one. */
class RunResumptionTest {
    @TempDir
    Path temp;

    private Cli.Result train(Path data, Path out) {
        return Cli.run("train", "--model", "lenet5", "--data-dir", data.toString(), "--out", out.toString(),
                "--threads", "1", "--epochs", "3", "--batch-size", "8", "--augment", "digits", "--no-tensorboard");
    }

    private static void assertSameWeights(Path expected, Path actual) {
        Map<String, Tensor> e = Model.load(expected).namedParameters();
        Map<String, Tensor> a = Model.load(actual).namedParameters();
        assertEquals(e.keySet(), a.keySet());
        e.forEach((name, tensor) -> assertArrayEquals(tensor.data(), a.get(name).data(), name));
    }

    @Test
    void aResumedRunEndsWithTheUninterruptedRunsWeightsAndMetrics() throws IOException {
        Path data = TinyIdxDataset.writeTo(Files.createDirectory(temp.resolve("data")), 40, 10);
        Path straight = temp.resolve("straight");
        assertEquals(0, train(data, straight).exitCode());

        // The same run, "interrupted" after its second epoch: the last checkpoint and the model are gone.
        Path interrupted = temp.resolve("interrupted");
        assertEquals(0, train(data, interrupted).exitCode());
        Path checkpoints = interrupted.resolve("checkpoints");
        try (var files = Files.list(checkpoints)) {
            assertEquals(List.of("best.safetensors", "checkpoint-0002-000000.safetensors",
                    "checkpoint-0003-000000.safetensors"), files.map(f -> f.getFileName().toString()).sorted().toList());
        }
        Files.delete(checkpoints.resolve("checkpoint-0003-000000.safetensors"));
        Files.delete(interrupted.resolve("model.safetensors"));

        Cli.Result resumed = Cli.run("train", "--resume", interrupted.toString(), "--epochs", "99");
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.out().contains("Resuming from " + checkpoints.resolve("checkpoint-0002-000000.safetensors")
                + ": epoch 3, step 0"), resumed.out());
        assertTrue(resumed.out().contains("Epoch 3/3") && !resumed.out().contains("Epoch 2/3"), resumed.out());
        assertSameWeights(straight.resolve("model.safetensors"), interrupted.resolve("model.safetensors"));
        List<String> straightMetrics = withoutTimes(Files.readAllLines(straight.resolve("metrics.csv")));
        assertEquals(straightMetrics, withoutTimes(Files.readAllLines(interrupted.resolve("metrics.csv"))));
    }

    /** The rows without the last two columns, seconds and data_wait_seconds. */
    private static List<String> withoutTimes(List<String> csv) {
        return csv.stream().map(line -> line.replaceAll(",[^,]*,[^,]*$", "")).toList();
    }

    @Test
    void aFinishedRunOrADirectoryWithoutCheckpointsCannotBeResumed() throws IOException {
        Path data = TinyIdxDataset.writeTo(Files.createDirectory(temp.resolve("data")), 16, 8);
        Path run = temp.resolve("run");
        assertEquals(0, train(data, run).exitCode());
        Cli.Result finished = Cli.run("train", "--resume", run.toString());
        assertEquals(1, finished.exitCode());
        assertTrue(finished.err().contains("holds a finished run"), finished.err());

        Cli.Result nothing = Cli.run("train", "--resume", temp.resolve("data").toString());
        assertEquals(1, nothing.exitCode());
        assertTrue(nothing.err().contains("is not a run directory"), nothing.err());
    }

    @Test
    void finetuneFreezesTheChosenLayersAndLearnsANewHead() throws IOException {
        Path data = TinyIdxDataset.writeTo(Files.createDirectory(temp.resolve("data")), 40, 10);
        Path baseRun = temp.resolve("base");
        assertEquals(0, train(data, baseRun).exitCode());
        Path tunedRun = temp.resolve("tuned");
        Cli.Result tuned = Cli.run("finetune", "--base", baseRun.resolve("model.safetensors").toString(),
                "--freeze-until", "max_pooling2d_1", "--data-dir", data.toString(), "--out", tunedRun.toString(),
                "--threads", "1", "--epochs", "2", "--lr", "0.01", "--no-tensorboard");
        assertEquals(0, tuned.exitCode(), tuned.err());
        assertTrue(tuned.out().contains("Non-trainable params: 2,572"), "conv 156 + conv 2,416: " + tuned.out());
        Map<String, Tensor> base = Model.load(baseRun.resolve("model.safetensors")).namedParameters();
        Map<String, Tensor> after = Model.load(tunedRun.resolve("model.safetensors")).namedParameters();
        for (String frozen : List.of("conv2d/kernel", "conv2d/bias", "conv2d_1/kernel", "conv2d_1/bias")) {
            assertArrayEquals(base.get(frozen).data(), after.get(frozen).data(), frozen);
        }
        assertTrue(!java.util.Arrays.equals(base.get("dense/kernel").data(), after.get("dense/kernel").data()),
                "the unfrozen layers learned");

        Cli.Result badLayer = Cli.run("finetune", "--base", baseRun.resolve("model.safetensors").toString(),
                "--freeze-until", "conv9", "--data-dir", data.toString(), "--out", temp.resolve("bad").toString());
        assertEquals(1, badLayer.exitCode());
        assertTrue(badLayer.err().contains("no layer named 'conv9'"), badLayer.err());
    }
}

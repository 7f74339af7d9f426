package dev.fovea.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.io.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchCommandTest {
    /** One JSON object on one line (valid JSON: no NaN or Infinity), holding every key; returned parsed. */
    private static Map<String, Object> assertJsonLine(String line, String... keys) {
        Map<String, Object> json = Json.parseObject(line);
        for (String key : keys) {
            assertTrue(json.containsKey(key), key + " missing in " + line);
        }
        return json;
    }

    @Test
    void gemmPrintsOneJsonLineWithGflops() {
        Cli.Result result = Cli.run("bench", "--gemm", "64", "--threads", "1", "--seconds", "0.2",
                "--max-seconds", "0.5");   // a busy machine has no clean windows: do not wait for them
        assertEquals(0, result.exitCode(), result.err());
        List<String> lines = result.out().lines().toList();
        assertEquals(1, lines.size(), result.out());
        Map<String, Object> json = assertJsonLine(lines.get(0), "mode", "gflops", "threads", "jdk", "gemm",
                "gemm_tile", "peak_rss_mb", "clean_windows");
        assertEquals(1L, json.get("threads"));
        assertTrue(String.valueOf(json.get("gemm_tile")).matches("4x16|4x32/8x16|4x32/8x16/8x32/4x64"), lines.get(0));
        assertTrue(json.get("gflops") instanceof Number g && g.doubleValue() > 0, lines.get(0));
    }

    @Test
    void modelRunPrintsThePeersKeys() {
        Cli.Result result = Cli.run("bench", "--model", "B", "--batch-size", "16", "--synthetic",
                "--seconds", "0.3", "--infer-seconds", "0.2", "--warmup", "2", "--threads", "1", "--max-seconds", "0.5");
        assertEquals(0, result.exitCode(), result.err());
        List<String> lines = result.out().lines().toList();
        assertEquals(1, lines.size(), result.out());
        String line = lines.get(0);
        Map<String, Object> json = assertJsonLine(line, "model", "batch", "train_img_s", "infer_img_s",
                "peak_rss_mb", "threads", "jdk", "train_timing", "infer_timing");
        assertEquals("B", json.get("model"));
        assertEquals("lenet5", json.get("model_name"));
        assertEquals(16L, json.get("batch"));
        @SuppressWarnings("unchecked")
        Map<String, Object> timing = (Map<String, Object>) json.get("train_timing");
        assertTrue(timing.containsKey("dropped_chunks") && timing.containsKey("clean_seconds"), line);
    }

    @Test
    void aGraphModelWithStandardizedInputsIsBenchmarkedToo() {
        // The ResNet: a GraphModel with BatchNormalization whose recipe standardizes its inputs.
        Cli.Result result = Cli.run("bench", "--model", "resnet", "--batch-size", "8", "--synthetic",
                "--seconds", "0.2", "--infer-seconds", "0.1", "--warmup", "1", "--threads", "1", "--max-seconds", "0.5");
        assertEquals(0, result.exitCode(), result.err());
        Map<String, Object> json = assertJsonLine(result.out().strip(), "model", "batch", "train_img_s", "infer_img_s");
        assertEquals("resnet", json.get("model_name"));
        assertTrue(json.get("last_loss") instanceof Number loss && Double.isFinite(loss.doubleValue()), result.out());
    }

    @Test
    void badValuesAreUsageErrors() {
        String[][] bad = {
            {"bench", "--gemm", "0"},
            {"bench", "--seconds", "-1", "--synthetic"},
            {"bench", "--model", "Z", "--synthetic"},
            {"bench", "--batch-size", "x", "--synthetic"},
            {"bench", "--warmup", "-3", "--synthetic"},
            {"bench", "--gemm", "64", "--model", "A"},
        };
        for (String[] args : bad) {
            Cli.Result result = Cli.run(args);
            assertEquals(2, result.exitCode(), String.join(" ", args) + ": " + result.err());
            assertTrue(result.err().startsWith("fovea: error: "), result.err());
            assertEquals("", result.out());
        }
    }

    @Test
    void lettersNameTheStandardModels() {
        assertEquals("keras-fashion", new BenchCommand.BenchModelName().convert("A"));
        assertEquals("lenet5", new BenchCommand.BenchModelName().convert("b"));
        assertEquals("tf-mnist", new BenchCommand.BenchModelName().convert("C"));
        assertEquals("lenet5", new BenchCommand.BenchModelName().convert("lenet5"));
        assertEquals(32, BenchCommand.defaultBatch("keras-fashion"));
        assertEquals(128, BenchCommand.defaultBatch("tf-mnist"));
    }

    @Test
    void jsonWritesMissingMeasurementsAsNull() {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("s", "a\"b\\c\n");
        m.put("d", 2.0);
        m.put("x", Double.NaN);
        m.put("n", null);
        m.put("b", true);
        java.util.Map<String, Object> nested = new java.util.LinkedHashMap<>();
        nested.put("rate", Double.POSITIVE_INFINITY);
        m.put("timing", nested);
        assertEquals("{\"s\":\"a\\\"b\\\\c\\n\",\"d\":2.0,\"x\":null,\"n\":null,\"b\":true,"
                + "\"timing\":{\"rate\":null}}", BenchCommand.toJson(m));
    }
}

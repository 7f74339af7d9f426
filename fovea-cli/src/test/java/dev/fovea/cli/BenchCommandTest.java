package dev.fovea.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchCommandTest {
    /** One JSON object on one line (valid JSON: no NaN or Infinity), holding every key. */
    private static void assertJsonLine(String line, String... keys) {
        java.util.Map<String, Object> json = dev.fovea.io.Json.parseObject(line);
        for (String key : keys) {
            assertTrue(json.containsKey(key), key + " missing in " + line);
        }
    }

    @Test
    void gemmPrintsOneJsonLineWithGflops() {
        Cli.Result result = Cli.run("bench", "--gemm", "64", "--threads", "1", "--seconds", "0.2",
                "--max-seconds", "0.5");   // a busy machine has no clean windows: do not wait for them
        assertEquals(0, result.exitCode(), result.err());
        List<String> lines = result.out().lines().toList();
        assertEquals(1, lines.size(), result.out());
        assertJsonLine(lines.get(0), "mode", "gflops", "threads", "jdk", "gemm", "peak_rss_mb", "clean_windows");
        assertTrue(lines.get(0).contains("\"threads\": 1,"), lines.get(0));
        assertTrue(lines.get(0).matches(".*\"gflops\": [0-9.]+.*"), lines.get(0));
    }

    @Test
    void modelRunPrintsThePeersKeys() {
        Cli.Result result = Cli.run("bench", "--model", "B", "--batch-size", "16", "--synthetic",
                "--seconds", "0.3", "--infer-seconds", "0.2", "--warmup", "2", "--threads", "1", "--max-seconds", "0.5");
        assertEquals(0, result.exitCode(), result.err());
        List<String> lines = result.out().lines().toList();
        assertEquals(1, lines.size(), result.out());
        String line = lines.get(0);
        assertJsonLine(line, "model", "batch", "train_img_s", "infer_img_s", "peak_rss_mb", "threads", "jdk",
                "train_timing", "infer_timing", "dropped_chunks", "clean_seconds");
        assertTrue(line.contains("\"model\": \"B\""), line);
        assertTrue(line.contains("\"model_name\": \"lenet5\""), line);
        assertTrue(line.contains("\"batch\": 16,"), line);
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

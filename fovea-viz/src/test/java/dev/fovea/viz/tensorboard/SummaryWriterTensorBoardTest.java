package dev.fovea.viz.tensorboard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fovea.io.Json;
import dev.fovea.testing.TestImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads a file written by {@link SummaryWriter} with TensorBoard itself (its Python package, through
 * the loaders its dashboards use) and compares every value. Skips when no Python with the
 * {@code tensorboard} package is found: {@code $FOVEA_TENSORBOARD_PYTHON}, {@code python3}, or a
 * virtual environment in {@code ~/.cache/fovea-peers/}.
 */
class SummaryWriterTensorBoardTest {
    private static final long TIMEOUT_SECONDS = 120;

    @TempDir
    Path directory;

    @Test
    void tensorBoardReadsEveryKindOfSummaryWithTheSameValues() throws Exception {
        String python = pythonWithTensorBoard();
        assumeTrue(python != null, "no Python with the tensorboard package; set FOVEA_TENSORBOARD_PYTHON to run this test");
        float[] weights = new float[200];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) Math.sin(i * 0.37) * (i % 7);
        }
        BufferedImage image = TestImages.colour(5, 3, 9);
        String text = "| setting | value |\n|---|---|\n| lr | 0.001 |";
        Path file;
        try (SummaryWriter writer = SummaryWriter.create(directory)) {
            writer.graph(List.of(new GraphNode("input", NetworkGraph.INPUT_OP, List.of(), new int[] {4}, Map.of()),
                    new GraphNode("dense", "Dense", List.of("input"), new int[] {2}, Map.of("parameters", "10"))));
            writer.text("configuration", text, 0);
            writer.scalar("epoch_loss", 0.6931471805599453, 0);
            writer.scalar("epoch_loss", 0.1, 1);
            writer.histogram("dense/kernel", weights, 1);
            writer.image("sample", image, 2);
            file = writer.file();
        }

        Map<String, Object> read = runTensorBoard(python, file);
        assertEquals(7L, read.get("events")); // the file version, then six
        assertEquals(SummaryWriter.FILE_VERSION, read.get("file_version"));
        Map<String, Object> plugins = map(read.get("plugins"));

        List<Object> loss = list(map(plugins.get("scalars")).get("epoch_loss"));
        assertEquals(List.of(List.of(0L, (double) (float) 0.6931471805599453), List.of(1L, (double) 0.1f)),
                loss.stream().map(p -> List.of(list(p).get(0), ((Number) list(p).get(1)).doubleValue())).toList());

        // TensorBoard turns the histogram into [left, right, count] rows in float32: left edges from min
        // and the limits, right edges from the limits with max last.
        Histogram h = Histogram.of(weights, Histogram.DEFAULT_BUCKETS);
        List<Object> histogram = list(map(plugins.get("histograms")).get("dense/kernel"));
        assertEquals(1L, list(histogram.get(0)).get(0));
        List<Object> rows = list(list(histogram.get(0)).get(1));
        assertEquals(Histogram.DEFAULT_BUCKETS, rows.size());
        for (int i = 0; i < rows.size(); i++) {
            double left = i == 0 ? h.min() : h.bucketLimits()[i - 1];
            double right = i == rows.size() - 1 ? h.max() : h.bucketLimits()[i];
            assertArrayEquals(new double[] {(float) left, (float) right, h.bucketCounts()[i]}, doubles(rows.get(i)), "row " + i);
        }

        // An image becomes [width, height, PNG bytes].
        List<Object> sample = list(list(map(plugins.get("images")).get("sample")).get(0));
        assertEquals(2L, sample.get(0));
        List<byte[]> parts = list(sample.get(1)).stream().map(s -> Base64.getDecoder().decode((String) s)).toList();
        assertEquals("5", new String(parts.get(0), StandardCharsets.US_ASCII));
        assertEquals("3", new String(parts.get(1), StandardCharsets.US_ASCII));
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(parts.get(2)));
        assertArrayEquals(image.getRGB(0, 0, 5, 3, null, 0, 5), decoded.getRGB(0, 0, 5, 3, null, 0, 5));

        List<Object> configuration = list(list(map(plugins.get("text")).get("configuration")).get(0));
        assertEquals(0L, configuration.get(0));
        assertEquals(text, new String(Base64.getDecoder().decode((String) list(configuration.get(1)).get(0)),
                StandardCharsets.UTF_8));

        List<Object> graph = list(read.get("graph"));
        assertEquals(List.of("input", "dense"), graph.stream().map(n -> map(n).get("name")).toList());
        assertEquals(List.of("Placeholder", "Dense"), graph.stream().map(n -> map(n).get("op")).toList());
        assertEquals(List.of(List.of(), List.of("input")), graph.stream().map(n -> map(n).get("input")).toList());
        assertEquals(List.of("_output_shapes", "parameters"), map(graph.get(1)).get("attr"));
    }

    @Test
    void tensorBoardStopsAtARecordWithAChangedByte() throws Exception {
        String python = pythonWithTensorBoard();
        assumeTrue(python != null, "no Python with the tensorboard package; set FOVEA_TENSORBOARD_PYTHON to run this test");
        Path file;
        try (SummaryWriter writer = SummaryWriter.create(directory)) {
            writer.scalar("epoch_loss", 0.5, 0);
            file = writer.file();
        }
        assertEquals(2L, runTensorBoard(python, file).get("events"));
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 6] ^= 1; // inside the scalar's float
        Files.write(file, bytes);
        // TensorBoard checks the CRC and treats the damaged record as not yet written.
        Map<String, Object> read = runTensorBoard(python, file);
        assertEquals(1L, read.get("events"));
        assertEquals(Map.of(), map(map(read.get("plugins")).get("scalars")));
    }

    private Map<String, Object> runTensorBoard(String python, Path file) throws Exception {
        Result result = run(python, file);
        assertEquals(0, result.exitCode, result.stderr);
        return Json.parseObject(result.stdout);
    }

    private record Result(int exitCode, String stdout, String stderr) {}

    private Result run(String python, Path file) throws Exception {
        Path script = directory.resolve("read_events.py");
        try (InputStream in = Objects.requireNonNull(getClass().getResourceAsStream("read_events.py"))) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        Path out = directory.resolve("out.json");
        Path err = directory.resolve("err.txt");
        Process process = new ProcessBuilder(python, script.toString(), file.toString())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("TensorBoard's reader did not finish in " + TIMEOUT_SECONDS + " s");
        }
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** The first Python that imports TensorBoard's event loaders, or null. */
    private static String pythonWithTensorBoard() throws IOException, InterruptedException {
        List<String> candidates = new ArrayList<>();
        String configured = System.getenv("FOVEA_TENSORBOARD_PYTHON");
        if (configured != null && !configured.isBlank()) {
            candidates.add(configured);
        }
        candidates.add("python3");
        Path peers = Path.of(System.getProperty("user.home"), ".cache", "fovea-peers");
        if (Files.isDirectory(peers)) {
            try (Stream<Path> venvs = Files.list(peers)) {
                venvs.sorted().map(v -> v.resolve("bin").resolve("python3")).filter(Files::isExecutable)
                        .forEach(p -> candidates.add(p.toString()));
            }
        }
        for (String python : candidates) {
            try {
                Process probe = new ProcessBuilder(python, "-c",
                        "import tensorboard.backend.event_processing.plugin_event_accumulator")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (!probe.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    probe.destroyForcibly();
                } else if (probe.exitValue() == 0) {
                    return python;
                }
            } catch (IOException notInstalled) {
                // This candidate does not exist; try the next.
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return (List<Object>) value;
    }

    private static double[] doubles(Object numbers) {
        return list(numbers).stream().mapToDouble(n -> ((Number) n).doubleValue()).toArray();
    }
}

package dev.fovea.viz.tensorboard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.FoveaException;
import dev.fovea.testing.TestImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryWriterTest {
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L, 250_000_000), ZoneOffset.UTC);

    @TempDir
    Path directory;

    @Test
    void theFileIsNamedForTensorBoardAndStartsWithTheVersion() throws IOException {
        Path file;
        try (SummaryWriter writer = SummaryWriter.create(directory.resolve("run"), CLOCK)) {
            file = writer.file();
        }
        assertEquals(directory.resolve("run"), file.getParent());
        assertTrue(file.getFileName().toString().matches("events\\.out\\.tfevents\\.1700000000\\.[A-Za-z0-9._-]+"),
                file.getFileName().toString());
        List<EventReader.Event> events = EventReader.read(file);
        assertEquals(1, events.size());
        assertEquals("brain.Event:2", events.get(0).fileVersion());
        assertEquals(1_700_000_000.25, events.get(0).wallTime());
    }

    @Test
    void scalarsRoundTripAsExactFloatsAtTheirSteps() throws IOException {
        double[] values = {0.0, -2.5, 0.1, 1e-30, 123456.789, Double.NaN};
        long[] steps = {0, 7, 1L << 40, 3, 3, 9};
        Path file;
        try (SummaryWriter writer = SummaryWriter.create(directory, CLOCK)) {
            for (int i = 0; i < values.length; i++) {
                writer.scalar("epoch_loss", values[i], steps[i]);
            }
            file = writer.file();
        }
        List<Map.Entry<Long, EventReader.Value>> read = EventReader.values(file);
        assertEquals(values.length, read.size());
        for (int i = 0; i < values.length; i++) {
            EventReader.Value value = read.get(i).getValue();
            assertEquals(steps[i], read.get(i).getKey());
            assertEquals("epoch_loss", value.tag());
            assertEquals(Float.floatToIntBits((float) values[i]), Float.floatToIntBits(value.simpleValue()));
            assertNull(value.histogram());
            assertNull(value.pluginName());
        }
    }

    @Test
    void histogramsRoundTripEveryField() throws IOException {
        SplittableRandom random = new SplittableRandom(11);
        float[] weights = new float[500];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) (0.1 * random.nextGaussian());
        }
        Histogram expected = Histogram.of(weights, Histogram.DEFAULT_BUCKETS);
        Path file;
        try (SummaryWriter writer = SummaryWriter.create(directory, CLOCK)) {
            writer.histogram("dense/kernel", weights, 4);
            file = writer.file();
        }
        EventReader.Value value = EventReader.values(file).get(0).getValue();
        EventReader.Histo histo = value.histogram();
        assertEquals("dense/kernel", value.tag());
        assertEquals(expected.min(), histo.min());
        assertEquals(expected.max(), histo.max());
        assertEquals(500, histo.num());
        assertEquals(expected.sum(), histo.sum());
        assertEquals(expected.sumSquares(), histo.sumSquares());
        assertArrayEquals(expected.bucketLimits(), histo.limits().stream().mapToDouble(Double::doubleValue).toArray());
        assertArrayEquals(expected.bucketCounts(), histo.counts().stream().mapToDouble(Double::doubleValue).toArray());
    }

    @Test
    void imagesDecodeToTheSamePixels() throws IOException {
        BufferedImage grey = TestImages.grey(7, 5, 1);
        BufferedImage colour = TestImages.colour(6, 4, 2);
        BufferedImage translucent = new BufferedImage(3, 2, BufferedImage.TYPE_INT_ARGB);
        SplittableRandom random = new SplittableRandom(3);
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 3; x++) {
                translucent.setRGB(x, y, random.nextInt());
            }
        }
        Path file;
        try (SummaryWriter writer = SummaryWriter.create(directory, CLOCK)) {
            writer.image("grey", grey, 1);
            writer.image("colour", colour, 2);
            writer.image("translucent", translucent, 3);
            file = writer.file();
        }
        List<Map.Entry<Long, EventReader.Value>> values = EventReader.values(file);
        assertImage(grey, 1, values.get(0).getValue().image());
        assertImage(colour, 3, values.get(1).getValue().image());
        assertImage(translucent, 4, values.get(2).getValue().image());
        assertEquals(List.of(1L, 2L, 3L), values.stream().map(Map.Entry::getKey).toList());
        BufferedImage decodedGrey = ImageIO.read(new ByteArrayInputStream(values.get(0).getValue().image().encoded()));
        assertArrayEquals(TestImages.greyValues(grey), TestImages.greyValues(decodedGrey));
    }

    private static void assertImage(BufferedImage expected, int colorspace, EventReader.Image image) throws IOException {
        assertEquals(expected.getHeight(), image.height());
        assertEquals(expected.getWidth(), image.width());
        assertEquals(colorspace, image.colorspace());
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(image.encoded()));
        assertEquals(colorspace, decoded.getColorModel().getNumComponents());
        int w = expected.getWidth();
        int h = expected.getHeight();
        assertArrayEquals(expected.getRGB(0, 0, w, h, null, 0, w), decoded.getRGB(0, 0, w, h, null, 0, w));
    }

    @Test
    void textIsAStringTensorForTheTextPlugin() throws IOException {
        String text = "| setting | value |\n|---|---|\n| model | keras-fashion |\nünïcödé ✓";
        Path file;
        try (SummaryWriter writer = SummaryWriter.create(directory, CLOCK)) {
            writer.text("configuration", text, 0);
            file = writer.file();
        }
        EventReader.Value value = EventReader.values(file).get(0).getValue();
        assertEquals("configuration", value.tag());
        assertEquals("text", value.pluginName());
        assertEquals(TensorEncoding.DT_STRING, value.tensor().dtype());
        assertEquals(List.of(), value.tensor().shape()); // a scalar
        assertEquals(List.of(text), value.tensor().strings());
    }

    @Test
    void theGraphKeepsNodesInputsShapesAndAttributes() throws IOException {
        List<GraphNode> nodes = List.of(
                new GraphNode("input", "Placeholder", List.of(), new int[] {28, 28, 1}, Map.of()),
                new GraphNode("conv2d", "Conv2D", List.of("input"), new int[] {26, 26, 64},
                        Map.of("parameters", "640")),
                new GraphNode("add", "Add", List.of("input", "conv2d"), new int[] {10}, Map.of("note", "two inputs")));
        Path file;
        try (SummaryWriter writer = SummaryWriter.create(directory, CLOCK)) {
            writer.graph(nodes);
            file = writer.file();
        }
        EventReader.Event event = EventReader.read(file).get(1);
        List<EventReader.Node> read = EventReader.graph(event.graphDef());
        assertEquals(List.of("input", "conv2d", "add"), read.stream().map(EventReader.Node::name).toList());
        assertEquals(List.of("Placeholder", "Conv2D", "Add"), read.stream().map(EventReader.Node::op).toList());
        assertEquals(List.of(List.of(), List.of("input"), List.of("input", "conv2d")),
                read.stream().map(EventReader.Node::inputs).toList());
        assertEquals(List.of(List.of(-1L, 26L, 26L, 64L)), read.get(1).attrs().get("_output_shapes").shapes());
        assertEquals(List.of(List.of(-1L, 28L, 28L, 1L)), read.get(0).attrs().get("_output_shapes").shapes());
        assertEquals("640", read.get(1).attrs().get("parameters").s());
        assertEquals("two inputs", read.get(2).attrs().get("note").s());
    }

    @Test
    void flushedEventsAreInTheFileBeforeClose() throws IOException {
        try (SummaryWriter writer = SummaryWriter.create(directory, CLOCK)) {
            writer.scalar("a", 1.5, 1);
            writer.flush();
            List<Map.Entry<Long, EventReader.Value>> values = EventReader.values(writer.file());
            assertEquals(1, values.size());
            assertEquals(1.5f, values.get(0).getValue().simpleValue());
        }
    }

    @Test
    void twoWritersInOneSecondGetTwoFiles() throws IOException {
        try (SummaryWriter first = SummaryWriter.create(directory, CLOCK);
             SummaryWriter second = SummaryWriter.create(directory, CLOCK)) {
            assertNotEquals(first.file(), second.file());
            assertTrue(second.file().getFileName().toString().contains("tfevents"));
            first.scalar("x", 1, 0);
            second.scalar("x", 2, 0);
            first.flush();
            second.flush();
            assertEquals(1f, EventReader.values(first.file()).get(0).getValue().simpleValue());
            assertEquals(2f, EventReader.values(second.file()).get(0).getValue().simpleValue());
        }
    }

    @Test
    void aDirectoryThatIsAFileGivesAClearError() throws IOException {
        Path notADirectory = Files.writeString(directory.resolve("taken"), "x");
        FoveaException e = assertThrows(FoveaException.class, () -> SummaryWriter.create(notADirectory, CLOCK));
        assertTrue(e.getMessage().contains(notADirectory.toString()), e.getMessage());
    }

    @Test
    void aClosedWriterRejectsWritesAndClosesOnce() {
        SummaryWriter writer = SummaryWriter.create(directory, CLOCK);
        writer.close();
        writer.close();
        assertThrows(IllegalStateException.class, () -> writer.scalar("x", 1, 0));
        assertThrows(IllegalStateException.class, writer::flush);
    }

    @Test
    void anEmptyTagIsRejected() {
        try (SummaryWriter writer = SummaryWriter.create(directory, CLOCK)) {
            assertThrows(IllegalArgumentException.class, () -> writer.scalar("", 1, 0));
            assertThrows(IllegalArgumentException.class, () -> writer.text(null, "x", 0));
        }
    }
}

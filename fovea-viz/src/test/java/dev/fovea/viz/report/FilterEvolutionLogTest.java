package dev.fovea.viz.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.model.Model;
import dev.fovea.model.Sequential;
import dev.fovea.nn.ActivationFunction;
import dev.fovea.nn.Dense;
import dev.fovea.nn.Flatten;
import dev.fovea.nn.Loss;
import dev.fovea.optim.Sgd;
import dev.fovea.train.FitOptions;
import dev.fovea.train.Metric;
import dev.fovea.viz.GifFiles;
import dev.fovea.viz.TinyData;
import dev.fovea.viz.filters.ConvKernel;
import dev.fovea.viz.filters.FilterEvolution;
import dev.fovea.viz.filters.FilterSnapshot;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilterEvolutionLogTest {
    @TempDir
    Path temp;

    @Test
    void theIntervalGivesAboutThirtySnapshotsForAnyRunLength() {
        assertEquals(1, FilterEvolutionLog.interval(0));
        assertEquals(1, FilterEvolutionLog.interval(30));
        assertEquals(2, FilterEvolutionLog.interval(31));
        assertEquals(63, FilterEvolutionLog.interval(1875)); // one epoch of Fashion-MNIST in batches of 32
        assertEquals(313, FilterEvolutionLog.interval(5 * 1875)); // fovea train's default 5 epochs
    }

    private FilterEvolutionLog train(Model model, int images, int epochs) {
        FilterEvolutionLog log = new FilterEvolutionLog(temp.resolve("filters.gif"), temp.resolve("filters.png"));
        model.compile(new Sgd(0.05), Loss.sparseCategoricalCrossentropy(), Metric.ACCURACY);
        model.fit(TinyData.halves(images, TinyRun.SIZE, 1), FitOptions.epochs(epochs).batchSize(1).seed(2)
                .callbacks(log));
        return log;
    }

    @Test
    void snapshotsEveryIntervalFromTheStartAndTheFinalFiltersLast() throws IOException {
        Model model = TinyRun.model();
        float[] initial = ConvKernel.of(model, ConvKernel.layer(model, null)).weights();
        // 31 steps: every 2 steps, 0, 2, ..., 30, and the final step 31.
        FilterEvolutionLog log = train(model, 31, 1);
        List<FilterSnapshot> snapshots = log.recorded();
        List<Long> steps = snapshots.stream().map(FilterSnapshot::step).collect(Collectors.toList());
        assertEquals(List.of(0L, 2L, 4L, 6L, 8L, 10L, 12L, 14L, 16L, 18L, 20L, 22L, 24L, 26L, 28L, 30L, 31L), steps);
        assertArrayEquals(initial, snapshots.get(0).kernel().weights(), "the filters before training");
        assertArrayEquals(ConvKernel.of(model, ConvKernel.layer(model, null)).weights(),
                snapshots.get(snapshots.size() - 1).kernel().weights(), "the filters after training");
        assertFalse(java.util.Arrays.equals(initial, snapshots.get(snapshots.size() - 1).kernel().weights()),
                "training changed them");

        GifFiles.Gif gif = GifFiles.read(temp.resolve("filters.gif"));
        assertEquals(snapshots.size(), gif.frames().size(), "one frame per snapshot");
        List<BufferedImage> expected = FilterEvolution.frames(snapshots);
        for (int f : new int[] {0, snapshots.size() - 1}) {
            assertSamePixels(expected.get(f), gif.frames().get(f), "frame " + f);
        }
        BufferedImage strip = ImageIO.read(temp.resolve("filters.png").toFile());
        assertSamePixels(FilterEvolution.strip(snapshots).render(), strip, "the strip");
    }

    @Test
    void aRunWhoseStepsAreAMultipleOfTheIntervalEndsOnItsLastSnapshot() {
        // 2 epochs of 8 steps: interval 1, snapshots 0..16.
        List<FilterSnapshot> snapshots = train(TinyRun.model(), 8, 2).recorded();
        assertEquals(17, snapshots.size());
        assertEquals(16, snapshots.get(16).step());
        assertEquals(1, snapshots.get(16).epoch());
    }

    @Test
    void aModelWithoutConvolutionsRecordsNothing() {
        Sequential dense = new Sequential(TinyRun.SIZE, TinyRun.SIZE, 1).add(new Flatten(),
                new Dense(2, ActivationFunction.SOFTMAX));
        dense.initialize(1);
        assertTrue(train(dense, 4, 1).recorded().isEmpty());
        assertFalse(Files.exists(temp.resolve("filters.gif")));
        assertFalse(Files.exists(temp.resolve("filters.png")));
    }

    private static void assertSamePixels(BufferedImage expected, BufferedImage actual, String what) {
        assertEquals(expected.getWidth(), actual.getWidth(), what + " width");
        assertEquals(expected.getHeight(), actual.getHeight(), what + " height");
        for (int y = 0; y < expected.getHeight(); y++) {
            for (int x = 0; x < expected.getWidth(); x++) {
                if ((expected.getRGB(x, y) & 0xFFFFFF) != (actual.getRGB(x, y) & 0xFFFFFF)) {
                    throw new AssertionError(what + ": pixel (" + x + ", " + y + ") differs");
                }
            }
        }
    }
}

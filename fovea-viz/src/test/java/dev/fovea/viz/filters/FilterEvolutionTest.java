package dev.fovea.viz.filters;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.fovea.model.Sequential;
import dev.fovea.nn.ActivationFunction;
import dev.fovea.nn.Conv2D;
import dev.fovea.nn.Dense;
import dev.fovea.nn.Flatten;
import dev.fovea.nn.Loss;
import dev.fovea.optim.Sgd;
import dev.fovea.train.FitOptions;
import dev.fovea.viz.GifFiles;
import dev.fovea.viz.GreyLevels;
import dev.fovea.viz.Sheet;
import dev.fovea.viz.TilePixels;
import dev.fovea.viz.TinyData;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilterEvolutionTest {
    @TempDir
    Path dir;

    /** Trains a small CNN for 2 epochs of 4 steps, snapshotting the first conv every 3 steps. */
    private static List<FilterSnapshot> train(float[] initialKernel) {
        Conv2D conv = new Conv2D(3, 3, ActivationFunction.RELU);
        Sequential model = new Sequential(6, 6, 1).add(conv, new Flatten(), new Dense(2, ActivationFunction.SOFTMAX));
        model.initialize(4);
        System.arraycopy(conv.parameters().get("kernel").data(), 0, initialKernel, 0, initialKernel.length);
        model.compile(new Sgd(0.5), Loss.sparseCategoricalCrossentropy());
        FilterSnapshots snapshots = new FilterSnapshots(3);
        model.fit(TinyData.halves(16, 6, 2), FitOptions.epochs(2).batchSize(4).seed(1).callbacks(snapshots));
        return snapshots.snapshots();
    }

    @Test
    void snapshotsAreTakenAtTheStartAndEveryNSteps() {
        float[] initial = new float[27];
        List<FilterSnapshot> snapshots = train(initial);
        // 8 steps: the start (0), then after steps 3 and 6 (the latter in the second epoch).
        assertEquals(List.of(0L, 3L, 6L), snapshots.stream().map(FilterSnapshot::step).toList());
        assertEquals(List.of(0, 0, 1), snapshots.stream().map(FilterSnapshot::epoch).toList());
        assertArrayEquals(initial, snapshots.get(0).kernel().weights());
        assertFalse(Arrays.equals(initial, snapshots.get(2).kernel().weights()), "training moved the filters");
        assertEquals("conv2d", snapshots.get(0).kernel().layerName());
    }

    @Test
    void theGifHasOneFramePerSnapshotShowingThatSnapshotsFilters() throws IOException {
        List<FilterSnapshot> snapshots = train(new float[27]);
        Path file = dir.resolve("filters.gif");
        FilterEvolution.writeGif(snapshots, 20, file);
        GifFiles.Gif gif = GifFiles.read(file);
        assertEquals(snapshots.size(), gif.frames().size());
        for (int k = 0; k < snapshots.size(); k++) {
            BufferedImage frame = gif.frames().get(k);
            Sheet sheet = FilterEvolution.frameSheet(snapshots.get(k));
            ConvKernel kernel = snapshots.get(k).kernel();
            for (int f = 0; f < 3; f++) {
                TilePixels.assertGreyTile("frame " + k + " filter " + f, frame, sheet.tileBounds(0, f),
                        expectedLevels(kernel, f), 3, 3, 11);
            }
            BufferedImage drawn = sheet.render();
            for (int y = 0; y < drawn.getHeight(); y++) {
                for (int x = 0; x < drawn.getWidth(); x++) {
                    assertEquals(drawn.getRGB(x, y), frame.getRGB(x, y), "frame " + k + " at (" + x + ", " + y + ")");
                }
            }
        }
    }

    @Test
    void theStripHasARowPerSnapshotAndATilePerFilter() {
        List<FilterSnapshot> snapshots = train(new float[27]);
        Sheet strip = FilterEvolution.strip(snapshots);
        BufferedImage image = strip.render();
        for (int k = 0; k < snapshots.size(); k++) {
            for (int f = 0; f < 3; f++) {
                TilePixels.assertGreyTile("row " + k + " filter " + f, image, strip.tileBounds(k, f),
                        expectedLevels(snapshots.get(k).kernel(), f), 3, 3, 11);
            }
        }
    }

    @Test
    void longSeriesAreThinnedEvenlyKeepingBothEnds() {
        List<FilterSnapshot> many = new java.util.ArrayList<>();
        ConvKernel kernel = new ConvKernel("c", 1, 1, 1, 1, new float[] {0}, true);
        for (int i = 0; i <= 10; i++) {
            many.add(new FilterSnapshot(i * 100L, 0, kernel));
        }
        assertEquals(List.of(0L, 500L, 1000L),
                FilterEvolution.thinned(many, 3).stream().map(FilterSnapshot::step).toList());
        assertEquals(11, FilterEvolution.thinned(many, 20).size());
    }

    /** Filter f's 3x3 weights as levels of their own range. */
    private static int[] expectedLevels(ConvKernel kernel, int f) {
        float[] w = new float[9];
        for (int p = 0; p < 9; p++) {
            w[p] = kernel.weight(p / 3, p % 3, 0, f);
        }
        return GreyLevels.ofOwnRange(w, 0, 9);
    }
}

package dev.fovea.viz.filters;

import dev.fovea.viz.AnimatedGif;
import dev.fovea.viz.Sheet;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How filters change during training, from {@link FilterSnapshots}: an animation with one
 * {@link FilterGrid} per snapshot, or a strip with one row per snapshot and one tile per filter.
 * Each frame scales each filter by its own range, as {@link FilterGrid} does, so it shows the
 * filters' shapes, not their growth.
 */
public final class FilterEvolution {
    /** Frame delay of {@link #writeGif}, in hundredths of a second. */
    public static final int DEFAULT_DELAY_CENTISECONDS = 50;
    /** Filters per row of {@link #strip}. */
    public static final int STRIP_FILTERS = 16;
    /** Most rows of {@link #strip}; longer series are thinned evenly, keeping the first and last. */
    public static final int STRIP_ROWS = 20;

    private FilterEvolution() {}

    /** The sheet of a frame: the {@link FilterGrid#sheet} of the snapshot, with its step and epoch in a note. */
    public static Sheet frameSheet(FilterSnapshot snapshot) {
        return FilterGrid.sheet(snapshot.kernel())
                .note("after step " + snapshot.step() + " (epoch " + (snapshot.epoch() + 1) + ")");
    }

    /** Every frame, in order: all have the same size, since title and tiles do not change. */
    public static List<BufferedImage> frames(List<FilterSnapshot> snapshots) {
        List<BufferedImage> frames = new ArrayList<>();
        for (FilterSnapshot s : snapshots) {
            frames.add(frameSheet(s).render());
        }
        return frames;
    }

    /** Writes the animation: one frame per snapshot, looping forever. */
    public static void writeGif(List<FilterSnapshot> snapshots, int delayCentiseconds, Path file) {
        AnimatedGif.write(frames(snapshots), delayCentiseconds, file);
    }

    /** One row per snapshot (at most {@value #STRIP_ROWS}), one tile per filter (the first {@value #STRIP_FILTERS}). */
    public static Sheet strip(List<FilterSnapshot> snapshots) {
        if (snapshots.isEmpty()) {
            throw new IllegalArgumentException("no snapshots to draw");
        }
        ConvKernel first = snapshots.get(0).kernel();
        int filters = Math.min(STRIP_FILTERS, first.filters());
        Sheet sheet = new Sheet(FilterGrid.title(first) + ": filters during training")
                .note("One row per snapshot; each filter scaled to its own min (black) .. max (white) in each row.");
        for (FilterSnapshot s : thinned(snapshots, STRIP_ROWS)) {
            sheet.section("step " + s.step() + " (epoch " + (s.epoch() + 1) + ")",
                    FilterGrid.filterTiles(s.kernel()).subList(0, filters), filters);
        }
        return sheet;
    }

    /** At most {@code rows} snapshots, evenly spaced, the first and last included. */
    static List<FilterSnapshot> thinned(List<FilterSnapshot> snapshots, int rows) {
        if (snapshots.size() <= rows) {
            return snapshots;
        }
        List<FilterSnapshot> kept = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            kept.add(snapshots.get((int) Math.round((double) i * (snapshots.size() - 1) / (rows - 1))));
        }
        return kept;
    }
}

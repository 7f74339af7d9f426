package dev.fovea.data.folder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.data.folder.SkipReport.Skip;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SkipReportTest {
    @Test
    void nothingSkipped() {
        SkipReport report = new SkipReport(List.of(), 12);
        assertTrue(report.isEmpty());
        assertEquals(0, report.count());
        assertEquals(12, report.examined());
        assertEquals("no files skipped", report.message());
    }

    @Test
    void oneAndTwoFilesAreNamed() {
        Skip store = new Skip("a/.DS_Store", "not an image");
        Skip cut = new Skip("b/x.jpg", "truncated JPEG: Truncated File");
        assertEquals("skipped 1 of 5 files that are not readable images: a/.DS_Store (not an image)",
                new SkipReport(List.of(store), 5).message());
        assertEquals("skipped 2 of 5 files that are not readable images: a/.DS_Store (not an image) and "
                + "b/x.jpg (truncated JPEG: Truncated File)", new SkipReport(List.of(store, cut), 5).message());
    }

    @Test
    void theFirstFiveAreNamedAndTheRestCounted() {
        List<Skip> skips = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            skips.add(new Skip("c/" + i + ".txt", "not an image"));
        }
        SkipReport report = new SkipReport(skips, 120);
        assertFalse(report.isEmpty());
        assertEquals(7, report.count());
        assertEquals(skips, report.skips());
        assertEquals("skipped 7 of 120 files that are not readable images: c/0.txt (not an image), c/1.txt (not an "
                + "image), c/2.txt (not an image), c/3.txt (not an image), c/4.txt (not an image) and 2 more",
                report.message());
    }

    @Test
    void exactlyFiveAreAllNamed() {
        List<Skip> skips = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            skips.add(new Skip(i + ".txt", "r"));
        }
        assertEquals("skipped 5 of 5 files that are not readable images: 0.txt (r), 1.txt (r), 2.txt (r), 3.txt (r) "
                + "and 4.txt (r)", new SkipReport(skips, 5).message());
    }
}

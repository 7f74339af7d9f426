package dev.fovea.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.FoveaException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding datasets on disk; downloads are off here and tested in {@link DatasetDownloadTest}. */
class DatasetLocatorTest {
    /** Never contacted: every test here is offline or finds the files before downloading. */
    private static final URI UNUSED_URL = URI.create("http://127.0.0.1:9/unused/");

    @TempDir
    Path tmp;

    private Path cacheRoot;
    private Path systemDir;
    private Path source;
    private IdxDataset tiny;
    private DatasetLocator locator;

    @BeforeEach
    void setUp() throws IOException {
        cacheRoot = tmp.resolve("cache");
        systemDir = tmp.resolve("system");
        source = Files.createDirectories(tmp.resolve("source"));
        tiny = TinyDataset.writeTo(source, UNUSED_URL, Optional.of(systemDir));
        locator = DatasetLocator.standard()
                .withDatasets(List.of(tiny))
                .withCacheRoot(cacheRoot)
                .withOffline(true);
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        String m = assertThrows(FoveaException.class,
                () -> DatasetLocator.standard().load("cifar-11", Optional.empty())).getMessage();

        assertTrue(m.contains("'cifar-11'") && m.contains("fashion-mnist, mnist"), m);
    }

    @Test
    void loadsFromAnExplicitDataDir() {
        DatasetSplits splits = locator.load(TinyDataset.NAME, Optional.of(source));

        assertEquals(source, splits.directory());
        assertEquals("tiny/train", splits.train().name());
        assertEquals(5, splits.train().size());
        assertEquals(2, splits.train().height());
        assertEquals(3, splits.train().width());
        assertArrayEquals(TinyDataset.TRAIN_LABELS, splits.train().labels());
        assertArrayEquals(TinyDataset.TEST_LABELS, splits.test().labels());
        assertEquals(TinyDataset.CLASSES, splits.test().classNames());
    }

    @Test
    void explicitDataDirMustHoldTheFilesEvenIfOthersExist() throws IOException {
        copyAll(source, systemDir);
        Path partial = Files.createDirectories(tmp.resolve("partial"));
        Files.copy(source.resolve("train-images-idx3-ubyte.gz"), partial.resolve("train-images-idx3-ubyte.gz"));

        String m = assertThrows(FoveaException.class,
                () -> locator.load(TinyDataset.NAME, Optional.of(partial))).getMessage();

        assertTrue(m.contains("data directory " + partial), m);
        assertTrue(m.contains("missing train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, "
                + "t10k-labels-idx1-ubyte.gz"), m);
        assertFalse(m.contains("missing train-images"), m);
    }

    @Test
    void explicitDataDirThatDoesNotExist() {
        Path absent = tmp.resolve("absent");

        String m = assertThrows(FoveaException.class,
                () -> locator.load(TinyDataset.NAME, Optional.of(absent))).getMessage();

        assertTrue(m.contains(absent + " does not hold dataset 'tiny': no such directory"), m);
    }

    @Test
    void prefersTheCacheOverTheSystemLocation() throws IOException {
        copyAll(source, cacheRoot.resolve(TinyDataset.NAME));
        copyAll(source, systemDir);

        assertEquals(cacheRoot.resolve(TinyDataset.NAME), locator.load(TinyDataset.NAME, Optional.empty()).directory());
    }

    @Test
    void usesTheSystemLocationWithUncompressedNames() throws IOException {
        Files.createDirectories(systemDir);
        TinyDataset.writeUncompressedTo(systemDir);

        DatasetSplits splits = locator.load(TinyDataset.NAME, Optional.empty());

        assertEquals(systemDir, splits.directory());
        assertArrayEquals(TinyDataset.TRAIN_LABELS, splits.train().labels());
    }

    @Test
    void skipsAnIncompleteCache() throws IOException {
        Path cache = Files.createDirectories(cacheRoot.resolve(TinyDataset.NAME));
        Files.copy(source.resolve("t10k-labels-idx1-ubyte.gz"), cache.resolve("t10k-labels-idx1-ubyte.gz"));
        copyAll(source, systemDir);

        assertEquals(systemDir, locator.locate(TinyDataset.NAME, Optional.empty()));
    }

    @Test
    void offlineFailureNamesEveryPlaceAndTheRemedies() throws IOException {
        Path cache = Files.createDirectories(cacheRoot.resolve(TinyDataset.NAME));
        Files.copy(source.resolve("train-images-idx3-ubyte.gz"), cache.resolve("train-images-idx3-ubyte.gz"));

        String m = assertThrows(FoveaException.class,
                () -> locator.load(TinyDataset.NAME, Optional.empty())).getMessage();

        assertTrue(m.contains("dataset 'tiny' not found"), m);
        assertTrue(m.contains("cache " + cache + " (missing train-labels-idx1-ubyte.gz"), m);
        assertTrue(m.contains("system location " + systemDir + " (no such directory)"), m);
        assertTrue(m.contains("download from " + UNUSED_URL + " (disabled: offline)"), m);
        assertTrue(m.contains("apt-get install dataset-tiny"), m);
        assertTrue(m.contains("--data-dir DIR"), m);
        assertFalse(m.contains("\n"), "one line for the command line: " + m);
    }

    @Test
    void datasetWithoutSystemLocationOffersOnlyTheDataDirRemedy() {
        DatasetLocator noSystem = locator.withDatasets(List.of(tiny.withSystemDir(Optional.empty())
                .withBaseUrl(UNUSED_URL)));
        IdxDataset withoutPackage = new IdxDataset("bare", tiny.classNames(), UNUSED_URL, Optional.empty(),
                Optional.empty(), tiny.trainImages(), tiny.trainLabels(), tiny.testImages(), tiny.testLabels());

        String m1 = assertThrows(FoveaException.class,
                () -> noSystem.load(TinyDataset.NAME, Optional.empty())).getMessage();
        String m2 = assertThrows(FoveaException.class,
                () -> locator.withDatasets(List.of(withoutPackage)).load("bare", Optional.empty())).getMessage();

        assertFalse(m1.contains("system location"), m1);
        assertFalse(m2.contains("apt-get"), m2);
        assertTrue(m2.contains("--data-dir DIR"), m2);
    }

    private static void copyAll(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }
}

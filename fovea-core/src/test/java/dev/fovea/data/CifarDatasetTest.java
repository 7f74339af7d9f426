package dev.fovea.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.FoveaException;
import dev.fovea.data.archive.TarBytes;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding, unpacking and reading CIFAR datasets through the locator, offline; downloads are tested
 * in {@link DatasetDownloadTest}.
 */
class CifarDatasetTest {
    /** Never contacted: every test here is offline or finds the files before downloading. */
    private static final URI UNUSED_URL = URI.create("http://127.0.0.1:9/kriz/");
    private static final String BATCHES =
            "data_batch_1.bin, data_batch_2.bin, data_batch_3.bin, data_batch_4.bin, data_batch_5.bin";

    @TempDir
    Path tmp;

    private Path cacheRoot;
    private Path cache;
    private Path systemDir;
    private Path dataDir;
    /** CIFAR-10 as published here: its archive in {@code tmp/published}, its checksum known. */
    private Path published;
    private CifarDataset cifar10;
    private DatasetLocator locator;

    @BeforeEach
    void setUp() {
        cacheRoot = tmp.resolve("cache");
        cache = cacheRoot.resolve("cifar10");
        systemDir = tmp.resolve("system");
        dataDir = tmp.resolve("data");
        published = TinyCifar.writeArchive(tmp.resolve("published"), BuiltinDataset.CIFAR10, TinyCifar.cifar10Files());
        cifar10 = TinyCifar.describing(BuiltinDataset.CIFAR10, published, UNUSED_URL, Optional.of(systemDir));
        locator = locatorFor(cifar10);
    }

    private DatasetLocator locatorFor(BuiltinDataset... datasets) {
        return DatasetLocator.standard().withDatasets(List.of(datasets)).withCacheRoot(cacheRoot).withOffline(true);
    }

    private static Set<String> namesIn(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    private static void assertTinyCifar10(DatasetSplits splits) {
        assertEquals("cifar10/train", splits.train().name());
        assertArrayEquals(TinyCifar.TRAIN_LABELS, splits.train().labels(), "batches 1 to 5, in order");
        assertArrayEquals(TinyCifar.TEST_LABELS, splits.test().labels());
        assertEquals(TinyCifar.TEN_CLASSES, splits.train().classNames());
        assertEquals(TinyCifar.TEN_CLASSES, splits.test().classNames());
        assertEquals(List.of(32, 32, 3),
                List.of(splits.test().height(), splits.test().width(), splits.test().channels()));
        // Test image 1 (label 8): pixel (row 5, col 9) is red 5, green 9, blue 108.
        int at = 3072 + (5 * 32 + 9) * 3;
        assertArrayEquals(new byte[] {5, 9, 108}, Arrays.copyOfRange(splits.test().pixels(), at, at + 3));
    }

    @Test
    void readsBatchFilesStraightFromTheDataDir() {
        TinyCifar.write(dataDir, TinyCifar.cifar10Files());

        DatasetSplits splits = locator.load("cifar10", Optional.of(dataDir));

        assertEquals(dataDir, splits.directory());
        assertTinyCifar10(splits);
    }

    @Test
    void readsTheUnpackedFolderInsideTheDataDir() {
        TinyCifar.write(dataDir.resolve("cifar-10-batches-bin"), TinyCifar.cifar10Files());

        DatasetSplits splits = locator.load("cifar10", Optional.of(dataDir));

        assertEquals(dataDir.resolve("cifar-10-batches-bin"), splits.directory());
        assertTinyCifar10(splits);
    }

    @Test
    void unpacksAnArchiveInTheDataDirIntoTheCacheAndKeepsTheArchive() throws IOException {
        Path archive = Files.copy(published, Files.createDirectories(dataDir).resolve("cifar-10-binary.tar.gz"));

        DatasetSplits splits = locator.load("cifar10", Optional.of(dataDir));

        Path unpacked = cache.resolve("cifar-10-batches-bin");
        assertEquals(unpacked, splits.directory());
        assertTinyCifar10(splits);
        assertTrue(Files.isRegularFile(archive), "the user's archive stays");
        assertEquals(Set.of("cifar-10-batches-bin"), namesIn(cache), "no temporary directory left");
        assertEquals(TinyCifar.cifar10Files().keySet(), namesIn(unpacked), "only the dataset's members, no readme");
        assertEquals(unpacked, locator.load("cifar10", Optional.of(dataDir)).directory(), "reuses the unpacked copy");
        assertEquals(unpacked, locator.locate("cifar10", Optional.empty()), "later runs find it in the cache");
    }

    @Test
    void anIncompleteCopyInTheCacheIsNeitherUsedNorOverwritten() throws IOException {
        Path archive = Files.copy(published, Files.createDirectories(dataDir).resolve("cifar-10-binary.tar.gz"));
        Path unpacked = cache.resolve("cifar-10-batches-bin");
        TinyCifar.write(unpacked, TinyCifar.without(TinyCifar.cifar10Files(), "data_batch_1.bin"));

        String m = assertThrows(FoveaException.class, () -> locator.load("cifar10", Optional.of(dataDir))).getMessage();

        assertTrue(m.endsWith("cannot unpack " + archive + " into " + unpacked
                + ": it already exists; remove it to unpack again"), m);
        assertFalse(Files.exists(unpacked.resolve("data_batch_1.bin")));
    }

    @Test
    void anArchiveInTheCacheIsUnpackedThereAndDeleted() throws IOException {
        Files.copy(published, Files.createDirectories(cache).resolve("cifar-10-binary.tar.gz"));

        DatasetSplits splits = locator.load("cifar10", Optional.empty());

        assertEquals(cache.resolve("cifar-10-batches-bin"), splits.directory());
        assertEquals(Set.of("cifar-10-batches-bin"), namesIn(cache));
    }

    @Test
    void prefersTheCacheOverTheSystemLocation() {
        TinyCifar.write(cache.resolve("cifar-10-batches-bin"), TinyCifar.cifar10Files());
        TinyCifar.write(systemDir, TinyCifar.cifar10Files());

        assertEquals(cache.resolve("cifar-10-batches-bin"), locator.locate("cifar10", Optional.empty()));
    }

    @Test
    void usesTheSystemLocationWhenTheCacheIsIncomplete() {
        TinyCifar.write(cache, TinyCifar.without(TinyCifar.cifar10Files(), "data_batch_2.bin"));
        TinyCifar.write(systemDir, TinyCifar.cifar10Files());

        DatasetSplits splits = locator.load("cifar10", Optional.empty());

        assertEquals(systemDir, splits.directory());
        assertTinyCifar10(splits);
    }

    @Test
    void anExplicitDataDirMustHoldTheDatasetEvenIfTheCacheDoes() {
        TinyCifar.write(cache, TinyCifar.cifar10Files());
        TinyCifar.write(dataDir, TinyCifar.without(TinyCifar.cifar10Files(), "data_batch_3.bin", "batches.meta.txt"));

        String m = assertThrows(FoveaException.class, () -> locator.load("cifar10", Optional.of(dataDir))).getMessage();

        assertEquals("data directory " + dataDir + " does not hold dataset 'cifar10': missing data_batch_3.bin, "
                + "batches.meta.txt, and neither the folder cifar-10-batches-bin nor the archive "
                + "cifar-10-binary.tar.gz is there", m);
    }

    @Test
    void onlyTheTestBatchIsEnoughForReadTestButNotForLoad() {
        TinyCifar.write(dataDir, TinyCifar.without(TinyCifar.cifar10Files(), BATCHES.split(", ")));

        String m = assertThrows(FoveaException.class, () -> locator.load("cifar10", Optional.of(dataDir))).getMessage();
        ImageDataset test = cifar10.readTest(dataDir);

        assertTrue(m.contains("does not hold dataset 'cifar10': missing " + BATCHES + ", and neither"), m);
        assertArrayEquals(TinyCifar.TEST_LABELS, test.labels());
        assertEquals(TinyCifar.TEN_CLASSES, test.classNames());
    }

    @Test
    void readTestNamesWhatIsMissing() {
        TinyCifar.write(dataDir, Map.of("test_batch.bin", CifarBytes.cifar10Batch(1)));

        String m = assertThrows(FoveaException.class, () -> cifar10.readTest(dataDir)).getMessage();

        assertEquals(dataDir + " does not hold the test split of dataset 'cifar10': missing batches.meta.txt", m);
    }

    @Test
    void aPartlyFilledFolderIsReportedWithWhatItLacks() {
        TinyCifar.write(dataDir.resolve("cifar-10-batches-bin"),
                TinyCifar.without(TinyCifar.cifar10Files(), "test_batch.bin"));

        String m = assertThrows(FoveaException.class, () -> locator.load("cifar10", Optional.of(dataDir))).getMessage();

        assertTrue(m.endsWith(": its folder cifar-10-batches-bin lacks test_batch.bin, and the archive "
                + "cifar-10-binary.tar.gz is not there"), m);
    }

    @Test
    void offlineFailureNamesEveryPlaceAndEveryWayToFixIt() {
        String m = assertThrows(FoveaException.class, () -> locator.load("cifar10", Optional.empty())).getMessage();

        assertTrue(m.startsWith("dataset 'cifar10' not found; tried cache " + cache + " (no such directory); "
                + "system location " + systemDir + " (no such directory); download from " + UNUSED_URL
                + " (disabled: offline). To fix: pass --data-dir DIR with a directory holding " + BATCHES
                + ", test_batch.bin, batches.meta.txt, or their folder cifar-10-batches-bin, or the archive "
                + "cifar-10-binary.tar.gz"), m);
        assertFalse(m.contains("apt-get"), "no package installs CIFAR: " + m);
    }

    @Test
    void aDamagedArchiveIsNotUnpacked() throws IOException {
        byte[] whole = Files.readAllBytes(published);
        Files.createDirectories(dataDir);
        Path damaged = Files.write(dataDir.resolve("cifar-10-binary.tar.gz"), Arrays.copyOf(whole, whole.length - 10));
        Checksum actual = Checksum.of(Checksum.Algorithm.MD5, damaged);

        String m = assertThrows(FoveaException.class, () -> locator.load("cifar10", Optional.of(dataDir))).getMessage();

        assertTrue(m.endsWith(damaged + " has " + actual + ", expected " + cifar10.archive().checksum().hex()
                + " as published; it is damaged or not the published archive"), m);
        assertEquals(Set.of(), namesIn(cache));
    }

    @Test
    void aTruncatedArchiveWithAMatchingChecksumIsStillCaught() throws IOException {
        byte[] whole = Files.readAllBytes(published);
        Path truncated = Files.write(Files.createDirectories(dataDir).resolve("cifar-10-binary.tar.gz"),
                Arrays.copyOf(whole, whole.length / 2));
        DatasetLocator trusting = locatorFor(TinyCifar.describing(cifar10, truncated, UNUSED_URL, Optional.empty()));

        String m = assertThrows(FoveaException.class, () -> trusting.load("cifar10", Optional.of(dataDir))).getMessage();

        assertTrue(m.contains(truncated + ": "), m);
        assertTrue(m.contains("truncated"), m);
        assertEquals(Set.of(), namesIn(cache), "nothing half unpacked");
    }

    @Test
    void anArchiveWithAMemberEscapingTheFolderIsRefused() throws IOException {
        byte[] evil = TarBytes.gzip(new TarBytes().file("cifar-10-batches-bin/../../evil",
                "gotcha".getBytes(StandardCharsets.UTF_8)).end().bytes());
        Path archive = Files.write(Files.createDirectories(dataDir).resolve("cifar-10-binary.tar.gz"), evil);
        DatasetLocator trusting = locatorFor(TinyCifar.describing(cifar10, archive, UNUSED_URL, Optional.empty()));

        String m = assertThrows(FoveaException.class, () -> trusting.load("cifar10", Optional.of(dataDir))).getMessage();

        assertTrue(m.contains(archive + ": member 'cifar-10-batches-bin/../../evil'"), m);
        assertTrue(m.contains("the archive is refused"), m);
        assertEquals(Set.of(), namesIn(cache));
        assertFalse(Files.exists(tmp.resolve("evil")));
    }

    @Test
    void cifar100IsReadWithFineLabelsUnlessCoarseAreChosen() {
        TinyCifar.write(dataDir, TinyCifar.cifar100Files());
        DatasetLocator hundred = locatorFor(BuiltinDataset.CIFAR100);

        DatasetSplits fine = hundred.load("cifar100", Optional.of(dataDir));
        DatasetSplits coarse = hundred.withCifar100Labels(Cifar.Label.COARSE).load("cifar100", Optional.of(dataDir));

        assertArrayEquals(new int[] {77, 3, 99}, fine.train().labels());
        assertArrayEquals(new int[] {42, 0}, fine.test().labels());
        assertEquals(TinyCifar.FINE_CLASSES, fine.train().classNames());
        assertArrayEquals(new int[] {4, 19, 0}, coarse.train().labels());
        assertArrayEquals(new int[] {7, 12}, coarse.test().labels());
        assertEquals(TinyCifar.COARSE_CLASSES, coarse.test().classNames());
        assertEquals(20, coarse.train().numClasses());
        assertEquals(Cifar.Label.COARSE, ((CifarDataset) hundred.withCifar100Labels(Cifar.Label.COARSE)
                .dataset("cifar100")).label());
    }

    @Test
    void theLabelChoiceLeavesCifar10Alone() {
        TinyCifar.write(dataDir, TinyCifar.cifar10Files());

        DatasetSplits splits = locator.withCifar100Labels(Cifar.Label.COARSE).load("cifar10", Optional.of(dataDir));

        assertTinyCifar10(splits);
    }

    @Test
    void coarseLabelsNeedOnlyTheCoarseNames() {
        TinyCifar.write(dataDir, TinyCifar.without(TinyCifar.cifar100Files(), "fine_label_names.txt"));
        DatasetLocator hundred = locatorFor(BuiltinDataset.CIFAR100);

        String m = assertThrows(FoveaException.class,
                () -> hundred.load("cifar100", Optional.of(dataDir))).getMessage();
        DatasetSplits coarse = hundred.withCifar100Labels(Cifar.Label.COARSE).load("cifar100", Optional.of(dataDir));

        assertTrue(m.contains("missing fine_label_names.txt"), m);
        assertEquals(TinyCifar.COARSE_CLASSES, coarse.train().classNames());
    }

    @Test
    void cifar100UnpacksBothNameFilesSoTheLabelsCanChangeLater() throws IOException {
        Path archive = TinyCifar.writeArchive(dataDir, BuiltinDataset.CIFAR100, TinyCifar.cifar100Files());
        CifarDataset hundred = TinyCifar.describing(BuiltinDataset.CIFAR100, archive, UNUSED_URL, Optional.empty());

        locatorFor(hundred).load("cifar100", Optional.of(dataDir));
        Path unpacked = cacheRoot.resolve("cifar100").resolve("cifar-100-binary");

        assertEquals(TinyCifar.cifar100Files().keySet(), namesIn(unpacked));
        assertEquals(TinyCifar.COARSE_CLASSES, locatorFor(hundred).withCifar100Labels(Cifar.Label.COARSE)
                .load("cifar100", Optional.empty()).test().classNames());
    }

    @Test
    void aNameFileWithTheWrongNumberOfClassesIsAnErrorNamingIt() {
        List<String> nine = TinyCifar.TEN_CLASSES.subList(0, 9);
        TinyCifar.write(dataDir, TinyCifar.with(TinyCifar.cifar10Files(), "batches.meta.txt", TinyCifar.text(nine)));
        Path hundredDir = TinyCifar.write(tmp.resolve("hundred"), TinyCifar.with(TinyCifar.cifar100Files(),
                "coarse_label_names.txt", TinyCifar.text(TinyCifar.FINE_CLASSES)));

        String ten = assertThrows(FoveaException.class, () -> locator.load("cifar10", Optional.of(dataDir))).getMessage();
        String coarse = assertThrows(FoveaException.class, () -> locatorFor(BuiltinDataset.CIFAR100)
                .withCifar100Labels(Cifar.Label.COARSE).load("cifar100", Optional.of(hundredDir))).getMessage();

        assertEquals(dataDir.resolve("batches.meta.txt") + ": 9 class names, expected 10 (one per line) for the "
                + "cifar10 labels of 'cifar10'", ten);
        assertEquals(hundredDir.resolve("coarse_label_names.txt") + ": 100 class names, expected 20 (one per line) "
                + "for the coarse labels of 'cifar100'", coarse);
    }

    @Test
    void aBatchOfTheWrongLengthIsAnErrorNamingIt() {
        byte[] cut = Arrays.copyOf(CifarBytes.cifar10Batch(1, 2), 3073 + 100);
        TinyCifar.write(dataDir, TinyCifar.with(TinyCifar.cifar10Files(), "data_batch_4.bin", cut));

        String m = assertThrows(FoveaException.class, () -> locator.load("cifar10", Optional.of(dataDir))).getMessage();

        assertTrue(m.startsWith(dataDir.resolve("data_batch_4.bin") + ": length 3173 bytes is not a multiple"), m);
    }
}

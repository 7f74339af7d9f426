package dev.fovea.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.fovea.FoveaException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads from a server on 127.0.0.1 that serves the generated tiny dataset. */
class DatasetDownloadTest {
    @TempDir
    Path tmp;

    private final AtomicInteger requests = new AtomicInteger();
    /** File names the server answers 404 for. */
    private final Set<String> missing = ConcurrentHashMap.newKeySet();
    /** File names the server answers only after a long pause. */
    private final Set<String> stalled = ConcurrentHashMap.newKeySet();

    private ExecutorService handlers;
    private HttpServer server;
    private Path served;
    private Path cacheRoot;
    private IdxDataset tiny;
    private DatasetLocator locator;

    @BeforeEach
    void startServer() throws IOException {
        served = Files.createDirectories(tmp.resolve("served"));
        cacheRoot = tmp.resolve("cache");
        handlers = Executors.newCachedThreadPool();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/data/", this::serve);
        server.setExecutor(handlers);
        server.start();
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/data/");
        tiny = TinyDataset.writeTo(served, base, Optional.of(tmp.resolve("no-system")));
        locator = DatasetLocator.standard()
                .withDatasets(List.of(tiny))
                .withCacheRoot(cacheRoot)
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(20));
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
        handlers.shutdownNow(); // wakes any handler still pausing for the stall test
    }

    @Test
    void downloadsVerifiesAndServesLaterLoadsFromTheCache() throws IOException {
        DatasetSplits first = locator.load(TinyDataset.NAME, Optional.empty());

        Path cache = cacheRoot.resolve(TinyDataset.NAME);
        assertEquals(cache, first.directory());
        assertArrayEquals(TinyDataset.TRAIN_LABELS, first.train().labels());
        assertArrayEquals(TinyDataset.TEST_LABELS, first.test().labels());
        assertEquals(4, requests.get());
        assertEquals(Set.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"), fileNames(cache));

        DatasetSplits second = DatasetLocator.standard().withDatasets(List.of(tiny)).withCacheRoot(cacheRoot)
                .load(TinyDataset.NAME, Optional.empty());

        assertEquals(cache, second.directory());
        assertEquals(4, requests.get(), "the second load must not contact the server");
    }

    @Test
    void downloadsOnlyTheFilesTheCacheLacks() throws IOException {
        Path cache = Files.createDirectories(cacheRoot.resolve(TinyDataset.NAME));
        Files.copy(served.resolve("train-images-idx3-ubyte.gz"), cache.resolve("train-images-idx3-ubyte.gz"));

        locator.load(TinyDataset.NAME, Optional.empty());

        assertEquals(3, requests.get());
    }

    @Test
    void checksumMismatchDiscardsTheDownloadAndNamesBothHashes() throws IOException {
        String wrong = "0".repeat(64);
        String actual = Checksum.of(Checksum.Algorithm.SHA_256, served.resolve("train-labels-idx1-ubyte.gz")).hex();
        IdxDataset tampered = new IdxDataset(tiny.name(), tiny.classNames(), tiny.baseUrl(),
                tiny.systemDir(), tiny.systemPackage(), tiny.trainImages(),
                new DatasetFile("train-labels-idx1-ubyte.gz", Checksum.sha256(wrong)), tiny.testImages(), tiny.testLabels());

        String m = assertThrows(FoveaException.class, () -> locator.withDatasets(List.of(tampered))
                .load(TinyDataset.NAME, Optional.empty())).getMessage();

        assertTrue(m.contains(tiny.baseUrl() + "train-labels-idx1-ubyte.gz: SHA-256 of the download is " + actual
                + ", expected " + wrong), m);
        Set<String> left = fileNames(cacheRoot.resolve(TinyDataset.NAME));
        assertFalse(left.contains("train-labels-idx1-ubyte.gz"), left.toString());
        assertTrue(left.stream().noneMatch(n -> n.endsWith(".tmp")), "temporary file left: " + left);
    }

    @Test
    void theTemporaryFileOfADownloadThatWasKilledIsDeletedByTheNextDownload() throws Exception {
        Process killed = new ProcessBuilder("true").start();
        killed.waitFor();
        Path cache = Files.createDirectories(cacheRoot.resolve(TinyDataset.NAME));
        Path leftOver = Files.writeString(cache.resolve(".train-images-idx3-ubyte.gz." + killed.pid() + ".5eed.tmp"),
                "the first bytes of a download");

        locator.load(TinyDataset.NAME, Optional.empty());

        assertFalse(Files.exists(leftOver));
        assertEquals(Set.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"), fileNames(cache));
    }

    @Test
    void downloadsTheCifarArchiveThenUnpacksAndDeletesIt() throws IOException {
        Path archive = TinyCifar.writeArchive(served, BuiltinDataset.CIFAR10, TinyCifar.cifar10Files());
        CifarDataset cifar10 = TinyCifar.describing(BuiltinDataset.CIFAR10, archive, tiny.baseUrl(), Optional.empty());
        DatasetLocator cifarLocator = locator.withDatasets(List.of(cifar10));

        DatasetSplits first = cifarLocator.load("cifar10", Optional.empty());

        Path cache = cacheRoot.resolve("cifar10");
        assertEquals(cache.resolve("cifar-10-batches-bin"), first.directory());
        assertArrayEquals(TinyCifar.TRAIN_LABELS, first.train().labels());
        assertArrayEquals(TinyCifar.TEST_LABELS, first.test().labels());
        assertEquals(1, requests.get());
        assertEquals(Set.of("cifar-10-batches-bin"), fileNames(cache), "the archive is deleted once unpacked");

        DatasetSplits second = cifarLocator.withOffline(true).load("cifar10", Optional.empty());

        assertEquals(first.directory(), second.directory());
        assertEquals(1, requests.get(), "the second load must not contact the server");
    }

    @Test
    void cifarChecksumMismatchNamesTheUrlAndBothMd5sAndLeavesNothing() throws IOException {
        Path archive = TinyCifar.writeArchive(served, BuiltinDataset.CIFAR10, TinyCifar.cifar10Files());
        String actual = Checksum.of(Checksum.Algorithm.MD5, archive).hex();
        // The real dataset's description: its published MD5 is not the tiny archive's.
        CifarDataset published = BuiltinDataset.CIFAR10.withBaseUrl(tiny.baseUrl());

        String m = assertThrows(FoveaException.class, () -> locator.withDatasets(List.of(published))
                .load("cifar10", Optional.empty())).getMessage();

        assertTrue(m.contains("download from " + tiny.baseUrl() + " (" + tiny.baseUrl() + "cifar-10-binary.tar.gz: "
                + "MD5 of the download is " + actual + ", expected c32a1d4ab5d03f1284b67883e8d87530; "
                + "the download was discarded)"), m);
        assertEquals(Set.of(), fileNames(cacheRoot.resolve("cifar10")));
    }

    @Test
    void notFoundIsReportedWithTheUrl() {
        missing.add("t10k-images-idx3-ubyte.gz");

        String m = assertThrows(FoveaException.class,
                () -> locator.load(TinyDataset.NAME, Optional.empty())).getMessage();

        assertTrue(m.contains(tiny.baseUrl() + "t10k-images-idx3-ubyte.gz: HTTP status 404, expected 200"), m);
        assertTrue(m.contains("--data-dir DIR"), m);
    }

    @Test
    void refusedConnectionGivesOneErrorNamingEveryPlaceTried() {
        server.stop(0);

        String m = assertThrows(FoveaException.class,
                () -> locator.load(TinyDataset.NAME, Optional.empty())).getMessage();

        assertTrue(m.contains("dataset 'tiny' not found"), m);
        assertTrue(m.contains("cache " + cacheRoot.resolve(TinyDataset.NAME) + " (no such directory)"), m);
        assertTrue(m.contains("system location " + tmp.resolve("no-system") + " (no such directory)"), m);
        assertTrue(m.contains("download from " + tiny.baseUrl() + " (" + tiny.baseUrl()
                + "train-images-idx3-ubyte.gz: ConnectException"), m);
        assertTrue(m.contains("apt-get install dataset-tiny"), m);
        assertTrue(m.contains("--data-dir DIR"), m);
    }

    @Test
    void stalledServerTimesOutInsteadOfHanging() {
        stalled.add("train-labels-idx1-ubyte.gz");
        DatasetLocator impatient = locator.withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1));

        String m = assertThrows(FoveaException.class,
                () -> impatient.load(TinyDataset.NAME, Optional.empty())).getMessage();

        assertTrue(m.contains(tiny.baseUrl() + "train-labels-idx1-ubyte.gz: "), m);
        assertTrue(m.contains("timed out") || m.contains("no complete response within 1 s"), m);
    }

    private void serve(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        String name = exchange.getRequestURI().getPath().substring("/data/".length());
        try (exchange) {
            if (stalled.contains(name)) {
                pause();
            }
            Path file = served.resolve(name);
            if (missing.contains(name) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = Files.readAllBytes(file);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Set<String> fileNames(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }
}

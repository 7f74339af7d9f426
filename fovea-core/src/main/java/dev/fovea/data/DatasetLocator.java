package dev.fovea.data;

import dev.fovea.FoveaException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Finds the files of a built-in dataset on this machine, downloading them if need be, and loads them.
 *
 * <p>Places are tried in this order: an explicit data directory (which must then hold the files),
 * the per-user cache {@code ~/.fovea/datasets/<name>/}, the directory a system package installs,
 * and finally a download into the cache, checked against the known SHA-256s. A file counts as
 * present under its published {@code .gz} name or uncompressed without the suffix.
 *
 * <p>Instances are immutable; the {@code with...} methods return changed copies, which is how tests
 * point the locator at temporary directories and a local server.
 */
public final class DatasetLocator {
    private final List<BuiltinDataset> datasets;
    private final Path cacheRoot;
    private final boolean offline;
    private final Duration connectTimeout;
    private final Duration downloadTimeout;

    private DatasetLocator(List<BuiltinDataset> datasets, Path cacheRoot, boolean offline,
                           Duration connectTimeout, Duration downloadTimeout) {
        this.datasets = List.copyOf(datasets);
        this.cacheRoot = Objects.requireNonNull(cacheRoot);
        this.offline = offline;
        this.connectTimeout = Objects.requireNonNull(connectTimeout);
        this.downloadTimeout = Objects.requireNonNull(downloadTimeout);
    }

    /** The built-in datasets, cached under the user's home, downloading allowed. */
    public static DatasetLocator standard() {
        return new DatasetLocator(BuiltinDataset.all(),
                Path.of(System.getProperty("user.home"), ".fovea", "datasets"),
                false, Duration.ofSeconds(30), Duration.ofMinutes(15));
    }

    public DatasetLocator withDatasets(List<BuiltinDataset> known) {
        return new DatasetLocator(known, cacheRoot, offline, connectTimeout, downloadTimeout);
    }

    /** Sets the directory holding one cache subdirectory per dataset (normally ~/.fovea/datasets). */
    public DatasetLocator withCacheRoot(Path root) {
        return new DatasetLocator(datasets, root, offline, connectTimeout, downloadTimeout);
    }

    /** With {@code true}, never downloads: a dataset not found locally is an error. */
    public DatasetLocator withOffline(boolean noDownloads) {
        return new DatasetLocator(datasets, cacheRoot, noDownloads, connectTimeout, downloadTimeout);
    }

    /** Sets how long to wait for a connection, and for each whole file to arrive. */
    public DatasetLocator withTimeouts(Duration connect, Duration download) {
        return new DatasetLocator(datasets, cacheRoot, offline, connect, download);
    }

    public List<String> names() {
        return datasets.stream().map(BuiltinDataset::name).collect(Collectors.toList());
    }

    /** The dataset called {@code name}, or an error listing the known names. */
    public BuiltinDataset dataset(String name) {
        return BuiltinDataset.named(name, datasets);
    }

    /** Loads both splits of the dataset found by {@link #locate}. */
    public DatasetSplits load(String name, Optional<Path> dataDir) {
        BuiltinDataset dataset = dataset(name);
        Path dir = locate(dataset, dataDir);
        ImageDataset train = Idx.read(dataset.name() + "/train", find(dir, dataset.trainImages()).orElseThrow(),
                find(dir, dataset.trainLabels()).orElseThrow(), dataset.classNames());
        ImageDataset test = Idx.read(dataset.name() + "/test", find(dir, dataset.testImages()).orElseThrow(),
                find(dir, dataset.testLabels()).orElseThrow(), dataset.classNames());
        return new DatasetSplits(train, test, dir);
    }

    /** The directory holding all files of dataset {@code name}; see the class comment for the order. */
    public Path locate(String name, Optional<Path> dataDir) {
        return locate(dataset(name), dataDir);
    }

    private Path locate(BuiltinDataset dataset, Optional<Path> dataDir) {
        if (dataDir.isPresent()) {
            Path dir = dataDir.get();
            Optional<String> problem = problemWith(dir, dataset);
            if (problem.isPresent()) {
                throw new FoveaException("data directory " + dir + " does not hold dataset '" + dataset.name()
                        + "': " + problem.get() + " (gzipped or not)");
            }
            return dir;
        }
        List<String> tried = new ArrayList<>();
        Path cache = cacheRoot.resolve(dataset.name());
        Optional<String> cacheProblem = problemWith(cache, dataset);
        if (cacheProblem.isEmpty()) {
            return cache;
        }
        tried.add("cache " + cache + " (" + cacheProblem.get() + ")");
        if (dataset.systemDir().isPresent()) {
            Path system = dataset.systemDir().get();
            Optional<String> systemProblem = problemWith(system, dataset);
            if (systemProblem.isEmpty()) {
                return system;
            }
            tried.add("system location " + system + " (" + systemProblem.get() + ")");
        }
        if (offline) {
            tried.add("download from " + dataset.baseUrl() + " (disabled: offline)");
        } else {
            try {
                download(dataset, cache);
                return cache;
            } catch (FoveaException e) {
                tried.add("download from " + dataset.baseUrl() + " (" + e.getMessage() + ")");
            }
        }
        throw new FoveaException("dataset '" + dataset.name() + "' not found; tried " + String.join("; ", tried)
                + ". To fix: " + remedies(dataset));
    }

    /** Downloads every file the cache lacks; files already there were checked when they arrived. */
    private void download(BuiltinDataset dataset, Path cache) {
        VerifiedDownload downloader = new VerifiedDownload(connectTimeout, downloadTimeout);
        for (DatasetFile file : dataset.files()) {
            if (find(cache, file).isEmpty()) {
                downloader.fetch(dataset.urlOf(file), cache.resolve(file.fileName()), file.sha256());
            }
        }
    }

    private static String remedies(BuiltinDataset dataset) {
        String files = dataset.files().stream().map(DatasetFile::fileName).collect(Collectors.joining(", "));
        String install = dataset.systemPackage()
                .map(p -> "install it with 'apt-get install " + p + "', or ")
                .orElse("");
        return install + "pass --data-dir DIR with a directory holding " + files + " (gzipped or not)";
    }

    /** Why {@code dir} does not hold the dataset, or empty if it does. */
    private static Optional<String> problemWith(Path dir, BuiltinDataset dataset) {
        if (!Files.isDirectory(dir)) {
            return Optional.of("no such directory");
        }
        List<String> missing = dataset.files().stream()
                .filter(f -> find(dir, f).isEmpty())
                .map(DatasetFile::fileName)
                .collect(Collectors.toList());
        return missing.isEmpty() ? Optional.empty() : Optional.of("missing " + String.join(", ", missing));
    }

    private static Optional<Path> find(Path dir, DatasetFile file) {
        return file.acceptedNames().stream()
                .map(dir::resolve)
                .filter(Files::isRegularFile)
                .findFirst();
    }
}

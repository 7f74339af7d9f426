package dev.fovea.data;

import dev.fovea.FoveaException;
import dev.fovea.data.BuiltinDataset.Lookup;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds the files of a built-in dataset on this machine, downloading them if need be, and loads them.
 *
 * <p>Places are tried in this order: an explicit data directory (which must then hold the dataset),
 * the per-user cache {@code ~/.fovea/datasets/<name>/}, the directory a system package installs,
 * and finally a download into the cache, checked against the published checksums. What a place
 * must hold depends on the dataset: see {@link IdxDataset} and {@link CifarDataset} (which also
 * accept their archive, unpacked into the cache).
 *
 * <p>Instances are immutable; the {@code with...} methods return changed copies, which is how tests
 * point the locator at temporary directories and a local server, and how callers choose CIFAR-100's
 * labels: {@code DatasetLocator.standard().withCifar100Labels(Cifar.Label.COARSE).load("cifar100", dir)}.
 */
public final class DatasetLocator {
    private static final Set<Cifar.Label> CIFAR100_LABELS = Set.of(Cifar.Label.COARSE, Cifar.Label.FINE);

    private final List<BuiltinDataset> datasets;
    private final Path cacheRoot;
    private final boolean offline;
    private final Duration connectTimeout;
    private final Duration downloadTimeout;
    private final Cifar.Label cifar100Labels;

    private DatasetLocator(List<BuiltinDataset> datasets, Path cacheRoot, boolean offline,
                           Duration connectTimeout, Duration downloadTimeout, Cifar.Label cifar100Labels) {
        this.datasets = List.copyOf(datasets);
        this.cacheRoot = Objects.requireNonNull(cacheRoot);
        this.offline = offline;
        this.connectTimeout = Objects.requireNonNull(connectTimeout);
        this.downloadTimeout = Objects.requireNonNull(downloadTimeout);
        this.cifar100Labels = Objects.requireNonNull(cifar100Labels);
    }

    /** The built-in datasets, cached under the user's home, downloading allowed, CIFAR-100's fine labels. */
    public static DatasetLocator standard() {
        return new DatasetLocator(BuiltinDataset.all(),
                Path.of(System.getProperty("user.home"), ".fovea", "datasets"),
                false, Duration.ofSeconds(30), Duration.ofMinutes(15), Cifar.Label.FINE);
    }

    public DatasetLocator withDatasets(List<BuiltinDataset> known) {
        return new DatasetLocator(known, cacheRoot, offline, connectTimeout, downloadTimeout, cifar100Labels);
    }

    /** Sets the directory holding one cache subdirectory per dataset (normally ~/.fovea/datasets). */
    public DatasetLocator withCacheRoot(Path root) {
        return new DatasetLocator(datasets, root, offline, connectTimeout, downloadTimeout, cifar100Labels);
    }

    /** With {@code true}, never downloads: a dataset not found locally is an error. */
    public DatasetLocator withOffline(boolean noDownloads) {
        return new DatasetLocator(datasets, cacheRoot, noDownloads, connectTimeout, downloadTimeout, cifar100Labels);
    }

    /** Sets how long to wait for a connection, and for each whole file to arrive. */
    public DatasetLocator withTimeouts(Duration connect, Duration download) {
        return new DatasetLocator(datasets, cacheRoot, offline, connect, download, cifar100Labels);
    }

    /**
     * Chooses the labels CIFAR-100 (and any dataset offering the same choice) is read with:
     * {@link Cifar.Label#FINE} (100 classes, the default) or {@link Cifar.Label#COARSE} (20 superclasses).
     */
    public DatasetLocator withCifar100Labels(Cifar.Label labels) {
        if (!CIFAR100_LABELS.contains(labels)) {
            throw new IllegalArgumentException("CIFAR-100 labels are COARSE or FINE, not " + labels);
        }
        return new DatasetLocator(datasets, cacheRoot, offline, connectTimeout, downloadTimeout, labels);
    }

    public List<String> names() {
        return datasets.stream().map(BuiltinDataset::name).collect(Collectors.toList());
    }

    /** The dataset called {@code name}, with this locator's label choice, or an error listing the known names. */
    public BuiltinDataset dataset(String name) {
        BuiltinDataset dataset = BuiltinDataset.named(name, datasets);
        if (dataset instanceof CifarDataset cifar && cifar.labels().contains(cifar100Labels)) {
            return cifar.withLabel(cifar100Labels);
        }
        return dataset;
    }

    /** Loads both splits of the dataset found by {@link #locate}. */
    public DatasetSplits load(String name, Optional<Path> dataDir) {
        BuiltinDataset dataset = dataset(name);
        return dataset.read(locate(dataset, dataDir));
    }

    /** The directory holding all files of dataset {@code name}; see the class comment for the order. */
    public Path locate(String name, Optional<Path> dataDir) {
        return locate(dataset(name), dataDir);
    }

    private Path locate(BuiltinDataset dataset, Optional<Path> dataDir) {
        Path cache = cacheRoot.resolve(dataset.name());
        if (dataDir.isPresent()) {
            Path dir = dataDir.get();
            Lookup lookup = dataset.lookIn(dir, cache);
            return lookup.directory().orElseThrow(() -> new FoveaException("data directory " + dir
                    + " does not hold dataset '" + dataset.name() + "': " + lookup.problem()));
        }
        List<String> tried = new ArrayList<>();
        Lookup inCache = dataset.lookIn(cache, cache);
        if (inCache.directory().isPresent()) {
            return inCache.directory().get();
        }
        tried.add("cache " + cache + " (" + inCache.problem() + ")");
        if (dataset.systemDir().isPresent()) {
            Path system = dataset.systemDir().get();
            Lookup inSystem = dataset.lookIn(system, cache);
            if (inSystem.directory().isPresent()) {
                return inSystem.directory().get();
            }
            tried.add("system location " + system + " (" + inSystem.problem() + ")");
        }
        if (offline) {
            tried.add("download from " + dataset.baseUrl() + " (disabled: offline)");
        } else {
            try {
                return download(dataset, cache);
            } catch (FoveaException e) {
                tried.add("download from " + dataset.baseUrl() + " (" + e.getMessage() + ")");
            }
        }
        throw new FoveaException("dataset '" + dataset.name() + "' not found; tried " + String.join("; ", tried)
                + ". To fix: " + remedies(dataset));
    }

    /** Downloads what the cache lacks, then looks there again. */
    private Path download(BuiltinDataset dataset, Path cache) {
        VerifiedDownload downloader = new VerifiedDownload(connectTimeout, downloadTimeout);
        for (DatasetFile file : dataset.downloadsInto(cache)) {
            downloader.fetch(dataset.baseUrl().resolve(file.fileName()), cache.resolve(file.fileName()),
                    file.checksum());
        }
        Lookup after = dataset.lookIn(cache, cache);
        return after.directory().orElseThrow(() -> new FoveaException(after.problem()));
    }

    private static String remedies(BuiltinDataset dataset) {
        String install = dataset.systemPackage()
                .map(p -> "install it with 'apt-get install " + p + "', or ")
                .orElse("");
        return install + "pass --data-dir DIR with " + dataset.dataDirContents();
    }
}

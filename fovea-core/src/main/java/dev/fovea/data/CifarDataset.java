package dev.fovea.data;

import dev.fovea.FoveaException;
import dev.fovea.data.archive.TarGz;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A dataset in CIFAR's binary format (see {@link Cifar}), published as one {@code .tar.gz} archive
 * whose folder holds the training batches, the test batch and the class-name files.
 *
 * <p>A place holds the dataset when it holds the files of the chosen label (the batches and that
 * label's class-name file) directly, or in the archive's folder (such as
 * {@code cifar-10-batches-bin/}), or packed in the archive itself. An archive is checked against
 * its published checksum, then its members are unpacked into the cache's copy of the folder, all at
 * once (see {@link TarGz}); unless that copy is already complete, in which case it is used as is.
 * An archive in the cache, which is where downloads land, is deleted once unpacked: the unpacked
 * folder is what later runs read. Archives elsewhere are left alone.
 *
 * <p>Class names always come from the dataset's own name file, which must list exactly as many
 * names as the label has classes.
 *
 * @param archive the published archive and its checksum
 * @param folder the folder the archive unpacks to, such as {@code cifar-10-batches-bin}
 * @param trainFiles the batches of the training split, read in this order
 * @param testFile the batch of the test split
 * @param classNameFiles for each label the dataset offers, the file naming its classes, one per line
 * @param label the label read
 */
public record CifarDataset(String name, URI baseUrl, DatasetFile archive, String folder, List<String> trainFiles,
                           String testFile, Map<Cifar.Label, String> classNameFiles, Cifar.Label label,
                           Optional<Path> systemDir, Optional<String> systemPackage) implements BuiltinDataset {
    /**
     * The largest member unpacked: room for 60,000 CIFAR-100 records in one file. The largest real
     * one, CIFAR-100's train.bin, holds 50,000 (154 MB).
     */
    public static final long MAX_MEMBER_BYTES = 60_000L * Cifar.Label.FINE.recordSize();

    private static final System.Logger LOG = System.getLogger(CifarDataset.class.getName());

    public CifarDataset {
        Objects.requireNonNull(name);
        // Without the trailing slash, resolving a file name would replace the last path segment.
        if (!baseUrl.getPath().endsWith("/")) {
            throw new IllegalArgumentException(name + ": base URL must end with '/': " + baseUrl);
        }
        Objects.requireNonNull(archive);
        Objects.requireNonNull(folder);
        trainFiles = List.copyOf(trainFiles);
        Objects.requireNonNull(testFile);
        classNameFiles = Collections.unmodifiableMap(new EnumMap<>(classNameFiles));
        if (!classNameFiles.containsKey(label)) {
            throw new IllegalArgumentException(name + " offers the labels " + classNameFiles.keySet()
                    + ", not " + label);
        }
        Objects.requireNonNull(systemDir);
        Objects.requireNonNull(systemPackage);
    }

    /** The labels this dataset can be read with: CIFAR10 for CIFAR-10, COARSE and FINE for CIFAR-100. */
    public Set<Cifar.Label> labels() {
        return classNameFiles.keySet();
    }

    /** This dataset read with {@code chosen} labels, one of {@link #labels()}. */
    public CifarDataset withLabel(Cifar.Label chosen) {
        return new CifarDataset(name, baseUrl, archive, folder, trainFiles, testFile, classNameFiles, chosen,
                systemDir, systemPackage);
    }

    public CifarDataset withBaseUrl(URI url) {
        return new CifarDataset(name, url, archive, folder, trainFiles, testFile, classNameFiles, label,
                systemDir, systemPackage);
    }

    public CifarDataset withSystemDir(Optional<Path> dir) {
        return new CifarDataset(name, baseUrl, archive, folder, trainFiles, testFile, classNameFiles, label,
                dir, systemPackage);
    }

    public URI archiveUrl() {
        return baseUrl.resolve(archive.fileName());
    }

    /** The files a directory must hold to be read with the chosen label. */
    public List<String> requiredFiles() {
        List<String> files = new ArrayList<>(trainFiles);
        files.add(testFile);
        files.add(classNameFiles.get(label));
        return files;
    }

    @Override
    public Lookup lookIn(Path place, Path cache) {
        if (!Files.isDirectory(place)) {
            return Lookup.missing("no such directory");
        }
        List<String> missingHere = missingIn(place);
        if (missingHere.isEmpty()) {
            return Lookup.found(place);
        }
        Path unpacked = place.resolve(folder);
        List<String> missingUnpacked = Files.isDirectory(unpacked) ? missingIn(unpacked) : null;
        if (missingUnpacked != null && missingUnpacked.isEmpty()) {
            return Lookup.found(unpacked);
        }
        Path packed = place.resolve(archive.fileName());
        if (Files.isRegularFile(packed)) {
            return unpack(packed, place.equals(cache), cache.resolve(folder));
        }
        return Lookup.missing(missingUnpacked == null
                ? "missing " + String.join(", ", missingHere) + ", and neither the folder " + folder
                        + " nor the archive " + archive.fileName() + " is there"
                : "its folder " + folder + " lacks " + String.join(", ", missingUnpacked) + ", and the archive "
                        + archive.fileName() + " is not there");
    }

    /** The archive; the locator then finds it in the cache, where {@link #lookIn} unpacks it. */
    @Override
    public List<DatasetFile> downloadsInto(Path cache) {
        return List.of(archive);
    }

    @Override
    public DatasetSplits read(Path directory) {
        List<String> names = classNames(directory);
        List<Path> train = trainFiles.stream().map(directory::resolve).collect(Collectors.toList());
        return new DatasetSplits(Cifar.read(name + "/train", train, label, names), readTest(directory, names),
                directory);
    }

    /**
     * Reads only the test split from {@code directory}, which needs to hold just the test batch and
     * the class-name file: for tests and benchmarks on a machine without the training batches.
     */
    public ImageDataset readTest(Path directory) {
        List<String> missing = List.of(testFile, classNameFiles.get(label)).stream()
                .filter(f -> !Files.isRegularFile(directory.resolve(f)))
                .collect(Collectors.toList());
        if (!missing.isEmpty()) {
            throw new FoveaException(directory + " does not hold the test split of dataset '" + name + "': missing "
                    + String.join(", ", missing));
        }
        return readTest(directory, classNames(directory));
    }

    @Override
    public String dataDirContents() {
        return "a directory holding " + String.join(", ", requiredFiles()) + ", or their folder " + folder
                + ", or the archive " + archive.fileName();
    }

    private ImageDataset readTest(Path directory, List<String> names) {
        return Cifar.read(name + "/test", List.of(directory.resolve(testFile)), label, names);
    }

    private List<String> classNames(Path directory) {
        Path file = directory.resolve(classNameFiles.get(label));
        List<String> names = Cifar.readClassNames(file);
        if (names.size() != label.classCount()) {
            throw new FoveaException(file + ": " + names.size() + " class names, expected " + label.classCount()
                    + " (one per line) for the " + label.name().toLowerCase(Locale.ROOT)
                    + " labels of '" + name + "'");
        }
        return names;
    }

    private boolean holdsAll(Path dir) {
        return Files.isDirectory(dir) && missingIn(dir).isEmpty();
    }

    private List<String> missingIn(Path dir) {
        return requiredFiles().stream().filter(f -> !Files.isRegularFile(dir.resolve(f))).collect(Collectors.toList());
    }

    /** Checks {@code packed} and unpacks every member, for all labels, into {@code target}. */
    private Lookup unpack(Path packed, boolean packedInCache, Path target) {
        if (holdsAll(target)) {
            return Lookup.found(target);
        }
        try {
            Checksum actual = Checksum.of(archive.checksum().algorithm(), packed);
            if (!actual.equals(archive.checksum())) {
                return Lookup.missing(packed + " has " + actual + ", expected " + archive.checksum().hex()
                        + " as published; it is damaged or not the published archive");
            }
        } catch (IOException e) {
            return Lookup.missing(packed + ": cannot read: " + e.getMessage());
        }
        try {
            TarGz.extract(packed, members(), target, MAX_MEMBER_BYTES);
        } catch (FoveaException e) {
            // Another process may have unpacked the same archive in the meantime.
            return holdsAll(target) ? Lookup.found(target) : Lookup.missing(e.getMessage());
        }
        LOG.log(Level.INFO, "Unpacked {0} into {1}", packed, target);
        if (packedInCache) {
            deleteUnpackedArchive(packed);
        }
        return Lookup.found(target);
    }

    /** The archive's members to unpack: every file of the dataset, whichever label is read. */
    private List<String> members() {
        List<String> files = new ArrayList<>(trainFiles);
        files.add(testFile);
        files.addAll(classNameFiles.values());
        return files.stream().map(f -> folder + "/" + f).collect(Collectors.toList());
    }

    private static void deleteUnpackedArchive(Path packed) {
        try {
            Files.delete(packed);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot delete {0}, which is unpacked already: {1}", packed, e);
        }
    }
}

package dev.fovea.data;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A dataset published as four IDX files (MNIST and its relatives): its class names, where a system
 * package installs it and where each file can be downloaded.
 *
 * <p>A place holds the dataset when it holds all four files, each under its published {@code .gz}
 * name or uncompressed without the suffix. The checksums are those of the files as the base URL
 * serves them. Tests build their own instances to point at a local server or directory.
 *
 * @param systemDir where an operating-system package puts the files, if any
 * @param systemPackage the Debian package that installs {@code systemDir}, for the error message
 */
public record IdxDataset(String name, List<String> classNames, URI baseUrl, Optional<Path> systemDir,
                         Optional<String> systemPackage, DatasetFile trainImages, DatasetFile trainLabels,
                         DatasetFile testImages, DatasetFile testLabels) implements BuiltinDataset {

    public IdxDataset {
        Objects.requireNonNull(name);
        classNames = List.copyOf(classNames);
        // Without the trailing slash, resolving a file name would replace the last path segment.
        if (!baseUrl.getPath().endsWith("/")) {
            throw new IllegalArgumentException(name + ": base URL must end with '/': " + baseUrl);
        }
        Objects.requireNonNull(systemDir);
        Objects.requireNonNull(systemPackage);
        Objects.requireNonNull(trainImages);
        Objects.requireNonNull(trainLabels);
        Objects.requireNonNull(testImages);
        Objects.requireNonNull(testLabels);
    }

    public List<DatasetFile> files() {
        return List.of(trainImages, trainLabels, testImages, testLabels);
    }

    public URI urlOf(DatasetFile file) {
        return baseUrl.resolve(file.fileName());
    }

    public IdxDataset withBaseUrl(URI url) {
        return new IdxDataset(name, classNames, url, systemDir, systemPackage,
                trainImages, trainLabels, testImages, testLabels);
    }

    public IdxDataset withSystemDir(Optional<Path> dir) {
        return new IdxDataset(name, classNames, baseUrl, dir, systemPackage,
                trainImages, trainLabels, testImages, testLabels);
    }

    /** Found in {@code place} itself or not at all; IDX datasets have no archive to unpack. */
    @Override
    public Lookup lookIn(Path place, Path cache) {
        if (!Files.isDirectory(place)) {
            return Lookup.missing("no such directory");
        }
        List<String> missing = files().stream()
                .filter(f -> find(place, f).isEmpty())
                .map(DatasetFile::fileName)
                .collect(Collectors.toList());
        return missing.isEmpty() ? Lookup.found(place)
                : Lookup.missing("missing " + String.join(", ", missing) + " (gzipped or not)");
    }

    /** Every file the cache lacks; files already there were checked when they arrived. */
    @Override
    public List<DatasetFile> downloadsInto(Path cache) {
        return files().stream().filter(f -> find(cache, f).isEmpty()).collect(Collectors.toList());
    }

    @Override
    public DatasetSplits read(Path directory) {
        ImageDataset train = Idx.read(name + "/train", find(directory, trainImages).orElseThrow(),
                find(directory, trainLabels).orElseThrow(), classNames);
        ImageDataset test = Idx.read(name + "/test", find(directory, testImages).orElseThrow(),
                find(directory, testLabels).orElseThrow(), classNames);
        return new DatasetSplits(train, test, directory);
    }

    @Override
    public String dataDirContents() {
        return "a directory holding " + files().stream().map(DatasetFile::fileName).collect(Collectors.joining(", "))
                + " (gzipped or not)";
    }

    private static Optional<Path> find(Path dir, DatasetFile file) {
        return file.acceptedNames().stream()
                .map(dir::resolve)
                .filter(Files::isRegularFile)
                .findFirst();
    }
}

package dev.fovea.data;

import dev.fovea.FoveaException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A dataset Fovea knows how to find: its four IDX files, class names, where a system package
 * installs it and where it can be downloaded.
 *
 * <p>The SHA-256s are those of the files as the base URL serves them. Tests build their own
 * instances to point at a local server or directory.
 *
 * @param systemDir where an operating-system package puts the files, if any
 * @param systemPackage the Debian package that installs {@code systemDir}, for the error message
 */
public record BuiltinDataset(String name, List<String> classNames, URI baseUrl, Optional<Path> systemDir,
                             Optional<String> systemPackage, DatasetFile trainImages, DatasetFile trainLabels,
                             DatasetFile testImages, DatasetFile testLabels) {

    public static final BuiltinDataset FASHION_MNIST = new BuiltinDataset(
            "fashion-mnist",
            List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                    "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"),
            URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"),
            Optional.of(Path.of("/usr/share/datasets/fashion-mnist")),
            Optional.of("dataset-fashion-mnist"),
            new DatasetFile("train-images-idx3-ubyte.gz",
                    "08dc20ab1689590a0bcd66e874647b6ee8464e2d501b5a3f1f78831db19a3fdc"),
            new DatasetFile("train-labels-idx1-ubyte.gz",
                    "b0197879cbda89f3dc7b894f9fd52b858e68ea4182b6947c9d8c2b67e5f18dcc"),
            new DatasetFile("t10k-images-idx3-ubyte.gz",
                    "78dcbbfb5a27efaf1b6c1d616caca68560be8766c5bffcb2791df9273a534229"),
            new DatasetFile("t10k-labels-idx1-ubyte.gz",
                    "42bd18137a62d5998cdeae52bf3a0676ac6b706f5cf8439b47bb5b151ae3dccf"));

    /** The original MNIST files; the base URL is a widely used mirror, as the original site throttles. */
    public static final BuiltinDataset MNIST = new BuiltinDataset(
            "mnist",
            List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
            URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"),
            Optional.empty(),
            Optional.empty(),
            new DatasetFile("train-images-idx3-ubyte.gz",
                    "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609"),
            new DatasetFile("train-labels-idx1-ubyte.gz",
                    "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c"),
            new DatasetFile("t10k-images-idx3-ubyte.gz",
                    "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6"),
            new DatasetFile("t10k-labels-idx1-ubyte.gz",
                    "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6"));

    public BuiltinDataset {
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

    /** The datasets that ship with Fovea. */
    public static List<BuiltinDataset> all() {
        return List.of(FASHION_MNIST, MNIST);
    }

    /** Finds a dataset by name in {@code datasets}, or fails listing the names it knows. */
    public static BuiltinDataset named(String name, List<BuiltinDataset> datasets) {
        return datasets.stream()
                .filter(d -> d.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new FoveaException("unknown dataset '" + name + "'; known datasets: "
                        + datasets.stream().map(BuiltinDataset::name).collect(Collectors.joining(", "))));
    }

    public List<DatasetFile> files() {
        return List.of(trainImages, trainLabels, testImages, testLabels);
    }

    public URI urlOf(DatasetFile file) {
        return baseUrl.resolve(file.fileName());
    }

    public BuiltinDataset withBaseUrl(URI url) {
        return new BuiltinDataset(name, classNames, url, systemDir, systemPackage,
                trainImages, trainLabels, testImages, testLabels);
    }

    public BuiltinDataset withSystemDir(Optional<Path> dir) {
        return new BuiltinDataset(name, classNames, baseUrl, dir, systemPackage,
                trainImages, trainLabels, testImages, testLabels);
    }
}

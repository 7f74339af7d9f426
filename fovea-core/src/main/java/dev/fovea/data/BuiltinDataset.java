package dev.fovea.data;

import dev.fovea.FoveaException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A dataset Fovea knows how to find, fetch and read. Two kinds exist: {@link IdxDataset}, four
 * separately published IDX files (MNIST and its relatives), and {@link CifarDataset}, one published
 * archive of binary batches (CIFAR-10 and CIFAR-100).
 *
 * <p>{@link DatasetLocator} decides where to look and in which order; the dataset says what a
 * place must hold ({@link #lookIn}), what to download when no place holds it ({@link #downloadsInto})
 * and how to read it ({@link #read}).
 */
public sealed interface BuiltinDataset permits IdxDataset, CifarDataset {
    IdxDataset FASHION_MNIST = new IdxDataset(
            "fashion-mnist",
            List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                    "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"),
            URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"),
            Optional.of(Path.of("/usr/share/datasets/fashion-mnist")),
            Optional.of("dataset-fashion-mnist"),
            new DatasetFile("train-images-idx3-ubyte.gz",
                    Checksum.sha256("08dc20ab1689590a0bcd66e874647b6ee8464e2d501b5a3f1f78831db19a3fdc")),
            new DatasetFile("train-labels-idx1-ubyte.gz",
                    Checksum.sha256("b0197879cbda89f3dc7b894f9fd52b858e68ea4182b6947c9d8c2b67e5f18dcc")),
            new DatasetFile("t10k-images-idx3-ubyte.gz",
                    Checksum.sha256("78dcbbfb5a27efaf1b6c1d616caca68560be8766c5bffcb2791df9273a534229")),
            new DatasetFile("t10k-labels-idx1-ubyte.gz",
                    Checksum.sha256("42bd18137a62d5998cdeae52bf3a0676ac6b706f5cf8439b47bb5b151ae3dccf")));

    /** The original MNIST files; the base URL is a widely used mirror, as the original site throttles. */
    IdxDataset MNIST = new IdxDataset(
            "mnist",
            List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
            URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"),
            Optional.empty(),
            Optional.empty(),
            new DatasetFile("train-images-idx3-ubyte.gz",
                    Checksum.sha256("440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609")),
            new DatasetFile("train-labels-idx1-ubyte.gz",
                    Checksum.sha256("3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c")),
            new DatasetFile("t10k-images-idx3-ubyte.gz",
                    Checksum.sha256("8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6")),
            new DatasetFile("t10k-labels-idx1-ubyte.gz",
                    Checksum.sha256("f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6")));

    /**
     * CIFAR-10's binary version from the authors' page, with the MD5 that page publishes (the only
     * checksum it gives).
     */
    CifarDataset CIFAR10 = new CifarDataset(
            "cifar10",
            URI.create("https://www.cs.toronto.edu/~kriz/"),
            new DatasetFile("cifar-10-binary.tar.gz", Checksum.md5("c32a1d4ab5d03f1284b67883e8d87530")),
            "cifar-10-batches-bin",
            List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin",
                    "data_batch_5.bin"),
            "test_batch.bin",
            Map.of(Cifar.Label.CIFAR10, "batches.meta.txt"),
            Cifar.Label.CIFAR10,
            Optional.empty(),
            Optional.empty());

    /** CIFAR-100's binary version, read with its 100 fine labels unless {@link CifarDataset#withLabel} changes it. */
    CifarDataset CIFAR100 = new CifarDataset(
            "cifar100",
            URI.create("https://www.cs.toronto.edu/~kriz/"),
            new DatasetFile("cifar-100-binary.tar.gz", Checksum.md5("03b5dce01913d631647c71ecec9e9cb8")),
            "cifar-100-binary",
            List.of("train.bin"),
            "test.bin",
            Map.of(Cifar.Label.COARSE, "coarse_label_names.txt", Cifar.Label.FINE, "fine_label_names.txt"),
            Cifar.Label.FINE,
            Optional.empty(),
            Optional.empty());

    /** The name users pass, as in {@code --dataset cifar10}. */
    String name();

    /** Where the files are published; each downloaded file's name is resolved against it. */
    URI baseUrl();

    /** Where an operating-system package puts the files, if any. */
    Optional<Path> systemDir();

    /** The Debian package that installs {@link #systemDir}, for the error message. */
    Optional<String> systemPackage();

    /**
     * Whether {@code place} holds the dataset, and in which directory. A CIFAR dataset found there
     * only as its archive is unpacked into {@code cache}, the dataset's cache directory.
     */
    Lookup lookIn(Path place, Path cache);

    /** The published files to download into {@code cache} when no place holds the dataset. */
    List<DatasetFile> downloadsInto(Path cache);

    /** Reads both splits from a directory that {@link #lookIn} found. */
    DatasetSplits read(Path directory);

    /** What a directory passed as {@code --data-dir} must hold, as in "a directory holding ...". */
    String dataDirContents();

    /** The datasets that ship with Fovea. */
    static List<BuiltinDataset> all() {
        return List.of(FASHION_MNIST, MNIST, CIFAR10, CIFAR100);
    }

    /** Finds a dataset by name in {@code datasets}, or fails listing the names it knows. */
    static BuiltinDataset named(String name, List<BuiltinDataset> datasets) {
        return datasets.stream()
                .filter(d -> d.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new FoveaException("unknown dataset '" + name + "'; known datasets: "
                        + datasets.stream().map(BuiltinDataset::name).collect(Collectors.joining(", "))));
    }

    /**
     * The outcome of looking in one place: the directory holding every file the dataset needs, or
     * why the place does not hold them.
     */
    record Lookup(Optional<Path> directory, String problem) {
        public Lookup {
            Objects.requireNonNull(directory);
            Objects.requireNonNull(problem);
        }

        public static Lookup found(Path directory) {
            return new Lookup(Optional.of(directory), "");
        }

        public static Lookup missing(String problem) {
            return new Lookup(Optional.empty(), problem);
        }
    }
}

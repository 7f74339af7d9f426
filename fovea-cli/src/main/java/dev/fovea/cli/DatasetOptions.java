package dev.fovea.cli;

import dev.fovea.data.Cifar;
import dev.fovea.data.DatasetLocator;
import dev.fovea.data.DatasetSplits;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options that choose a built-in dataset and where it comes from; shared by train and evaluate. */
final class DatasetOptions {
    @Option(names = "--dataset", paramLabel = "NAME", defaultValue = "fashion-mnist",
            converter = Converters.DatasetName.class,
            description = "Dataset: fashion-mnist, mnist, cifar10 or cifar100 (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = {"Directory holding the dataset's files: the four IDX files (gzipped or not) of "
                    + "fashion-mnist and mnist; for cifar10 and cifar100 the .bin and label-name files, their "
                    + "folder, or the published .tar.gz (unpacked into the cache).",
                "Default: ~/.fovea/datasets/NAME/ or the system package's directory, whichever holds them, "
                        + "else a download into the former."})
    Path dataDir;

    @Option(names = "--labels", paramLabel = "KIND", defaultValue = "fine", converter = Converters.Cifar100Labels.class,
            description = "Which labels of cifar100 to learn: fine (100 classes) or coarse (20 superclasses) "
                    + "(default: ${DEFAULT-VALUE}).")
    Cifar.Label cifar100Labels;

    @Option(names = "--offline", description = "Never download the dataset; fail if it is not on this machine.")
    boolean offline;

    DatasetSplits load() {
        return DatasetLocator.standard().withOffline(offline).withCifar100Labels(cifar100Labels)
                .load(name, Optional.ofNullable(dataDir));
    }
}

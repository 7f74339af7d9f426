package dev.fovea.cli;

import dev.fovea.FoveaException;
import dev.fovea.data.Cifar;
import dev.fovea.data.DatasetLocator;
import dev.fovea.data.DatasetSplits;
import dev.fovea.data.folder.FolderDataset;
import dev.fovea.data.folder.FolderOptions;
import dev.fovea.data.folder.ImageFolder;
import dev.fovea.image.Crop;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The options that choose the data: a built-in dataset (found or downloaded by the locator) or a
 * folder of images sorted into class folders. Shared by train and evaluate; train records them in
 * config.json ({@link #configuration}) and report reads them back ({@link #recordedIn}), so the
 * report sees the very test split training was validated on.
 */
final class DatasetOptions {
    static final String FOLDER_PREFIX = "folder:";

    @Option(names = "--dataset", paramLabel = "NAME", defaultValue = "fashion-mnist",
            converter = Converters.DatasetName.class,
            description = {"Dataset: fashion-mnist, mnist, cifar10, cifar100, or folder:DIR for your own images "
                    + "(default: ${DEFAULT-VALUE}).",
                "A folder holds one subfolder of images per class (JPEG, PNG, GIF or BMP; classes in name order), "
                        + "or train/ and val/ (or test/) subfolders that each hold the class folders; without "
                        + "them --val-split of each class is held out for testing, chosen by --seed."})
    String name;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = {"Directory holding a built-in dataset's files: the four IDX files (gzipped or not) of "
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

    @Option(names = "--image-size", paramLabel = "HxW", converter = Converters.ImageSize.class,
            description = "Folder datasets: the size images are resized to, e.g. 150 or 150x150 "
                    + "(default: the model's input size).")
    ImageSize imageSize;

    /** The --image-size value. */
    record ImageSize(int height, int width) {}

    @Option(names = "--crop", paramLabel = "MODE", defaultValue = "none", converter = Converters.CropMode.class,
            description = "Folder datasets: none stretches each whole image to the size; center scales it to cover "
                    + "the size and cuts off what sticks out, keeping proportions (default: ${DEFAULT-VALUE}). "
                    + "Stored with the model, so predict does the same.")
    Crop crop;

    @Option(names = "--val-split", paramLabel = "F", converter = Converters.HeldOutFraction.class,
            description = "Folder datasets without train/ and val/ subfolders: the fraction of each class held out "
                    + "for testing, in [0, 1) (default: 0.15).")
    Double heldOutFraction;

    @Option(names = "--strict", description = "Folder datasets: fail on any file that is not a readable image "
            + "instead of skipping it with a warning.")
    boolean strict;

    boolean isFolder() {
        return name.startsWith(FOLDER_PREFIX);
    }

    /**
     * Loads the data. A built-in dataset comes in its own image size; a folder's images are resized
     * to {@code --image-size} or else {@code modelShape}'s height and width, in its channels. The
     * seed chooses a folder's held-out images.
     */
    TrainingData load(int[] modelShape, long seed) {
        if (!isFolder()) {
            requireFolderOnlyOptionsUnset();
            DatasetSplits splits = DatasetLocator.standard().withOffline(offline).withCifar100Labels(cifar100Labels)
                    .load(name, Optional.ofNullable(dataDir));
            return new TrainingData(name, splits.train(), splits.test(), splits.directory().toString(), List.of());
        }
        Path root = folderRoot();
        FolderOptions options = FolderOptions.of(
                        imageSize != null ? imageSize.height() : modelShape[0],
                        imageSize != null ? imageSize.width() : modelShape[1],
                        modelShape[2])
                .crop(crop)
                .heldOutFraction(heldOutFraction())
                .seed(seed)
                .strict(strict);
        FolderDataset folder = ImageFolder.open(root, options);
        return new TrainingData(name, folder.train(), folder.test(), root.toString(), folder.warnings());
    }

    /**
     * What config.json records about the data: the dataset, where it was read from when that was
     * chosen (an absolute {@code data_dir}: the folder of a folder dataset, or --data-dir), the
     * labels of cifar100, the loaded images' size, the crop and a folder's held-out fraction.
     */
    Map<String, String> configuration(TrainingData data) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("dataset", name);
        Path directory = isFolder() ? folderRoot() : dataDir;
        if (directory != null) {
            c.put("data_dir", directory.toAbsolutePath().normalize().toString());
        }
        if (name.equals("cifar100")) {
            c.put("labels", cifar100Labels.name().toLowerCase(Locale.ROOT));
        }
        c.put("image_size", data.train().height() + "x" + data.train().width());
        c.put("image_crop", crop.name().toLowerCase(Locale.ROOT));
        if (isFolder()) {
            c.put("val_split", Double.toString(heldOutFraction()));
        }
        return c;
    }

    /**
     * The options a run recorded with {@link #configuration}. {@code dataDir}, when not null,
     * replaces the recorded directory (for data that moved); {@code offline} forbids downloads.
     * Images are sized by the model at {@link #load} time, as they were for training.
     */
    static DatasetOptions recordedIn(RunConfiguration config, Path dataDir, boolean offline) {
        DatasetOptions options = new DatasetOptions();
        config.require("dataset");
        String dataset = config.parse("dataset", new Converters.DatasetName(), null);
        Path directory = dataDir != null ? dataDir : config.text("data_dir").map(Path::of).orElse(null);
        options.offline = offline;
        options.cifar100Labels = config.parse("labels", new Converters.Cifar100Labels(), Cifar.Label.FINE);
        options.crop = Crop.NONE;
        if (dataset.startsWith(FOLDER_PREFIX)) {
            options.name = directory != null ? FOLDER_PREFIX + directory : dataset;
            options.crop = config.parse("image_crop", new Converters.CropMode(), Crop.NONE);
            options.heldOutFraction = config.parse("val_split", new Converters.HeldOutFraction(), null);
        } else {
            options.name = dataset;
            options.dataDir = directory;
        }
        return options;
    }

    private Path folderRoot() {
        return Path.of(name.substring(FOLDER_PREFIX.length()));
    }

    private double heldOutFraction() {
        return heldOutFraction != null ? heldOutFraction : FolderOptions.DEFAULT_HELD_OUT_FRACTION;
    }

    private void requireFolderOnlyOptionsUnset() {
        if (imageSize != null || heldOutFraction != null || strict || crop != Crop.NONE) {
            throw new FoveaException("--image-size, --crop, --val-split and --strict apply to folder datasets "
                    + "(--dataset folder:DIR); " + name + " comes split and sized");
        }
    }
}

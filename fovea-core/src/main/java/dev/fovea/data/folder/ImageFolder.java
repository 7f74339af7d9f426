package dev.fovea.data.folder;

import dev.fovea.FoveaException;
import dev.fovea.data.folder.FolderLayout.ClassFolder;
import dev.fovea.data.folder.FolderLayout.Split;
import dev.fovea.data.folder.SkipReport.Skip;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Opens a folder of the user's own images (PNG, JPEG, GIF, BMP) as a labelled dataset, one
 * subfolder per class:
 * <pre>
 *   root/cats/IMG_0001.jpg, root/cats/2019/x.png, root/dogs/...            (split here), or
 *   root/train/cats/..., root/train/dogs/..., root/val/cats/...            (split as given; or root/test)
 * </pre>
 * Classes are the class folders' names in String order; label i is the i-th. Images may sit at any
 * depth inside a class folder. In a split folder, the held-out split may lack classes of train/
 * (they have zero images there), but a class folder there that train/ does not have is an error.
 * An unsplit folder is split here: each class of n images loses round(heldOutFraction x n) of them,
 * chosen at random from the seed and the class name, to the test set; the split depends only on
 * the seed and the files, not on the order a directory lists them in.
 *
 * <p>Every file is checked when the folder is opened, on several threads: decoded once (or, with
 * {@link FolderOptions#probeHeadersOnly}, only its header read), so that files which are not
 * readable images ({@code .DS_Store}, {@code Thumbs.db}, text, truncated or damaged photos, images
 * above {@link dev.fovea.image.ImageFiles#MAX_PIXELS} pixels) are found up front and skipped, and
 * listed in {@link FolderDataset#skipped}; with {@link FolderOptions#strict} they are an error
 * instead. Decoded images are converted to the requested channels and size as
 * {@link dev.fovea.image.ImageFiles} describes, rounded to bytes and kept in a cache of bounded
 * size; reads that miss it decode the file again.
 *
 * <p>A class folder without images stays a class (with zero images, as Keras keeps it), so labels
 * do not shift when a folder is emptied; it gets a warning, like a folder with only one class
 * (loading works, but a classifier needs two). A folder without any image is an error that says
 * what layout was expected.
 *
 * <pre>{@code
 * FolderDataset data = ImageFolder.open(Path.of("photos"), FolderOptions.of(64, 64, 3).crop(Crop.CENTER));
 * data.warnings().forEach(System.err::println);
 * model.fit(data.train(), FitOptions.epochs(10).validationData(data.test()));
 * }</pre>
 */
public final class ImageFolder {
    private ImageFolder() {}

    /**
     * Finds, checks and splits the images under {@code root}. Throws a {@link FoveaException} if
     * {@code root} is not a folder, holds no readable image, has a held-out class that train/ lacks,
     * or (with {@link FolderOptions#strict}) has any file that is not a readable image.
     */
    public static FolderDataset open(Path root, FolderOptions options) {
        FolderLayout layout = FolderLayout.scan(root);
        List<Split> splits = new ArrayList<>(List.of(layout.train()));
        if (layout.heldOut() != null) {
            splits.add(layout.heldOut());
        }
        List<Path> paths = new ArrayList<>();
        splits.forEach(split -> split.classes().forEach(c -> paths.addAll(c.files())));
        FolderFiles files = new FolderFiles(paths, options);
        String[] reasons = files.probeAll(options.probeThreads());
        SkipReport skipped = skipReport(root, paths, reasons, layout.unreadable());
        if (options.strict() && !skipped.isEmpty()) {
            throw new FoveaException(root + ": " + skipped.message());
        }

        List<String> classNames = layout.train().classNames();
        Sets sets = new Sets();
        List<String> classWarnings = new ArrayList<>();
        int id = 0;
        for (Split split : splits) {
            for (ClassFolder classFolder : split.classes()) {
                List<Integer> usable = new ArrayList<>();
                for (int end = id + classFolder.files().size(); id < end; id++) {
                    if (reasons[id] == null) {
                        usable.add(id);
                    }
                }
                boolean[] heldOut = heldOut(layout, split, classFolder, usable.size(), options);
                int trained = sets.add(usable, heldOut, classNames.indexOf(classFolder.name()));
                if (split == layout.train()) {
                    classWarning(classFolder, usable.size(), trained).ifPresent(classWarnings::add);
                }
            }
        }
        if (sets.trainIds.isEmpty()) {
            throw new FoveaException(noImages(layout.train(), layout.looseFiles(), skipped));
        }

        List<String> warnings = warnings(root, layout, skipped, classWarnings);
        String name = folderName(root);
        String heldOutName = layout.heldOut() == null ? "test" : layout.heldOut().name();
        FolderImages train = new FolderImages(name + "/train", files, toArray(sets.trainIds), toArray(sets.trainLabels),
                classNames, options);
        FolderImages test = new FolderImages(name + "/" + heldOutName, files, toArray(sets.testIds),
                toArray(sets.testLabels), classNames, options);
        return new FolderDataset(root, train, test, skipped, warnings, files);
    }

    /** What the user should know: folders and files not used, files skipped, classes without (training) images, a single class. */
    private static List<String> warnings(Path root, FolderLayout layout, SkipReport skipped, List<String> classWarnings) {
        List<String> warnings = new ArrayList<>(layout.warnings());
        List<String> loose = layout.looseFiles();
        if (!loose.isEmpty()) {
            warnings.add((loose.size() == 1 ? "1 file in " + root + " is" : loose.size() + " files in " + root + " are")
                    + " outside the class folders and not used: " + examples(loose));
        }
        if (!skipped.isEmpty()) {
            warnings.add(skipped.message());
        }
        warnings.addAll(classWarnings);
        List<String> classNames = layout.train().classNames();
        if (classNames.size() == 1) {
            warnings.add("only one class, '" + classNames.get(0) + "', in " + layout.train().folder()
                    + ": a classifier needs at least two");
        }
        return warnings;
    }

    /** The files of the train and test sets, with their labels, in the order they are added. */
    private static final class Sets {
        final List<Integer> trainIds = new ArrayList<>();
        final List<Integer> trainLabels = new ArrayList<>();
        final List<Integer> testIds = new ArrayList<>();
        final List<Integer> testLabels = new ArrayList<>();

        /** Adds a class's usable files, to the test set where {@code heldOut}; returns how many went to training. */
        int add(List<Integer> ids, boolean[] heldOut, int label) {
            int trained = 0;
            for (int i = 0; i < ids.size(); i++) {
                (heldOut[i] ? testIds : trainIds).add(ids.get(i));
                (heldOut[i] ? testLabels : trainLabels).add(label);
                trained += heldOut[i] ? 0 : 1;
            }
            return trained;
        }
    }

    /** Which of a class's {@code count} usable images go to the test set. */
    private static boolean[] heldOut(FolderLayout layout, Split split, ClassFolder classFolder, int count,
                                     FolderOptions options) {
        if (layout.heldOut() == null) {
            return HeldOut.choose(count, options.heldOutFraction(), options.seed(), classFolder.name());
        }
        boolean[] heldOut = new boolean[count];
        Arrays.fill(heldOut, split == layout.heldOut());
        return heldOut;
    }

    private static Optional<String> classWarning(ClassFolder classFolder, int images, int trained) {
        if (images == 0) {
            return Optional.of("class '" + classFolder.name() + "' has no images (" + classFolder.folder() + ")");
        }
        if (trained == 0) {
            return Optional.of("class '" + classFolder.name() + "' has no training images: "
                    + (images == 1 ? "its 1 image is" : "all its " + images + " images are") + " held out for testing");
        }
        return Optional.empty();
    }

    private static SkipReport skipReport(Path root, List<Path> paths, String[] reasons, List<Skip> unreadable) {
        List<Skip> skips = new ArrayList<>(unreadable);
        for (int id = 0; id < reasons.length; id++) {
            if (reasons[id] != null) {
                skips.add(new Skip(FolderLayout.relative(root, paths.get(id)), reasons[id]));
            }
        }
        skips.sort(Comparator.comparing(Skip::file));
        return new SkipReport(skips, paths.size() + unreadable.size());
    }

    private static String noImages(Split train, List<String> looseFiles, SkipReport skipped) {
        String expected = train.folder() + ": no images found; expected one folder per class with the images inside, "
                + train.folder() + File.separator + "<class>" + File.separator + "<image> (PNG, JPEG, GIF or BMP)";
        if (train.classes().isEmpty()) {
            return expected + ", but there are no class folders" + (looseFiles.isEmpty() ? ""
                    : ", only " + looseFiles.size() + " files outside any class folder: " + examples(looseFiles));
        }
        String classes = String.join(", ", train.classNames());
        return expected + "; the class folders (" + classes + ") "
                + (skipped.isEmpty() ? "are empty" : "hold no readable image: " + skipped.message());
    }

    private static String examples(List<String> names) {
        int shown = Math.min(SkipReport.NAMED, names.size());
        String listed = String.join(", ", names.subList(0, shown));
        return shown < names.size() ? listed + " and " + (names.size() - shown) + " more" : listed;
    }

    private static String folderName(Path root) {
        Path name = root.toAbsolutePath().normalize().getFileName();
        return name != null ? name.toString() : root.toString();
    }

    private static int[] toArray(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).toArray();
    }
}

package dev.fovea.data.folder;

import java.nio.file.Path;
import java.util.List;

/**
 * An opened image folder: its training and test images, the class names (label i is class i),
 * the files skipped because they are not readable images, and warnings for the user (skipped
 * files, classes without images, a single class, folders not used). Fovea's core prints nothing:
 * a command line shows {@link #warnings}.
 */
public final class FolderDataset {
    private final Path root;
    private final FolderImages train;
    private final FolderImages test;
    private final SkipReport skipped;
    private final List<String> warnings;
    private final FolderFiles files;

    FolderDataset(Path root, FolderImages train, FolderImages test, SkipReport skipped, List<String> warnings,
                  FolderFiles files) {
        this.root = root;
        this.train = train;
        this.test = test;
        this.skipped = skipped;
        this.warnings = List.copyOf(warnings);
        this.files = files;
    }

    /** The folder as given to {@link ImageFolder#open}. */
    public Path root() {
        return root;
    }

    public FolderImages train() {
        return train;
    }

    /** The held-out images: root/val or root/test, or the held-out fraction; empty if that fraction is 0. */
    public FolderImages test() {
        return test;
    }

    /** The class folders' names in String order: the label of an image is the index of its class here. */
    public List<String> classNames() {
        return train.classNames();
    }

    public SkipReport skipped() {
        return skipped;
    }

    /** One line each, to show the user; empty when all is well. */
    public List<String> warnings() {
        return warnings;
    }

    /** Bytes of decoded images held in the cache now; at most {@link FolderOptions#cacheBytes}. */
    public long cachedBytes() {
        return files.cachedBytes();
    }
}

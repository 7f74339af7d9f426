package dev.fovea.data;

import java.nio.file.Path;
import java.util.Objects;

/** The train and test halves of a dataset, and the directory they were read from. */
public record DatasetSplits(ImageDataset train, ImageDataset test, Path directory) {
    public DatasetSplits {
        Objects.requireNonNull(train);
        Objects.requireNonNull(test);
        Objects.requireNonNull(directory);
    }
}

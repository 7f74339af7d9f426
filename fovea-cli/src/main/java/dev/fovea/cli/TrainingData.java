package dev.fovea.cli;

import dev.fovea.data.ImageSource;
import java.util.List;

/**
 * The data a command works on, wherever it came from (a built-in dataset or a folder of images).
 *
 * @param origin   where the images were read from, for the log: a directory
 * @param warnings problems worth telling the user about that did not stop loading (skipped files)
 */
record TrainingData(String name, ImageSource train, ImageSource test, String origin, List<String> warnings) {
    TrainingData {
        warnings = List.copyOf(warnings);
    }

    /** Whether there is a test split to validate on (a folder split with --val-split 0 has none). */
    boolean hasTest() {
        return test.size() > 0;
    }
}

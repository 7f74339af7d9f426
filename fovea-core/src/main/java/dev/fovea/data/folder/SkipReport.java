package dev.fovea.data.folder;

import java.util.List;

/**
 * The files of an image folder that were skipped because they are not readable images (for
 * example {@code .DS_Store}, {@code Thumbs.db}, text files, truncated or damaged photos, images
 * above {@link dev.fovea.image.ImageFiles#MAX_PIXELS}), in path order, and how many files were
 * examined in all.
 */
public final class SkipReport {
    /** How many skipped files {@link #message} names. */
    public static final int NAMED = 5;

    /** A skipped file: its path relative to the folder, with '/' between names, and why it was skipped. */
    public record Skip(String file, String reason) {}

    private final List<Skip> skips;
    private final int examined;

    SkipReport(List<Skip> skips, int examined) {
        this.skips = List.copyOf(skips);
        this.examined = examined;
    }

    /** All skipped files, in path order. */
    public List<Skip> skips() {
        return skips;
    }

    public int count() {
        return skips.size();
    }

    /** Files found in the class folders, images and skipped ones together. */
    public int examined() {
        return examined;
    }

    public boolean isEmpty() {
        return skips.isEmpty();
    }

    /**
     * One line for a warning, naming the first {@link #NAMED} files, e.g. "skipped 3 of 120 files
     * that are not readable images: a/.DS_Store (not a PNG, JPEG, GIF or BMP image), b/x.jpg
     * (truncated JPEG: ...) and 1 more"; "no files skipped" when there are none.
     */
    public String message() {
        if (skips.isEmpty()) {
            return "no files skipped";
        }
        StringBuilder text = new StringBuilder("skipped " + skips.size() + " of " + examined
                + " files that are not readable images: ");
        int named = Math.min(NAMED, skips.size());
        for (int i = 0; i < named; i++) {
            if (i > 0) {
                text.append(i == named - 1 && named == skips.size() ? " and " : ", ");
            }
            text.append(skips.get(i).file()).append(" (").append(skips.get(i).reason()).append(')');
        }
        if (named < skips.size()) {
            text.append(" and ").append(skips.size() - named).append(" more");
        }
        return text.toString();
    }
}

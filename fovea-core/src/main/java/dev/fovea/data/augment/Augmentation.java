package dev.fovea.data.augment;

import java.util.SplittableRandom;

/**
 * A random change to one training image that keeps its label: a crop, a flip, a small rotation.
 *
 * <p>An augmentation works in place on the {@code height * width * channels} values at the start
 * of a float array, in HWC order (row, column, channel), with raw pixel values 0-255 (input scaling
 * comes after it). It keeps the image's size, draws all its randomness from the given stream, and
 * holds no state of its own, so one instance can serve several threads at once and the same stream
 * always gives the same result.
 *
 * <p>{@link #toString()} gives the form {@link #parse} reads back, so a run can record the
 * augmentation it used in its configuration.
 */
public interface Augmentation {
    /**
     * Transforms the image in {@code image} in place.
     *
     * @param scratch space for transforms that must read the original while writing the result: at
     *                least {@code height * width * channels} long; its contents are undefined before
     *                and after (loaders reuse one per thread instead of allocating per image)
     */
    void apply(float[] image, int height, int width, int channels, SplittableRandom random, float[] scratch);

    /** {@link #apply(float[], int, int, int, SplittableRandom, float[])} with scratch space of its own. */
    default void apply(float[] image, int height, int width, int channels, SplittableRandom random) {
        apply(image, height, width, channels, random, new float[height * width * channels]);
    }

    /** No change at all: a loader given it produces exactly the batches it produces without augmentation. */
    static Augmentation none() {
        return Compose.NONE;
    }

    /**
     * Reads an augmentation from its text form: {@code none}, a preset, or transforms separated by
     * commas, each with an optional parameter after a colon, applied in the order given:
     * <ul>
     *   <li>{@code flip}: {@link RandomFlip}, a left-right mirror with probability 1/2;</li>
     *   <li>{@code crop:P} (P = 4): {@link RandomCrop}, pad by P zero pixels and crop back at random;</li>
     *   <li>{@code rotate:D} (D = 10): {@link RandomRotation} by up to D degrees either way;</li>
     *   <li>{@code zoom:F} (F = 0.1): {@link RandomZoom} by a factor in [1 - F, 1 + F];</li>
     *   <li>{@code translate:F} (F = 0.1): {@link RandomTranslation} by up to F of the width and height;</li>
     *   <li>{@code brightness:F} (F = 0.2): {@link RandomBrightness}, add up to F * 255 either way;</li>
     *   <li>{@code contrast:F} (F = 0.2): {@link RandomContrast}, stretch about the mean by [1 - F, 1 + F];</li>
     *   <li>{@code erase:P} (P = 0.5): {@link RandomErasing} of a rectangle with probability P.</li>
     * </ul>
     * The presets stand for lists of these:
     * <ul>
     *   <li>{@code cifar} = {@code crop:4,flip}, the usual CIFAR-10 recipe (32x32 photographs);</li>
     *   <li>{@code light} = {@code flip,translate:0.1}, small shifts and mirroring;</li>
     *   <li>{@code standard} = {@code flip,rotate:10,zoom:0.1,translate:0.1}, for photographs and
     *       clothing, where a mirrored image is as natural as the original;</li>
     *   <li>{@code digits} = {@code rotate:10,zoom:0.1,translate:0.1}, {@code standard} without the
     *       flip, for handwriting, where mirroring changes the symbol.</li>
     * </ul>
     * Names are case-insensitive and spaces around them are ignored; presets can be mixed with
     * transforms ({@code cifar,erase:0.25}). A parameter out of range, an unknown name or an empty
     * entry is an {@link IllegalArgumentException} that names the entry and lists the valid forms.
     */
    static Augmentation parse(String text) {
        return AugmentationParser.parse(text);
    }
}

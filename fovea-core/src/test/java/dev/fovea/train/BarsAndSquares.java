package dev.fovea.train;

import dev.fovea.data.ImageDataset;
import dev.fovea.model.Sequential;
import dev.fovea.nn.ActivationFunction;
import dev.fovea.nn.Conv2D;
import dev.fovea.nn.Dense;
import dev.fovea.nn.Flatten;
import dev.fovea.nn.Layer;
import dev.fovea.nn.MaxPooling2D;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A small learnable image set for training tests: 16x16 grey images of a bright vertical bar
 * (class 0), a horizontal bar (class 1) or a square (class 2) at a random place, on a noisy dark
 * background. Labels are drawn at random, so classes are roughly but not exactly balanced.
 */
final class BarsAndSquares {
    static final int SIZE = 16;
    private static final List<String> NAMES = List.of("vertical", "horizontal", "square");

    private BarsAndSquares() {}

    /** {@code count} images of the first {@code classes} (2 or 3) kinds. */
    static ImageDataset generate(String name, int count, int classes, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] pixels = new byte[count * SIZE * SIZE];
        int[] labels = new int[count];
        for (int n = 0; n < count; n++) {
            int label = random.nextInt(classes);
            labels[n] = label;
            int o = n * SIZE * SIZE;
            for (int p = 0; p < SIZE * SIZE; p++) {
                pixels[o + p] = (byte) random.nextInt(64);
            }
            int a = 1 + random.nextInt(SIZE - 4); // where the shape starts across its short side
            int b = 1 + random.nextInt(4);         // where a bar starts along its length
            switch (label) {
                case 0 -> paint(pixels, o, b, b + 10, a, a + 2, random);
                case 1 -> paint(pixels, o, a, a + 2, b, b + 10, random);
                default -> {
                    int top = 2 + random.nextInt(SIZE - 8);
                    int left = 2 + random.nextInt(SIZE - 8);
                    paint(pixels, o, top, top + 5, left, left + 5, random);
                }
            }
        }
        return new ImageDataset(name, SIZE, SIZE, 1, pixels, labels, NAMES.subList(0, classes));
    }

    private static void paint(byte[] pixels, int offset, int rowFrom, int rowTo, int colFrom, int colTo,
                              SplittableRandom random) {
        for (int r = rowFrom; r < rowTo; r++) {
            for (int c = colFrom; c < colTo; c++) {
                pixels[offset + r * SIZE + c] = (byte) (192 + random.nextInt(64));
            }
        }
    }

    /** Conv2D 8 3x3 relu, MaxPooling2D 2, Flatten, then {@code head}s, initialized from {@code seed}. */
    static Sequential smallCnn(long seed, Layer... head) {
        Sequential model = new Sequential(SIZE, SIZE, 1)
                .add(new Conv2D(8, 3, ActivationFunction.RELU), new MaxPooling2D(2), new Flatten())
                .add(head);
        model.initialize(seed);
        return model;
    }

    /** {@link #smallCnn} ending in Dense(classes, softmax). */
    static Sequential softmaxCnn(int classes, long seed) {
        return smallCnn(seed, new Dense(classes, ActivationFunction.SOFTMAX));
    }
}

package dev.fovea.cli;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a small dataset under the Fashion-MNIST file names, to pass as --data-dir: 28x28 grey
 * images of 10 classes, each class a bright square at its own place on a dark, noisy background.
 */
final class TinyIdxDataset {
    static final int SIZE = 28;
    static final int CLASSES = 10;

    private TinyIdxDataset() {}

    static Path writeTo(Path dir, int trainCount, int testCount) throws IOException {
        Random random = new Random(1);
        write(dir, "train", trainCount, random);
        write(dir, "t10k", testCount, random);
        return dir;
    }

    /** The image of an example of class {@code label}. */
    static byte[] image(int label, Random random) {
        byte[] pixels = new byte[SIZE * SIZE];
        int top = 2 + (label / 5) * 12;
        int left = 1 + (label % 5) * 5;
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                boolean inSquare = y >= top && y < top + 8 && x >= left && x < left + 4;
                pixels[y * SIZE + x] = (byte) (inSquare ? 200 + random.nextInt(56) : random.nextInt(40));
            }
        }
        return pixels;
    }

    private static void write(Path dir, String split, int count, Random random) throws IOException {
        ByteArrayOutputStream images = new ByteArrayOutputStream();
        ByteArrayOutputStream labels = new ByteArrayOutputStream();
        DataOutputStream imageHeader = new DataOutputStream(images);
        imageHeader.writeInt(0x00000803);
        imageHeader.writeInt(count);
        imageHeader.writeInt(SIZE);
        imageHeader.writeInt(SIZE);
        DataOutputStream labelHeader = new DataOutputStream(labels);
        labelHeader.writeInt(0x00000801);
        labelHeader.writeInt(count);
        for (int i = 0; i < count; i++) {
            int label = i % CLASSES;
            images.write(image(label, random));
            labels.write(label);
        }
        gzip(dir.resolve(split + "-images-idx3-ubyte.gz"), images.toByteArray());
        gzip(dir.resolve(split + "-labels-idx1-ubyte.gz"), labels.toByteArray());
    }

    private static void gzip(Path file, byte[] content) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(content);
        }
    }
}

package dev.fovea.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

/** Builds IDX file contents, well-formed or deliberately broken, for tests. */
final class IdxBytes {
    private IdxBytes() {
    }

    /** A header of big-endian 32-bit fields; pass raw ints to write any value, even "negative" ones. */
    static byte[] header(int... fields) {
        ByteBuffer b = ByteBuffer.allocate(4 * fields.length);
        for (int f : fields) {
            b.putInt(f);
        }
        return b.array();
    }

    static byte[] images(int count, int rows, int cols) {
        return concat(header(Idx.IMAGES_MAGIC, count, rows, cols), pixels(count * rows * cols));
    }

    static byte[] labels(int... values) {
        byte[] body = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            body[i] = (byte) values[i];
        }
        return concat(header(Idx.LABELS_MAGIC, values.length), body);
    }

    /** Pixel {@code i} is {@code i * 7 mod 256}: varied, yet compressible and easy to predict. */
    static byte[] pixels(int n) {
        byte[] p = new byte[n];
        for (int i = 0; i < n; i++) {
            p[i] = (byte) (i * 7);
        }
        return p;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] gzip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] prefix(byte[] content, int length) {
        return Arrays.copyOf(content, length);
    }

    static Path write(Path dir, String name, byte[] content) {
        try {
            return Files.write(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

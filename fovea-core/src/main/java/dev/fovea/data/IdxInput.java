package dev.fovea.data;

import dev.fovea.FoveaException;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * One IDX file opened for reading, raw or gzipped, that names the file in every error.
 *
 * <p>Gzip is recognised by its magic bytes, not by the file name, so a renamed file still reads.
 * Sizes in the header are checked against what the file can hold before any allocation, and the
 * stream's own exceptions (EOF, corrupt deflate data) become {@link FoveaException}s.
 */
final class IdxInput implements AutoCloseable {
    private static final int GZIP_MAGIC_0 = 0x1f;
    private static final int GZIP_MAGIC_1 = 0x8b;
    /** Deflate cannot expand one compressed byte to more than 1032 bytes (zlib's documented limit). */
    private static final long DEFLATE_MAX_RATIO = 1032;
    /** A gzip body is read in growing steps so a lying header costs at most twice the real data. */
    private static final int GZIP_FIRST_CHUNK = 1 << 20;

    private final Path file;
    private final InputStream in;
    private final boolean gzipped;
    private final long fileSize;
    private long position;
    private boolean gzipCutShort;

    private IdxInput(Path file, InputStream in, boolean gzipped, long fileSize) {
        this.file = file;
        this.in = in;
        this.gzipped = gzipped;
        this.fileSize = fileSize;
    }

    static IdxInput open(Path file) {
        InputStream raw = null;
        long size = -1;
        try {
            size = Files.size(file);
            raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            raw.mark(2);
            boolean gzipped = raw.read() == GZIP_MAGIC_0 && raw.read() == GZIP_MAGIC_1;
            raw.reset();
            InputStream in = gzipped ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw;
            return new IdxInput(file, in, gzipped, size);
        } catch (NoSuchFileException e) {
            closeQuietly(raw);
            throw new FoveaException(file + ": no such file");
        } catch (EOFException e) {
            closeQuietly(raw);
            throw new FoveaException(file + ": gzip header is cut short (file has " + size
                    + " bytes); expected a complete gzip file or a raw IDX file");
        } catch (ZipException e) {
            closeQuietly(raw);
            throw new FoveaException(file + ": corrupt gzip header (" + e.getMessage()
                    + "); expected a valid gzip file or a raw IDX file");
        } catch (IOException e) {
            closeQuietly(raw);
            throw new FoveaException(file + ": cannot read: " + e, e);
        }
    }

    Path file() {
        return file;
    }

    /**
     * Reads one big-endian 32-bit header field as an unsigned number.
     *
     * @param field the field's name as the IDX spec calls it (magic, count, rows, cols)
     * @param headerSize the size of the whole header, for the message when the file ends early
     */
    long readHeaderField(String field, int headerSize) {
        byte[] b = new byte[4];
        long start = position;
        int got = readFully(b, 0, 4);
        if (got < 4) {
            throw new FoveaException(file + ": file ends inside the " + headerSize + "-byte header: field '"
                    + field + "' (bytes " + start + "-" + (start + 3) + ") is missing; the "
                    + (gzipped ? "uncompressed data holds" : "file holds") + " only " + position + " bytes"
                    + cutShortNote());
        }
        return ((b[0] & 0xFFL) << 24) | ((b[1] & 0xFFL) << 16) | ((b[2] & 0xFFL) << 8) | (b[3] & 0xFFL);
    }

    /**
     * Reads the body of {@code count} items of {@code itemSize} bytes each, after checking that the
     * header's claim fits both {@code maxBytes} and what this file can physically hold.
     *
     * @param claim how the header states the size, e.g. "count field 10 images of 28x28"
     * @param items the plural noun for items, e.g. "images"
     */
    byte[] readBody(long count, long itemSize, String claim, String items, long maxBytes) {
        long bytes = count * itemSize; // no overflow: count < 2^32 and callers keep itemSize < 2^31
        if (bytes > maxBytes) {
            throw new FoveaException(file + ": " + claim + " = " + bytes + " bytes, more than the limit of "
                    + maxBytes + " bytes; expected a smaller dataset or a corrupt header");
        }
        long holdable = gzipped ? fileSize * DEFLATE_MAX_RATIO : fileSize - position;
        if (bytes > holdable) {
            String holds = gzipped
                    ? "a " + fileSize + "-byte gzip file can hold at most " + holdable + " bytes"
                    : "the file holds only " + holdable + " bytes after its " + position + "-byte header";
            throw new FoveaException(file + ": " + claim + " = " + bytes + " bytes, but " + holds);
        }
        int length = (int) bytes;
        byte[] body = new byte[gzipped ? Math.min(length, GZIP_FIRST_CHUNK) : length];
        int filled = 0;
        while (filled < length) {
            if (filled == body.length) {
                body = Arrays.copyOf(body, (int) Math.min(length, 2L * body.length));
            }
            int got = readFully(body, filled, body.length - filled);
            filled += got;
            if (filled < body.length) {
                throw new FoveaException(file + ": file ends after " + filled / itemSize + " of " + count + " "
                        + items + " (" + filled + " of " + bytes + " body bytes) that the header's count field"
                        + " claims" + cutShortNote());
            }
        }
        return body;
    }

    /** Fails if anything follows the body the header declared. */
    void expectEnd(long count, String items) {
        byte[] scratch = new byte[1 << 16];
        long extra = 0;
        for (int got; (got = read(scratch, 0, scratch.length)) > 0; ) {
            extra += got;
        }
        if (extra > 0) {
            throw new FoveaException(file + ": " + extra + " extra bytes after the " + count + " " + items
                    + " that the header's count field declares; expected the file to end there");
        }
    }

    @Override
    public void close() {
        closeQuietly(in);
    }

    /** Reads until {@code len} bytes or the end; returns how many were read. */
    private int readFully(byte[] b, int off, int len) {
        int total = 0;
        while (total < len) {
            int got = read(b, off + total, len - total);
            if (got < 0) {
                break;
            }
            total += got;
        }
        return total;
    }

    /** One read that turns stream exceptions into messages; a cut-short gzip counts as the end. */
    private int read(byte[] b, int off, int len) {
        try {
            int got = in.read(b, off, len);
            if (got > 0) {
                position += got;
            }
            return got;
        } catch (EOFException e) {
            gzipCutShort = true;
            return -1;
        } catch (ZipException e) {
            throw new FoveaException(file + ": corrupt gzip data after " + position + " uncompressed bytes ("
                    + e.getMessage() + "); expected a valid gzip stream", e);
        } catch (IOException e) {
            throw new FoveaException(file + ": cannot read after " + position + " bytes: " + e, e);
        }
    }

    private String cutShortNote() {
        return gzipCutShort ? " (the gzip data itself is cut short)" : "";
    }

    private static void closeQuietly(InputStream in) {
        if (in == null) {
            return;
        }
        try {
            in.close();
        } catch (IOException ignored) {
            // Nothing useful to do: the file was only read.
        }
    }
}

package dev.fovea.data.archive;

import dev.fovea.FoveaException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.ZipException;

/**
 * Reads the members of a tar archive one after the other from a stream, without trusting it.
 *
 * <p>The format (POSIX ustar, which GNU tar and pax extend): the archive is a sequence of 512-byte
 * blocks; each member is one header block followed by its content, padded with zeros to a whole
 * block; an all-zero block ends the archive. The header holds the name (100 bytes, plus a 155-byte
 * prefix in POSIX ustar), octal numbers for the size and a checksum of the header itself, and a
 * type flag. Two extensions carry names longer than the header allows: a GNU {@code 'L'} entry whose
 * content is the next member's name, and a pax {@code 'x'} entry of {@code "LENGTH key=value\n"}
 * records whose {@code path} and {@code size} keys override the next member's header. Both are
 * applied here; other pax keys, pax global headers ({@code 'g'}) and GNU long link names
 * ({@code 'K'}) are read and ignored.
 *
 * <p>Safety: every header's checksum is verified; a member whose name is absolute or climbs out
 * with {@code ..} makes the whole archive refused; a member larger than the caller's cap is refused
 * before any of it is read; extension entries, the only content read into memory, are capped at
 * {@value #MAX_METADATA_BYTES} bytes. A size larger than what remains of the stream is caught when
 * the stream ends early, so no size field ever sizes an allocation. Every problem is a
 * {@link FoveaException} naming the archive, the member and its header's byte offset.
 */
public final class TarReader {
    /** Tar's unit: headers and padded contents are whole numbers of blocks. */
    public static final int BLOCK = 512;
    /** The most a long name or pax header may hold; real ones are a few hundred bytes. */
    public static final int MAX_METADATA_BYTES = 1 << 16;

    private static final int NAME = 0;
    private static final int NAME_LENGTH = 100;
    private static final int SIZE = 124;
    private static final int SIZE_LENGTH = 12;
    private static final int CHECKSUM = 148;
    private static final int CHECKSUM_LENGTH = 8;
    private static final int TYPE = 156;
    private static final int MAGIC = 257;
    private static final int PREFIX = 345;
    private static final int PREFIX_LENGTH = 155;
    /** POSIX ustar's magic and version; GNU tar writes "ustar  \0" and uses the prefix area otherwise. */
    private static final byte[] POSIX_MAGIC = "ustar\u000000".getBytes(StandardCharsets.US_ASCII);

    private final InputStream in;
    private final String source;
    private final long maxEntryBytes;
    private final byte[] header = new byte[BLOCK];
    private final byte[] buffer = new byte[1 << 16];
    /** Bytes consumed from the stream so far: the offset named in messages. */
    private long position;
    private TarEntry current;
    /** Content bytes of the current member not yet consumed. */
    private long unread;
    private boolean ended;

    /**
     * @param in the uncompressed archive, positioned at its first header; not closed here
     * @param source what to call the archive in messages, usually its path or URL
     * @param maxEntryBytes the largest member content accepted
     */
    public TarReader(InputStream in, String source, long maxEntryBytes) {
        this.in = Objects.requireNonNull(in);
        this.source = Objects.requireNonNull(source);
        if (maxEntryBytes < 0) {
            throw new IllegalArgumentException("negative cap " + maxEntryBytes);
        }
        this.maxEntryBytes = maxEntryBytes;
    }

    /**
     * The next member, or empty at the end of the archive; skips whatever of the previous member's
     * content was not copied.
     */
    public Optional<TarEntry> next() {
        if (ended) {
            return Optional.empty();
        }
        try {
            skip(unread + padding(current));
            current = null;
            unread = 0;
            return readMember();
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    /**
     * Copies the content of the member {@link #next} returned last to {@code out}.
     *
     * @throws IOException only from writing to {@code out}; problems with the archive are
     *     {@link FoveaException}s
     */
    public void copyContentTo(OutputStream out) throws IOException {
        if (current == null || unread != current.size()) {
            throw new IllegalStateException("no member whose content is still unread");
        }
        while (unread > 0) {
            int got = read((int) Math.min(buffer.length, unread));
            if (got < 0) {
                throw endsInside("member '" + current.name() + "'");
            }
            unread -= got;
            out.write(buffer, 0, got);
        }
    }

    private Optional<TarEntry> readMember() throws IOException {
        String longName = null;
        long overriddenSize = -1;
        long extensionAt = -1;
        while (true) {
            long at = position;
            if (!readHeader()) {
                if (extensionAt >= 0) {
                    throw new FoveaException(source + ": the archive ends after the extension header at byte "
                            + extensionAt + ", before the member it describes; it is truncated");
                }
                ended = true;
                return Optional.empty();
            }
            char type = (char) (header[TYPE] & 0xFF);
            long declared = number(SIZE, SIZE_LENGTH, "size", at);
            if ("LxK".indexOf(type) >= 0) { // these describe the member that follows
                extensionAt = at;
            }
            switch (type) {
                case 'L' -> longName = cString(metadata(declared, "GNU long name", at), 0, MAX_METADATA_BYTES);
                case 'x' -> {
                    Pax pax = Pax.parse(metadata(declared, "pax", at), source + ": pax header at byte " + at);
                    if (pax.path() != null) {
                        longName = pax.path();
                    }
                    if (pax.size() >= 0) {
                        overriddenSize = pax.size();
                    }
                }
                case 'K', 'g' -> metadata(declared, type == 'K' ? "GNU long link name" : "pax global", at);
                default -> {
                    String name = longName != null ? longName : headerName();
                    long size = overriddenSize >= 0 ? overriddenSize : declared;
                    long content = checkSize(name, contentSize(type, size), at);
                    current = new TarEntry(checkName(name, at), kind(type), content);
                    unread = current.size();
                    return Optional.of(current);
                }
            }
        }
    }

    /** Reads one header block; false at the end of the archive (a zero block, or the stream's end there). */
    private boolean readHeader() throws IOException {
        int got = in.readNBytes(header, 0, BLOCK);
        position += got;
        if (got == 0) {
            return false; // no end-of-archive blocks, which some writers omit
        }
        if (got < BLOCK) {
            throw new FoveaException(source + ": the archive ends inside the header at byte " + (position - got)
                    + "; it is truncated");
        }
        if (isZeroBlock()) {
            return false;
        }
        long stored = number(CHECKSUM, CHECKSUM_LENGTH, "checksum", position - BLOCK);
        long unsigned = 0;
        long signed = 0; // some old writers summed signed bytes; readers accept both
        for (int i = 0; i < BLOCK; i++) {
            boolean inField = i >= CHECKSUM && i < CHECKSUM + CHECKSUM_LENGTH;
            unsigned += inField ? ' ' : header[i] & 0xFF;
            signed += inField ? ' ' : header[i];
        }
        if (stored != unsigned && stored != signed) {
            throw new FoveaException(source + ": the header at byte " + (position - BLOCK) + " has checksum "
                    + stored + " but its bytes sum to " + unsigned + "; not a tar archive, or corrupt");
        }
        return true;
    }

    private boolean isZeroBlock() {
        for (byte b : header) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private String headerName() {
        String name = cString(header, NAME, NAME_LENGTH);
        boolean posix = Arrays.equals(header, MAGIC, MAGIC + POSIX_MAGIC.length, POSIX_MAGIC, 0, POSIX_MAGIC.length);
        String prefix = posix ? cString(header, PREFIX, PREFIX_LENGTH) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    /** Reads an extension entry's content, which is small by nature, into memory. */
    private byte[] metadata(long size, String what, long at) throws IOException {
        if (size > MAX_METADATA_BYTES) {
            throw new FoveaException(source + ": the " + what + " header at byte " + at + " declares " + size
                    + " bytes; at most " + MAX_METADATA_BYTES + " are allowed");
        }
        byte[] content = in.readNBytes((int) size);
        position += content.length;
        if (content.length < size) {
            throw endsInside("the " + what + " header at byte " + at);
        }
        skip(padding(size));
        return content;
    }

    private String checkName(String name, long at) {
        String[] segments = name.split("[/\\\\]", -1);
        boolean absolute = name.startsWith("/") || name.startsWith("\\") || name.matches("^[A-Za-z]:.*");
        if (absolute || Arrays.asList(segments).contains("..")) {
            throw new FoveaException(source + ": member '" + name + "' (header at byte " + at + ") is "
                    + (absolute ? "an absolute path" : "a path with '..'")
                    + " that could escape the directory it is unpacked into; the archive is refused");
        }
        if (name.isEmpty()) {
            throw new FoveaException(source + ": the member whose header is at byte " + at + " has no name");
        }
        return name;
    }

    private long checkSize(String name, long size, long at) {
        if (size > maxEntryBytes) {
            throw new FoveaException(source + ": member '" + name + "' (header at byte " + at + ") declares "
                    + size + " bytes; at most " + maxEntryBytes + " are allowed");
        }
        return size;
    }

    /** Links, devices, directories and FIFOs have no content whatever their size field says. */
    private static long contentSize(char type, long declared) {
        return "123456".indexOf(type) >= 0 ? 0 : declared;
    }

    private static TarEntry.Kind kind(char type) {
        return switch (type) {
            case '0', '\0', '7' -> TarEntry.Kind.FILE; // '7': contiguous file, a regular file elsewhere
            case '5' -> TarEntry.Kind.DIRECTORY;
            case '1', '2' -> TarEntry.Kind.LINK;
            default -> TarEntry.Kind.OTHER;
        };
    }

    /**
     * A numeric header field: octal digits, optionally led by spaces and ended by a space or NUL;
     * or, GNU's form for large values, base-256 big-endian with the first byte's high bit set.
     * Values too large for a long come back as {@link Long#MAX_VALUE}, which every cap refuses.
     */
    private long number(int offset, int length, String field, long at) {
        if ((header[offset] & 0x80) != 0) {
            if ((header[offset] & 0x40) != 0) {
                throw badField(field, at, "is a negative base-256 number");
            }
            long value = header[offset] & 0x3F;
            for (int i = offset + 1; i < offset + length; i++) {
                if (value > (Long.MAX_VALUE >> 8)) {
                    return Long.MAX_VALUE;
                }
                value = (value << 8) | (header[i] & 0xFF);
            }
            return value;
        }
        int i = offset;
        int end = offset + length;
        while (i < end && header[i] == ' ') {
            i++;
        }
        long value = 0; // at most 12 octal digits: 36 bits, no overflow
        for (; i < end && header[i] >= '0' && header[i] <= '7'; i++) {
            value = value * 8 + (header[i] - '0');
        }
        for (; i < end; i++) {
            if (header[i] != ' ' && header[i] != 0) {
                throw badField(field, at, "'" + cString(header, offset, length).strip() + "' is not an octal number");
            }
        }
        return value;
    }

    private FoveaException badField(String field, long at, String problem) {
        return new FoveaException(source + ": the " + field + " field of the header at byte " + at + " " + problem
                + "; not a tar archive, or corrupt");
    }

    private void skip(long bytes) {
        long left = bytes;
        while (left > 0) {
            int got = read((int) Math.min(buffer.length, left));
            if (got < 0) {
                throw endsInside(current != null ? "member '" + current.name() + "'" : "the padding of a header");
            }
            left -= got;
        }
    }

    /** Reads up to {@code length} bytes into the buffer; -1 at the end of the stream. */
    private int read(int length) {
        try {
            int got = in.read(buffer, 0, length);
            position += Math.max(got, 0);
            return got;
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    private static long padding(TarEntry entry) {
        return entry == null ? 0 : padding(entry.size());
    }

    private static long padding(long size) {
        return (BLOCK - size % BLOCK) % BLOCK;
    }

    private FoveaException endsInside(String what) {
        return new FoveaException(source + ": the archive ends inside " + what + ", at byte " + position
                + "; it is truncated");
    }

    private FoveaException unreadable(IOException e) {
        String reason = e instanceof EOFException ? "it ends early; it is truncated"
                : e instanceof ZipException ? "its compression is corrupt (" + e.getMessage() + ")"
                : e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        return new FoveaException(source + ": cannot read the archive after byte " + position + ": " + reason, e);
    }

    /** The text up to the first NUL of {@code bytes[offset, offset + length)}. */
    static String cString(byte[] bytes, int offset, int length) {
        int end = offset;
        int limit = Math.min(bytes.length, offset + length);
        while (end < limit && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, offset, end - offset, StandardCharsets.UTF_8);
    }
}

package dev.fovea.data.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

/**
 * Writes tar archives for tests, well-formed or deliberately broken, block by block as the ustar
 * format lays them out: a 512-byte header (name at 0, size at 124, checksum at 148, type at 156,
 * magic at 257, prefix at 345), then the content padded to a whole block.
 */
public final class TarBytes {
    private static final int BLOCK = 512;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** A regular file in POSIX ustar form. */
    public TarBytes file(String name, byte[] content) {
        return entry(name, '0', content);
    }

    public TarBytes directory(String name) {
        return entry(name, '5', new byte[0]);
    }

    /** Any entry whose name fits the 100-byte name field. */
    public TarBytes entry(String name, char type, byte[] content) {
        out.writeBytes(header(name, octal(content.length), type));
        return content(content);
    }

    /** A file whose name sits in the POSIX prefix field and the name field: "prefix/name". */
    public TarBytes fileWithPrefix(String prefix, String name, byte[] content) {
        byte[] h = blankHeader(name, octal(content.length), '0');
        put(h, 345, prefix);
        out.writeBytes(sealed(h));
        return content(content);
    }

    /** A file with GNU tar's long-name entry before it, and a cut-off name in its own header. */
    public TarBytes gnuLongNameFile(String name, byte[] content) {
        byte[] nameBytes = Arrays.copyOf(name.getBytes(StandardCharsets.UTF_8), name.length() + 1);
        out.writeBytes(gnu(header("././@LongLink", octal(nameBytes.length), 'L')));
        content(nameBytes);
        out.writeBytes(gnu(header(name.substring(0, Math.min(99, name.length())), octal(content.length), '0')));
        return content(content);
    }

    /** A file preceded by a pax extended header with these "key=value" records. */
    public TarBytes paxFile(String headerName, byte[] content, String... records) {
        return pax(records).file(headerName, content);
    }

    /** A pax extended header alone, applying to whatever entry follows. */
    public TarBytes pax(String... records) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (String r : records) {
            body.writeBytes(paxRecord(r).getBytes(StandardCharsets.UTF_8));
        }
        return entry("PaxHeaders/x", 'x', body.toByteArray());
    }

    /** A header whose size field is the given raw 12 bytes' text (octal or not), and no content. */
    public TarBytes headerWithSizeField(String name, char type, String sizeField) {
        out.writeBytes(header(name, sizeField, type));
        return this;
    }

    /** A header whose size field is GNU's base-256 form of {@code size}, and no content. */
    public TarBytes headerWithBase256Size(String name, long size) {
        byte[] h = blankHeader(name, "", '0');
        for (int i = 0; i < 8; i++) {
            h[124 + 11 - i] = (byte) (size >>> (8 * i));
        }
        h[124] = (byte) 0x80;
        out.writeBytes(sealed(h));
        return this;
    }

    /** Bytes as they are, to break the framing on purpose. */
    public TarBytes raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    /** The two zero blocks that end an archive. */
    public TarBytes end() {
        out.writeBytes(new byte[2 * BLOCK]);
        return this;
    }

    public byte[] bytes() {
        return out.toByteArray();
    }

    public static byte[] gzip(byte[] content) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(buffer)) {
            gz.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    /** A complete POSIX ustar header with a valid checksum. */
    public static byte[] header(String name, String sizeField, char type) {
        return sealed(blankHeader(name, sizeField, type));
    }

    /** Stores the checksum: the sum of the header's unsigned bytes, its own field counted as spaces. */
    public static byte[] sealed(byte[] h) {
        Arrays.fill(h, 148, 156, (byte) ' ');
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xFF;
        }
        put(h, 148, String.format("%06o", sum) + "\0 ");
        return h;
    }

    private TarBytes content(byte[] content) {
        out.writeBytes(content);
        out.writeBytes(new byte[(BLOCK - content.length % BLOCK) % BLOCK]);
        return this;
    }

    private static byte[] blankHeader(String name, String sizeField, char type) {
        byte[] h = new byte[BLOCK];
        put(h, 0, name);
        put(h, 100, "0000644\0");
        put(h, 108, "0001750\0");
        put(h, 116, "0001750\0");
        put(h, 124, sizeField);
        put(h, 136, "14712345670\0");
        h[156] = (byte) type;
        put(h, 257, "ustar\0" + "00");
        return h;
    }

    /** GNU tar's magic "ustar  \0" in place of POSIX's, which makes readers ignore the prefix field. */
    private static byte[] gnu(byte[] h) {
        put(h, 257, "ustar  \0");
        return sealed(h);
    }

    private static String octal(long size) {
        return String.format("%011o", size) + "\0";
    }

    /** "LENGTH key=value\n", where LENGTH counts the whole record, itself included. */
    private static String paxRecord(String keyValue) {
        int rest = keyValue.getBytes(StandardCharsets.UTF_8).length + 2; // the space and the newline
        int length = rest + Integer.toString(rest).length();
        if (Integer.toString(length).length() != Integer.toString(rest).length()) {
            length++;
        }
        return length + " " + keyValue + "\n";
    }

    private static void put(byte[] h, int offset, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(bytes, 0, h, offset, bytes.length);
    }
}

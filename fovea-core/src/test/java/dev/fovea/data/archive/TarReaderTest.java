package dev.fovea.data.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.FoveaException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TarReaderTest {
    private static final byte[] HELLO = "hello".getBytes(StandardCharsets.UTF_8);
    /** 513 bytes: one byte into a second block, so the padding is 511 bytes. */
    private static final byte[] ODD = ascending(513);

    private static byte[] ascending(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31);
        }
        return b;
    }

    private static TarReader reader(byte[] archive) {
        return new TarReader(new ByteArrayInputStream(archive), "test.tar", 1 << 20);
    }

    /** Every member's name and, for files, content. */
    private static List<String> listing(byte[] archive) throws IOException {
        TarReader tar = reader(archive);
        List<String> out = new ArrayList<>();
        for (Optional<TarEntry> e = tar.next(); e.isPresent(); e = tar.next()) {
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            tar.copyContentTo(content);
            out.add(e.get().kind() + " " + e.get().name() + " " + content.toString(StandardCharsets.ISO_8859_1));
        }
        return out;
    }

    private static String failure(byte[] archive) {
        return assertThrows(FoveaException.class, () -> listing(archive)).getMessage();
    }

    @Test
    void readsFilesAndDirectoriesWithTheirContent() throws IOException {
        byte[] tar = new TarBytes().directory("d/").file("d/a.txt", HELLO).file("d/b.bin", ODD).end().bytes();

        TarReader reader = reader(tar);
        assertEquals(new TarEntry("d/", TarEntry.Kind.DIRECTORY, 0), reader.next().orElseThrow());
        assertEquals(new TarEntry("d/a.txt", TarEntry.Kind.FILE, 5), reader.next().orElseThrow());
        ByteArrayOutputStream a = new ByteArrayOutputStream();
        reader.copyContentTo(a);
        assertArrayEquals(HELLO, a.toByteArray());
        assertEquals(new TarEntry("d/b.bin", TarEntry.Kind.FILE, 513), reader.next().orElseThrow());
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        reader.copyContentTo(b);
        assertArrayEquals(ODD, b.toByteArray());
        assertEquals(Optional.empty(), reader.next());
        assertEquals(Optional.empty(), reader.next(), "stays at the end");
    }

    @Test
    void skipsTheContentOfMembersNotCopied() throws IOException {
        byte[] tar = new TarBytes().file("big", ODD).file("small", HELLO).end().bytes();
        TarReader reader = reader(tar);

        assertEquals("big", reader.next().orElseThrow().name());
        assertEquals("small", reader.next().orElseThrow().name());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        reader.copyContentTo(out);

        assertArrayEquals(HELLO, out.toByteArray());
    }

    @Test
    void anArchiveWithoutEndBlocksEndsWithItsLastMember() throws IOException {
        assertEquals(List.of("FILE a hello"), listing(new TarBytes().file("a", HELLO).bytes()));
    }

    @Test
    void joinsThePosixPrefixAndName() throws IOException {
        byte[] tar = new TarBytes().fileWithPrefix("some/long/folder", "x.bin", HELLO).end().bytes();

        assertEquals(List.of("FILE some/long/folder/x.bin hello"), listing(tar));
    }

    @Test
    void appliesGnuLongNames() throws IOException {
        String longName = "folder/" + "n".repeat(150) + ".bin";
        byte[] tar = new TarBytes().gnuLongNameFile(longName, HELLO).file("next", ODD).end().bytes();

        List<String> entries = listing(tar);

        assertEquals("FILE " + longName + " hello", entries.get(0));
        assertTrue(entries.get(1).startsWith("FILE next "), "the long name applies to one member only");
    }

    @Test
    void appliesPaxPathAndSizeAndIgnoresOtherKeys() throws IOException {
        String longName = "folder/" + "p".repeat(200) + ".bin";
        // The pax size overrides the header's: the header says 5 bytes but 513 follow.
        byte[] tar = new TarBytes()
                .pax("mtime=1234567890.5", "path=" + longName, "size=513")
                .raw(TarBytes.header("short.bin", "00000000005\0", '0')).raw(ODD).raw(new byte[511])
                .file("after", HELLO)
                .end().bytes();

        List<String> entries = listing(tar);

        assertEquals(2, entries.size(), entries.toString());
        assertEquals("FILE " + longName + " " + new String(ODD, StandardCharsets.ISO_8859_1), entries.get(0));
        assertEquals("FILE after hello", entries.get(1));
    }

    @Test
    void skipsGlobalPaxHeadersAndLongLinkNames() throws IOException {
        byte[] tar = new TarBytes()
                .entry("pax_global_header", 'g', "18 comment=abcdef\n".getBytes(StandardCharsets.UTF_8))
                .entry("././@LongLink", 'K', ("target/" + "t".repeat(120) + "\0").getBytes(StandardCharsets.UTF_8))
                .entry("link", '2', new byte[0])
                .file("f", HELLO).end().bytes();

        assertEquals(List.of("LINK link ", "FILE f hello"), listing(tar));
    }

    @Test
    void refusesAMemberClimbingOutWithDotDot() {
        byte[] tar = new TarBytes().file("ok", HELLO).file("cifar/../../evil", HELLO).end().bytes();

        String m = failure(tar);

        assertTrue(m.startsWith("test.tar: member 'cifar/../../evil' (header at byte 1024) is a path with '..'"), m);
        assertTrue(m.contains("the archive is refused"), m);
    }

    @Test
    void refusesAbsoluteNamesIncludingOnesFromExtensions() {
        assertTrue(failure(new TarBytes().file("/etc/passwd", HELLO).end().bytes())
                .contains("member '/etc/passwd' (header at byte 0) is an absolute path"));
        assertTrue(failure(new TarBytes().paxFile("harmless", HELLO, "path=../evil").end().bytes())
                .contains("member '../evil'"));
        assertTrue(failure(new TarBytes().gnuLongNameFile("/abs/" + "x".repeat(120), HELLO).end().bytes())
                .contains("is an absolute path"));
    }

    @Test
    void refusesAMemberLargerThanTheCapBeforeReadingIt() {
        byte[] tar = new TarBytes().file("big", ODD).end().bytes();

        FoveaException e = assertThrows(FoveaException.class,
                () -> new TarReader(new ByteArrayInputStream(tar), "test.tar", 512).next());

        assertEquals("test.tar: member 'big' (header at byte 0) declares 513 bytes; at most 512 are allowed",
                e.getMessage());
    }

    @Test
    void hugeSizeFieldsAreRefusedWithoutAllocating() {
        // 11 octal sevens: 8 GiB - 1, the largest octal size; then GNU base-256 sizes up to 2^63 - 1.
        assertTrue(failure(new TarBytes().headerWithSizeField("huge", '0', "77777777777\0").bytes())
                .contains("declares 8589934591 bytes; at most 1048576 are allowed"));
        assertTrue(failure(new TarBytes().headerWithBase256Size("huger", Long.MAX_VALUE).bytes())
                .contains("declares " + Long.MAX_VALUE + " bytes"));
        // Extension entries are read into memory, so their own, smaller cap applies to every one.
        assertTrue(failure(new TarBytes().headerWithSizeField("././@LongLink", 'L', "77777777777\0").bytes())
                .contains("the GNU long name header at byte 0 declares 8589934591 bytes; at most 65536 are allowed"));
        assertTrue(failure(new TarBytes().headerWithSizeField("PaxHeaders/x", 'x', "00000200001\0").bytes())
                .contains("the pax header at byte 0 declares 65537 bytes"));
        assertTrue(failure(new TarBytes().pax("size=99999999999999999999999").file("f", HELLO).end().bytes())
                .contains("member 'f' (header at byte 1024) declares " + Long.MAX_VALUE + " bytes"));
    }

    @Test
    void aSizeBeyondTheStreamIsATruncationNotAnAllocation() {
        byte[] tar = new TarBytes().headerWithSizeField("claims-a-megabyte", '0', "04000000\0").raw(HELLO).bytes();

        assertEquals("test.tar: the archive ends inside member 'claims-a-megabyte', at byte 517; it is truncated",
                failure(tar));
    }

    @Test
    void truncationInsideAHeaderOrTheLastPaddingIsReported() {
        byte[] whole = new TarBytes().file("a", HELLO).file("b", HELLO).end().bytes();

        assertTrue(failure(Arrays.copyOf(whole, 1024 + 100))
                .contains("the archive ends inside the header at byte 1024; it is truncated"));
        assertTrue(failure(Arrays.copyOf(whole, 512 + 100)).contains("ends inside member 'a'"));
        assertTrue(failure(new TarBytes().pax("path=x").bytes())
                .contains("ends after the extension header at byte 0, before the member it describes"));
    }

    @Test
    void aCorruptHeaderIsNotMistakenForAMember() {
        byte[] tar = new TarBytes().file("a", HELLO).end().bytes();
        tar[10] ^= 1;
        assertTrue(failure(tar).contains("the header at byte 0 has checksum"));

        byte[] text = Arrays.copyOf("just some text, not an archive".getBytes(StandardCharsets.UTF_8), 512);
        assertTrue(failure(text).contains("not a tar archive, or corrupt"));

        assertTrue(failure(new TarBytes().headerWithSizeField("a", '0', "12x4\0").bytes())
                .contains("the size field of the header at byte 0 '12x4' is not an octal number"));
    }

    @Test
    void aMalformedPaxRecordIsReported() {
        byte[] tar = new TarBytes().entry("PaxHeaders/x", 'x', "99 path=a\n".getBytes(StandardCharsets.UTF_8))
                .file("f", HELLO).end().bytes();

        assertTrue(failure(tar).contains("test.tar: pax header at byte 0: malformed record at offset 0"));
    }

    @Test
    void copyingTwiceIsAProgrammingError() throws IOException {
        TarReader reader = reader(new TarBytes().file("a", HELLO).end().bytes());
        reader.next();
        reader.copyContentTo(new ByteArrayOutputStream());

        assertThrows(IllegalStateException.class, () -> reader.copyContentTo(new ByteArrayOutputStream()));
    }
}

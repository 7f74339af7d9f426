package dev.fovea.data.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.FoveaException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarGzTest {
    private static final byte[] A = "alpha".getBytes(StandardCharsets.UTF_8);
    private static final byte[] B = new byte[1500];

    @TempDir
    Path tmp;

    private Path archive(byte[] tar) throws IOException {
        return Files.write(tmp.resolve("data.tar.gz"), TarBytes.gzip(tar));
    }

    private Set<String> namesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    private String failure(Path archive, List<String> members, Path target) {
        return assertThrows(FoveaException.class, () -> TarGz.extract(archive, members, target, 1 << 20)).getMessage();
    }

    @Test
    void extractsOnlyTheNamedMembersUnderTheirFileNames() throws IOException {
        Arrays.fill(B, (byte) 7);
        Path archive = archive(new TarBytes().directory("set/").file("set/a.bin", A).file("set/readme.html", A)
                .file("./set/b.bin", B).end().bytes());
        Path target = tmp.resolve("cache").resolve("set");

        TarGz.extract(archive, List.of("set/a.bin", "set/b.bin"), target, 1 << 20);

        assertEquals(Set.of("a.bin", "b.bin"), namesIn(target));
        assertArrayEquals(A, Files.readAllBytes(target.resolve("a.bin")));
        assertArrayEquals(B, Files.readAllBytes(target.resolve("b.bin")));
        assertEquals(Set.of("set"), namesIn(tmp.resolve("cache")), "no temporary directory left");
    }

    @Test
    void aMissingMemberLeavesNothingBehind() throws IOException {
        Path archive = archive(new TarBytes().file("set/a.bin", A).end().bytes());
        Path target = tmp.resolve("out");

        String m = failure(archive, List.of("set/a.bin", "set/b.bin"), target);

        assertEquals(archive + ": has no member set/b.bin", m);
        assertEquals(Set.of("data.tar.gz"), namesIn(tmp));
    }

    @Test
    void aTruncatedArchiveLeavesNothingBehind() throws IOException {
        byte[] whole = TarBytes.gzip(new TarBytes().file("set/a.bin", A).file("set/b.bin", B).end().bytes());
        Path archive = Files.write(tmp.resolve("cut.tar.gz"), Arrays.copyOf(whole, whole.length / 2));
        Path target = tmp.resolve("out");

        String m = failure(archive, List.of("set/a.bin", "set/b.bin"), target);

        assertTrue(m.startsWith(archive + ": "), m);
        assertTrue(m.contains("truncated"), m);
        assertEquals(Set.of("cut.tar.gz"), namesIn(tmp));
    }

    @Test
    void aTarTruncatedInsideAMemberIsReportedByName() throws IOException {
        byte[] tar = new TarBytes().file("set/a.bin", A).file("set/b.bin", B).end().bytes();
        Path archive = archive(Arrays.copyOf(tar, 1024 + 512 + 700));

        String m = failure(archive, List.of("set/a.bin", "set/b.bin"), tmp.resolve("out"));

        assertTrue(m.contains("the archive ends inside member 'set/b.bin'"), m);
        assertFalse(Files.exists(tmp.resolve("out")));
    }

    @Test
    void aMemberEscapingTheFolderRefusesTheWholeArchive() throws IOException {
        Path archive = archive(new TarBytes().file("set/a.bin", A).file("../evil", A).end().bytes());

        String m = failure(archive, List.of("set/a.bin"), tmp.resolve("out"));

        assertTrue(m.contains("member '../evil'"), m);
        assertFalse(Files.exists(tmp.resolve("out")));
        assertFalse(Files.exists(tmp.getParent().resolve("evil")));
    }

    @Test
    void aWantedMemberThatIsNotARegularFileIsRefused() throws IOException {
        Path archive = archive(new TarBytes().entry("set/a.bin", '2', new byte[0]).end().bytes());

        assertEquals(archive + ": member 'set/a.bin' is a link, expected a regular file",
                failure(archive, List.of("set/a.bin"), tmp.resolve("out")));
    }

    @Test
    void notAGzipFile() throws IOException {
        Path archive = Files.write(tmp.resolve("plain.tar.gz"), new TarBytes().file("a", A).end().bytes());

        assertTrue(failure(archive, List.of("a"), tmp.resolve("out")).startsWith(archive + ": not a gzip file"));
    }

    @Test
    void refusesToReplaceAnExistingTarget() throws IOException {
        Path archive = archive(new TarBytes().file("set/a.bin", A).end().bytes());
        Path target = Files.createDirectories(tmp.resolve("out"));

        assertTrue(failure(archive, List.of("set/a.bin"), target).contains(target + ": it already exists"));
    }

    @Test
    void memberFileNamesMustBeDistinct() throws IOException {
        Path archive = archive(new TarBytes().end().bytes());

        assertThrows(IllegalArgumentException.class,
                () -> TarGz.extract(archive, List.of("x/a.bin", "y/a.bin"), tmp.resolve("out"), 100));
    }
}

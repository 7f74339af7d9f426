package dev.fovea.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.FoveaException;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private List<String> filesInDir() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void createsAndReplacesFilesLeavingNoTemporaryFile() throws IOException {
        Path file = dir.resolve("log.csv");
        AtomicFiles.writeString(file, "old\n");
        assertEquals("old\n", Files.readString(file));
        AtomicFiles.write(file, out -> out.write("new ü\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals("new ü\n", Files.readString(file));
        assertEquals(List.of("log.csv"), filesInDir());
    }

    @Test
    void contentMayCloseItsStream() throws IOException {
        Path file = dir.resolve("notes.txt");
        AtomicFiles.write(file, out -> {
            try (Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
                writer.write("closed early");
            }
        });
        assertEquals("closed early", Files.readString(file));
    }

    @Test
    void failureMidwayRethrowsAndLeavesTheOldFile() throws IOException {
        Path file = dir.resolve("model.bin");
        AtomicFiles.writeString(file, "previous content");
        IllegalStateException boom = new IllegalStateException("boom");
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> AtomicFiles.write(file, out -> {
                    out.write(new byte[200_000]); // more than the buffer, so it reached the disk
                    throw boom;
                }));
        assertSame(boom, thrown);
        assertEquals("previous content", Files.readString(file));
        assertEquals(List.of("model.bin"), filesInDir());
    }

    @Test
    void ioFailureInContentNamesTheFileAndLeavesTheOldFile() throws IOException {
        Path file = dir.resolve("model.bin");
        AtomicFiles.writeString(file, "previous content");
        FoveaException e = assertThrows(FoveaException.class, () -> AtomicFiles.write(file, out -> {
            out.write(1);
            throw new IOException("disk full");
        }));
        assertEquals("cannot write " + file + ": disk full", e.getMessage());
        assertEquals("previous content", Files.readString(file));
        assertEquals(List.of("model.bin"), filesInDir());
    }

    @Test
    void failedRenameRemovesTheTemporaryFile() throws IOException {
        Path occupied = Files.createDirectory(dir.resolve("occupied"));
        Files.writeString(occupied.resolve("inside"), "keep");
        FoveaException e = assertThrows(FoveaException.class,
                () -> AtomicFiles.writeString(occupied, "text"));
        assertTrue(e.getMessage().startsWith("cannot write " + occupied + ": "), e.getMessage());
        assertEquals("keep", Files.readString(occupied.resolve("inside")));
        assertEquals(List.of("occupied"), filesInDir());
    }

    @Test
    void theNextWriteDeletesTemporaryFilesOfWritersThatNoLongerRun() throws Exception {
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        long dead = finished.pid();
        long running = ProcessHandle.current().parent().orElseThrow().pid();
        long self = ProcessHandle.current().pid();
        List<String> kept = List.of(
                ".model.bin." + running + ".00ff.tmp", // its writer may still be at work
                ".model.bin." + self + ".01ff.tmp", // so may another thread of this process
                ".model.bin." + dead + ".aa.tmp.keep", // not a temporary file
                ".model.bin.v2." + dead + ".bb.tmp", // the temporary file of "model.bin.v2"
                ".model.bin.cafe.tmp", // no pid to tell whose it is
                ".other.bin." + dead + ".cc.tmp");
        for (String name : kept) {
            Files.writeString(dir.resolve(name), "partial");
        }
        Files.writeString(dir.resolve(".model.bin." + dead + ".0123456789abcdef.tmp"), "partial");
        AtomicFiles.writeString(dir.resolve("model.bin"), "complete");
        List<String> expected = new java.util.ArrayList<>(kept);
        expected.add("model.bin");
        expected.sort(null);
        assertEquals(expected, filesInDir());
        assertEquals("complete", Files.readString(dir.resolve("model.bin")));
    }

    @Test
    void missingDirectoryIsAFoveaException() {
        Path file = dir.resolve("no/such/dir/file.txt");
        FoveaException e = assertThrows(FoveaException.class, () -> AtomicFiles.writeString(file, "x"));
        assertTrue(e.getMessage().startsWith("cannot write " + file + ": no such file or directory"),
                e.getMessage());
    }

    @Test
    void safeTensorsWriteFailureLeavesTheOldCheckpoint() throws IOException {
        Path file = dir.resolve("model.safetensors");
        SafeTensors.write(file, Map.of("w", new TensorData(new int[] {1}, new float[] {1f})),
                Map.of("epoch", "1"));
        byte[] before = Files.readAllBytes(file);

        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> SafeTensors.write(file, new FailingTensorMap(), Map.of("epoch", "2")));
        assertEquals("tensor source failed", thrown.getMessage());
        assertEquals(new String(before, StandardCharsets.ISO_8859_1),
                new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
        assertEquals(List.of("model.safetensors"), filesInDir());
    }

    /** A map whose iteration fails after the first tensor, like a lazily computed source. */
    private static final class FailingTensorMap extends AbstractMap<String, TensorData> {
        @Override
        public Set<Entry<String, TensorData>> entrySet() {
            return new java.util.AbstractSet<>() {
                @Override
                public Iterator<Entry<String, TensorData>> iterator() {
                    return new Iterator<>() {
                        private boolean first = true;

                        @Override
                        public boolean hasNext() {
                            return true;
                        }

                        @Override
                        public Entry<String, TensorData> next() {
                            if (!first) {
                                throw new IllegalStateException("tensor source failed");
                            }
                            first = false;
                            return Map.entry("a", new TensorData(new int[] {1}, new float[] {2f}));
                        }
                    };
                }

                @Override
                public int size() {
                    return 2;
                }
            };
        }
    }
}

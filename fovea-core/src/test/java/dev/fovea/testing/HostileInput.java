package dev.fovea.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The contract every fuzz target checks of a reader: whatever the bytes, it either reads them or
 * throws one of its documented exception types with a message that names the file. Any other
 * exception, an {@link OutOfMemoryError} (even one a library caught and wrapped) or a hang escapes
 * to Jazzer, which reports it as a finding.
 */
public final class HostileInput {
    private static final Path SCRATCH = scratchDirectory();

    private HostileInput() {}

    /** Writes {@code data} to the file {@code name} in this JVM's scratch directory, replacing it; returns its path. */
    public static Path asFile(String name, byte[] data) {
        Path file = SCRATCH.resolve(name);
        try {
            Files.write(file, data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** A fresh empty directory {@code name} in the scratch directory, for readers of folders. */
    public static Path emptyDirectory(String name) {
        Path dir = SCRATCH.resolve(name);
        try {
            deleteTree(dir);
            return Files.createDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A read of untrusted input. */
    @FunctionalInterface
    public interface Read {
        void run() throws Exception;
    }

    /**
     * Runs {@code read}. A failure of a {@code documented} type passes if its message names one of
     * {@code files} (for readers of text in memory, pass no file: any non-blank message passes);
     * any other throwable escapes, so that the fuzzer reports it.
     */
    public static void readsOrFails(Read read, List<Path> files, Class<?>... documented) {
        try {
            read.run();
        } catch (Throwable e) {
            if (Arrays.stream(documented).noneMatch(type -> type.isInstance(e))) {
                if (e instanceof Error error) {
                    throw error; // OutOfMemoryError and StackOverflowError as themselves
                }
                throw new AssertionError("undocumented exception " + e.getClass().getName(), e);
            }
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof VirtualMachineError error) {
                    throw error; // an OutOfMemoryError that a library caught and wrapped is still one
                }
            }
            String message = e.getMessage();
            if (message == null || message.isBlank()) {
                throw new AssertionError(e.getClass().getName() + " without a message", e);
            }
            if (!files.isEmpty() && files.stream().noneMatch(file -> message.contains(file.toString()))) {
                throw new AssertionError("message does not name the file " + files + ": " + message, e);
            }
        }
    }

    /** Shorthand for one file. */
    public static void readsOrFails(Read read, Path file, Class<?>... documented) {
        readsOrFails(read, List.of(file), documented);
    }

    /** In memory where Linux offers it (/dev/shm): a fuzzer writes a file per input, millions of times. */
    private static Path scratchDirectory() {
        try {
            Path shm = Path.of("/dev/shm");
            String prefix = "fovea-fuzz-";
            Path dir = Files.isDirectory(shm) && Files.isWritable(shm)
                    ? Files.createTempDirectory(shm, prefix) : Files.createTempDirectory(prefix);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes {@code root} and everything under it, if it exists; symbolic links are removed, not followed. */
    private static void deleteTree(Path root) {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

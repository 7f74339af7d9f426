package dev.fovea.io;

import dev.fovea.FoveaException;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces a file all at once: readers (and a crash) see either the old content or the complete new
 * content, never a half-written file.
 *
 * <p>The content goes to a temporary file in the destination's directory (so the final rename
 * stays on one file system), is forced to disk, and then atomically moved over the destination.
 * On any failure the temporary file is deleted and the destination is left untouched.
 *
 * <p>A process killed while writing (SIGKILL, a power cut) leaves its temporary file behind:
 * {@code .<name>.<pid>.<random>.tmp}, hidden, next to the destination, and never read. The next
 * write of the same destination deletes those whose process (the pid in the name) no longer runs,
 * so they do not pile up: with one writer at a time, at most one is left per destination. A
 * writer this process cannot see (another machine sharing the directory, another PID namespace)
 * counts as gone: if it is still writing the same destination at that moment, its write fails
 * with an error and leaves the destination as it was.
 */
public final class AtomicFiles {
    private static final int BUFFER_BYTES = 1 << 16;
    private static final String TEMP_SUFFIX = ".tmp";
    private static final Pattern PID_AND_RANDOM = Pattern.compile("(\\d{1,18})\\.[0-9a-f]{1,16}");

    /** Produces a file's content; the stream is buffered, and closing it is allowed but not needed. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {}

    /**
     * Atomically replaces (or creates) {@code destination} with what {@code content} writes.
     *
     * @throws FoveaException naming the destination when an I/O operation fails, including an
     *     IOException thrown by {@code content}; unchecked exceptions from {@code content} are
     *     rethrown unchanged
     */
    public static void write(Path destination, Content content) {
        Path temp = temporaryFileFor(destination);
        try {
            writeNew(temp, content);
            moveIntoPlace(temp, destination);
        } catch (IOException e) {
            FoveaException failure = new FoveaException(
                    "cannot write " + destination + ": " + IoErrors.describe(e), e);
            discard(temp, failure);
            throw failure;
        } catch (RuntimeException | Error e) {
            discard(temp, e);
            throw e;
        }
    }

    /**
     * A name, next to {@code destination}, for a temporary file of it that a writer which cannot
     * use {@link #write} (a download) creates, without following anything already there
     * ({@code CREATE_NEW}), then hands to {@link #moveIntoPlace} or deletes. Temporary files of
     * {@code destination} left by processes no longer running are deleted first.
     *
     * @throws FoveaException when {@code destination} is not a file path
     */
    public static Path temporaryFileFor(Path destination) {
        Path target = destination.toAbsolutePath();
        if (target.getFileName() == null || target.getParent() == null) {
            throw new FoveaException("cannot write " + destination + ": not a file path");
        }
        Path directory = target.getParent();
        String prefix = tempPrefix(target);
        deleteStaleTemps(directory, prefix);
        return directory.resolve(prefix + ProcessHandle.current().pid() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + TEMP_SUFFIX);
    }

    /**
     * Forces the complete temporary file {@code temp} (from {@link #temporaryFileFor}) to disk and
     * atomically moves it over {@code destination}. On failure {@code temp} is left for the caller
     * to delete.
     */
    public static void moveIntoPlace(Path temp, Path destination) throws IOException {
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Path target = destination.toAbsolutePath();
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(target.getParent());
    }

    /** Atomically replaces (or creates) {@code destination} with {@code text} encoded as UTF-8. */
    public static void writeString(Path destination, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        write(destination, out -> out.write(bytes));
    }

    /** The start of the names of {@code target}'s temporary files, before the pid. */
    private static String tempPrefix(Path target) {
        return "." + target.getFileName() + ".";
    }

    /**
     * Deletes temporary files of the destination whose writer is no longer running: best effort,
     * since they only take space. Files of this process are left alone (another thread may be
     * writing), as are names without a pid.
     */
    private static void deleteStaleTemps(Path directory, String prefix) {
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(directory, entry -> {
            String name = entry.getFileName().toString();
            return name.startsWith(prefix) && name.endsWith(TEMP_SUFFIX);
        })) {
            for (Path temp : temps) {
                String name = temp.getFileName().toString();
                // Exactly "<pid>.<random>": the temporary file of "name.123" is not one of "name"'s.
                Matcher pidAndRandom = PID_AND_RANDOM.matcher(
                        name.substring(prefix.length(), name.length() - TEMP_SUFFIX.length()));
                if (pidAndRandom.matches()) {
                    long pid = Long.parseLong(pidAndRandom.group(1));
                    if (pid != self && ProcessHandle.of(pid).isEmpty()) {
                        Files.deleteIfExists(temp);
                    }
                }
            }
        } catch (IOException | DirectoryIteratorException e) {
            // Not cleaning up costs disk space, never correctness; the write itself reports real problems.
        }
    }

    private static void writeNew(Path temp, Content content) throws IOException {
        // CREATE_NEW: never follow or reuse something already at the temporary name.
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            BufferedOutputStream buffered =
                    new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER_BYTES);
            content.writeTo(new UnclosableStream(buffered));
            buffered.flush();
        }
    }

    private static void discard(Path temp, Throwable failure) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /** Makes the rename itself durable; best effort, since some platforms cannot open a directory. */
    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException unsupported) {
            // The new content is complete and in place; only its survival of a power cut is less sure.
        }
    }

    /** Lets content close its stream (e.g. via a Writer) without closing the channel under the unflushed buffer. */
    private static final class UnclosableStream extends FilterOutputStream {
        UnclosableStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}

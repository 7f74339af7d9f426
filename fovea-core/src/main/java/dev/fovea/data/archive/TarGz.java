package dev.fovea.data.archive;

import dev.fovea.FoveaException;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Unpacks chosen members of a gzipped tar archive ({@code .tar.gz}) into a directory, all at once.
 *
 * <p>The members go into a temporary directory beside the target, which is renamed to the target
 * only when every one of them is complete: a crash or a bad archive never leaves a partly filled
 * target. Only the named regular files are written, each under its last name segment, so nothing
 * in the archive chooses where a file lands; the whole archive is still read, so that
 * {@link TarReader} checks every member (a path escaping the directory refuses the archive).
 */
public final class TarGz {
    private TarGz() {}

    /**
     * Writes the members called {@code members} (full names inside the archive, such as
     * {@code "cifar-10-batches-bin/test_batch.bin"}) into the new directory {@code target}.
     *
     * @param maxMemberBytes the largest member the archive may hold
     * @throws FoveaException naming the archive if it is malformed, truncated, lacks a member or
     *     holds one that is not a regular file, or naming the target if it exists or cannot be written
     */
    public static void extract(Path archive, List<String> members, Path target, long maxMemberBytes) {
        Map<String, String> fileNames = fileNamesByMember(members);
        if (Files.exists(target)) {
            throw new FoveaException("cannot unpack " + archive + " into " + target
                    + ": it already exists; remove it to unpack again");
        }
        Path temp = null;
        try {
            Path parent = Files.createDirectories(target.toAbsolutePath().getParent());
            temp = Files.createTempDirectory(parent, "." + target.getFileName() + ".");
            unpackInto(archive, fileNames, temp, maxMemberBytes);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            throw new FoveaException("cannot unpack " + archive + " into " + target
                    + ": it appeared meanwhile; remove it to unpack again", e);
        } catch (IOException e) {
            throw new FoveaException("cannot unpack " + archive + " into " + target + ": " + e, e);
        } finally {
            deleteTree(temp);
        }
    }

    private static void unpackInto(Path archive, Map<String, String> fileNames, Path dir, long maxMemberBytes)
            throws IOException {
        Map<String, String> missing = new LinkedHashMap<>(fileNames);
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive)), 1 << 16)) {
            TarReader tar = new TarReader(in, archive.toString(), maxMemberBytes);
            for (TarEntry entry = tar.next().orElse(null); entry != null; entry = tar.next().orElse(null)) {
                String name = withoutDotSlash(entry.name());
                String fileName = missing.remove(name);
                if (fileName == null) {
                    continue;
                }
                if (!entry.isFile()) {
                    String kind = entry.kind().name().toLowerCase(Locale.ROOT);
                    throw new FoveaException(archive + ": member '" + name + "' is a " + kind
                            + ", expected a regular file");
                }
                writeDurably(dir.resolve(fileName), tar);
            }
        } catch (ZipException e) {
            throw new FoveaException(archive + ": not a gzip file (" + e.getMessage() + ")", e);
        } catch (EOFException e) {
            throw new FoveaException(archive + ": ends before its gzip header is complete; it is truncated", e);
        }
        if (!missing.isEmpty()) {
            throw new FoveaException(archive + ": has no member " + String.join(", ", missing.keySet()));
        }
    }

    /** Writes and forces one member, so the rename of the directory publishes complete files. */
    private static void writeDurably(Path file, TarReader tar) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            OutputStream out = Channels.newOutputStream(channel);
            tar.copyContentTo(out);
            channel.force(true);
        }
    }

    /** Each member's file name: its last segment, which must differ between members. */
    private static Map<String, String> fileNamesByMember(List<String> members) {
        Map<String, String> names = new LinkedHashMap<>();
        for (String member : members) {
            String fileName = member.substring(member.lastIndexOf('/') + 1);
            if (fileName.isEmpty() || fileName.equals("..") || fileName.equals(".") || names.containsValue(fileName)) {
                throw new IllegalArgumentException("member file names must be distinct plain names: " + members);
            }
            names.put(member, fileName);
        }
        return names;
    }

    private static String withoutDotSlash(String name) {
        return name.startsWith("./") ? name.substring(2) : name;
    }

    private static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.getLogger(TarGz.class.getName()).log(System.Logger.Level.WARNING,
                    "Cannot delete temporary directory {0}: {1}", dir, e);
        }
    }
}

package dev.fovea.viz.tensorboard;

import dev.fovea.FoveaException;
import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Writes one TensorBoard events file: scalars, histograms, images, text and a graph, each at a step.
 * Point TensorBoard at the directory (or a parent of it) with {@code tensorboard --logdir DIR}.
 *
 * <p>The file is {@code events.out.tfevents.<unix seconds>.<hostname>} in the given directory (the
 * name TensorBoard looks for), with a numeric suffix when another writer took that name in the
 * same second. It is append-only, as TensorBoard reads it while training runs, so it is not
 * written through {@code AtomicFiles}; instead every record goes to the file in one write, and
 * {@link #flush} makes everything so far visible: only a process killed mid-write can leave a
 * partial last record, which TensorBoard treats as not yet written.
 *
 * <p>Methods are synchronized; a closed writer rejects further writes.
 */
public final class SummaryWriter implements AutoCloseable {
    /** The version every events file declares in its first record. */
    public static final String FILE_VERSION = "brain.Event:2";
    private static final String FILE_PREFIX = "events.out.tfevents.";

    private final Path file;
    private final Clock clock;
    private final FileChannel channel;
    private final OutputStream out;
    private boolean closed;

    private SummaryWriter(Path file, FileChannel channel, Clock clock) {
        this.file = file;
        this.channel = channel;
        this.clock = clock;
        this.out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
    }

    /** Creates {@code directory} if needed and starts a new events file in it. */
    public static SummaryWriter create(Path directory) {
        return create(directory, Clock.systemUTC());
    }

    /** As {@link #create(Path)}, with the clock that dates the file and its events. */
    static SummaryWriter create(Path directory, Clock clock) {
        String name = FILE_PREFIX + clock.instant().getEpochSecond() + "." + hostname();
        try {
            Files.createDirectories(directory);
            for (int attempt = 0; ; attempt++) {
                Path file = directory.resolve(attempt == 0 ? name : name + "." + attempt);
                FileChannel channel;
                try {
                    channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                } catch (FileAlreadyExistsException taken) {
                    continue; // another writer started in the same second: take the next suffix
                }
                SummaryWriter writer = new SummaryWriter(file, channel, clock);
                try {
                    writer.append(EventEncoding.fileVersion(writer.wallTime(), FILE_VERSION));
                    writer.flush();
                } catch (RuntimeException e) {
                    closeQuietly(channel, e);
                    throw e;
                }
                return writer;
            }
        } catch (IOException e) {
            throw new FoveaException("cannot create a TensorBoard events file in " + directory + ": " + reason(e), e);
        }
    }

    /** The events file this writer appends to. */
    public Path file() {
        return file;
    }

    /** A point on the curve {@code tag}; stored as a float, as TensorBoard's scalars are. */
    public synchronized void scalar(String tag, double value, long step) {
        summary(step, SummaryEncoding.scalar(checkTag(tag), (float) value));
    }

    /** The distribution of {@code values} in {@link Histogram#DEFAULT_BUCKETS} equal-width buckets. */
    public synchronized void histogram(String tag, float[] values, long step) {
        histogram(tag, Histogram.of(values, Histogram.DEFAULT_BUCKETS), step);
    }

    public synchronized void histogram(String tag, Histogram histogram, long step) {
        summary(step, SummaryEncoding.histogram(checkTag(tag), histogram));
    }

    /**
     * An image, stored as PNG with its channels: grey, grey with alpha, RGB or RGBA (an indexed-colour
     * image counts as RGB, or RGBA with transparency).
     */
    public synchronized void image(String tag, BufferedImage image, long step) {
        checkTag(tag);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", png)) {
                throw new IllegalArgumentException("image " + tag + ": no PNG encoder for image type " + image.getType());
            }
        } catch (IOException e) {
            throw new IllegalStateException("image " + tag + ": PNG encoding failed in memory", e);
        }
        int colorspace = image.getColorModel().getNumComponents();
        summary(step, SummaryEncoding.image(tag, image.getHeight(), image.getWidth(), colorspace, png.toByteArray()));
    }

    /** Text for the Text tab, which renders it as Markdown. */
    public synchronized void text(String tag, String text, long step) {
        summary(step, SummaryEncoding.text(checkTag(tag), text));
    }

    /** The graph for the Graphs tab; TensorBoard shows the one written last. */
    public synchronized void graph(List<GraphNode> nodes) {
        append(EventEncoding.graph(wallTime(), 0, GraphEncoding.graphDef(nodes)));
    }

    /** Hands everything written so far to the operating system, where TensorBoard sees it. */
    public synchronized void flush() {
        requireOpen();
        try {
            out.flush();
        } catch (IOException e) {
            throw writeFailure(e);
        }
    }

    /** Flushes, forces the file to disk and closes it; closing again does nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try (FileChannel toClose = channel) {
            out.flush();
            toClose.force(false);
        } catch (IOException e) {
            throw writeFailure(e);
        }
    }

    private void summary(long step, byte[] summary) {
        append(EventEncoding.summary(wallTime(), step, summary));
    }

    private void append(byte[] event) {
        requireOpen();
        try {
            out.write(TfRecords.frame(event));
        } catch (IOException e) {
            throw writeFailure(e);
        }
    }

    private double wallTime() {
        Instant now = clock.instant();
        return now.getEpochSecond() + now.getNano() / 1e9;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the TensorBoard events file " + file + " is closed");
        }
    }

    private FoveaException writeFailure(IOException e) {
        return new FoveaException("cannot write the TensorBoard events file " + file + ": " + reason(e), e);
    }

    private static String checkTag(String tag) {
        if (tag == null || tag.isEmpty()) {
            throw new IllegalArgumentException("a summary needs a non-empty tag");
        }
        return tag;
    }

    /** The host name as TensorBoard's own writers put it in file names; "localhost" if unknown. */
    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._-]", "_");
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    private static void closeQuietly(FileChannel channel, RuntimeException failure) {
        try {
            channel.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /** The short reason of a failure; file-system exceptions' own messages are often just the path. */
    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException denied) {
            return "permission denied: " + denied.getFile();
        }
        if (e instanceof FileAlreadyExistsException exists) {
            return "exists and is not a directory: " + exists.getFile();
        }
        if (e instanceof NoSuchFileException missing) {
            return "no such file or directory: " + missing.getFile();
        }
        if (e instanceof FileSystemException other && other.getReason() != null) {
            return other.getReason() + ": " + other.getFile();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}

package dev.fovea.io;

import dev.fovea.FoveaException;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads and writes the safetensors format with float32 tensors.
 *
 * <p>Layout: an 8-byte little-endian unsigned header length N, N bytes of UTF-8 JSON mapping each
 * tensor name to {@code {"dtype", "shape", "data_offsets": [begin, end]}} (offsets into the data
 * section, end exclusive) plus an optional {@code "__metadata__"} object of strings, and then the
 * data section of raw little-endian values. Files written here are byte-for-byte deterministic:
 * tensors sorted by name and stored back to back, the header padded with spaces to a multiple of 8.
 */
public final class SafeTensors {
    private static final int LENGTH_BYTES = Long.BYTES;
    /** Floats are converted through a buffer of this many bytes, so no tensor is copied whole. */
    private static final int CHUNK_BYTES = 1 << 16;

    private SafeTensors() {}

    /**
     * Atomically writes {@code tensors} and {@code metadata} to {@code file}, replacing it if present.
     *
     * @throws IllegalArgumentException if a tensor is named "__metadata__"
     * @throws FoveaException naming the file if it cannot be written
     */
    public static void write(Path file, Map<String, TensorData> tensors, Map<String, String> metadata) {
        SortedMap<String, TensorData> sorted = new TreeMap<>(tensors);
        byte[] header = SafeTensorsHeader.encode(metadata, sorted);
        AtomicFiles.write(file, out -> {
            ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            chunk.putLong(header.length);
            out.write(chunk.array(), 0, LENGTH_BYTES);
            out.write(header);
            for (TensorData tensor : sorted.values()) {
                writeFloats(out, tensor.data(), chunk);
            }
        });
    }

    /**
     * Reads and validates a whole safetensors file.
     *
     * @throws FoveaException naming the file, and the field at fault, if the file cannot be read or
     *     is not a valid safetensors file of F32 tensors
     */
    public static SafeTensorsFile read(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < LENGTH_BYTES) {
                throw fail(file, "file has " + size + " bytes; expected at least " + LENGTH_BYTES
                        + " for the header length");
            }
            long headerLength = readFully(channel, 0, LENGTH_BYTES).getLong();
            // Checked before allocating anything, so a corrupt length cannot exhaust memory.
            long maxHeader = SizeLimits.safeTensorsHeaderBytes();
            if (headerLength < 0 || headerLength > maxHeader) {
                throw fail(file, "header length is " + Long.toUnsignedString(headerLength)
                        + " bytes; expected at most " + maxHeader + " (system property "
                        + SizeLimits.SAFETENSORS_HEADER_BYTES + ")");
            }
            if (headerLength > size - LENGTH_BYTES) {
                throw fail(file, "header length is " + headerLength + " bytes but only "
                        + (size - LENGTH_BYTES) + " follow the length field");
            }
            ByteBuffer headerBytes = readFully(channel, LENGTH_BYTES, (int) headerLength);
            long dataStart = LENGTH_BYTES + headerLength;
            SafeTensorsHeader header =
                    SafeTensorsHeader.parse(decodeUtf8(headerBytes, file), size - dataStart, file);
            Map<String, TensorData> tensors = new LinkedHashMap<>();
            for (SafeTensorsHeader.Entry entry : header.entries()) {
                float[] data = readFloats(channel, dataStart + entry.begin(), entry.elementCount());
                tensors.put(entry.name(), new TensorData(entry.shape(), data));
            }
            return new SafeTensorsFile(file, header.metadata(), tensors);
        } catch (IOException e) {
            throw new FoveaException(
                    "cannot read safetensors file " + file + ": " + IoErrors.describe(e), e);
        }
    }

    private static void writeFloats(OutputStream out, float[] values, ByteBuffer chunk)
            throws IOException {
        int perChunk = CHUNK_BYTES / Float.BYTES;
        for (int start = 0; start < values.length; start += perChunk) {
            int count = Math.min(perChunk, values.length - start);
            chunk.clear();
            chunk.asFloatBuffer().put(values, start, count);
            out.write(chunk.array(), 0, count * Float.BYTES);
        }
    }

    private static float[] readFloats(FileChannel channel, long position, int count)
            throws IOException {
        float[] values = new float[count];
        int perChunk = CHUNK_BYTES / Float.BYTES;
        for (int start = 0; start < count; start += perChunk) {
            int n = Math.min(perChunk, count - start);
            ByteBuffer bytes = readFully(channel, position + (long) start * Float.BYTES, n * Float.BYTES);
            bytes.asFloatBuffer().get(values, start, n);
        }
        return values;
    }

    /** Reads exactly {@code length} bytes at {@code position}, as a little-endian buffer. */
    private static ByteBuffer readFully(FileChannel channel, long position, int length)
            throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new EOFException("file ended at byte " + (position + buffer.position())
                        + " while reading " + length + " bytes at " + position);
            }
        }
        return buffer.flip();
    }

    /** Strict decoding: malformed UTF-8 is an error, not silently replaced with U+FFFD. */
    private static String decodeUtf8(ByteBuffer bytes, Path file) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer chars = CharBuffer.allocate(bytes.remaining());
        CoderResult result = decoder.decode(bytes, chars, true);
        if (!result.isError()) {
            result = decoder.flush(chars);
        }
        if (result.isError()) {
            throw fail(file, "header is not valid UTF-8 at byte " + (LENGTH_BYTES + bytes.position())
                    + " of the file");
        }
        return chars.flip().toString();
    }

    private static FoveaException fail(Path file, String message) {
        return new FoveaException(file + ": " + message);
    }
}

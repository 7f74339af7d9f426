package dev.fovea.data;

import static dev.fovea.data.IdxBytes.concat;
import static dev.fovea.data.IdxBytes.gzip;
import static dev.fovea.data.IdxBytes.header;
import static dev.fovea.data.IdxBytes.images;
import static dev.fovea.data.IdxBytes.labels;
import static dev.fovea.data.IdxBytes.pixels;
import static dev.fovea.data.IdxBytes.prefix;
import static dev.fovea.data.IdxBytes.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.FoveaException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {
    private static final List<String> CLASSES = List.of("zero", "one", "two");

    @TempDir
    Path dir;

    @Test
    void readsRawImagesAndLabelsIntoADataset() {
        Path img = write(dir, "img.idx", images(4, 2, 3));
        Path lab = write(dir, "lab.idx", labels(2, 0, 1, 2));

        ImageDataset d = Idx.read("toy", img, lab, CLASSES);

        assertEquals("toy", d.name());
        assertEquals(4, d.size());
        assertEquals(2, d.height());
        assertEquals(3, d.width());
        assertEquals(1, d.channels());
        assertArrayEquals(pixels(24), d.pixels());
        assertArrayEquals(new int[] {2, 0, 1, 2}, d.labels());
        assertEquals(CLASSES, d.classNames());
    }

    @Test
    void readsGzipDetectedByContentNotName() {
        Path img = write(dir, "images.bin", gzip(images(3, 4, 4)));
        Path lab = write(dir, "labels.bin", gzip(labels(0, 1, 2)));

        ImageDataset d = Idx.read("toy", img, lab, CLASSES);

        assertArrayEquals(pixels(48), d.pixels());
        assertArrayEquals(new int[] {0, 1, 2}, d.labels());
    }

    @Test
    void readsRawFileDespiteGzName() {
        Path img = write(dir, "images.gz", images(2, 2, 2));

        IdxImages read = Idx.readImages(img);

        assertEquals(2, read.count());
        assertArrayEquals(pixels(8), read.pixels());
    }

    @Test
    void readsLabelValuesAsUnsignedBytes() {
        Path lab = write(dir, "lab.idx", labels(255, 128, 0));

        assertArrayEquals(new int[] {255, 128, 0}, Idx.readLabels(lab));
    }

    @Test
    void readsEmptyDataset() {
        Path img = write(dir, "img.idx", images(0, 28, 28));

        assertEquals(0, Idx.readImages(img).pixels().length);
    }

    @Test
    void rejectsLabelFileGivenAsImages() {
        Path lab = write(dir, "lab.idx", labels(1, 2));

        String m = failure(() -> Idx.readImages(lab));

        assertNames(m, lab, "magic field is 0x00000801", "expected 0x00000803", "swapped");
    }

    @Test
    void rejectsImageFileGivenAsLabels() {
        Path img = write(dir, "img.idx", images(1, 2, 2));

        String m = failure(() -> Idx.readLabels(img));

        assertNames(m, img, "magic field is 0x00000803", "expected 0x00000801");
    }

    @Test
    void rejectsUnknownMagicShownInHex() {
        Path f = write(dir, "junk.idx", concat(header(0xCAFEBABE, 1, 1, 1), new byte[1]));

        String m = failure(() -> Idx.readImages(f));

        assertNames(m, f, "magic field is 0xCAFEBABE", "expected 0x00000803");
    }

    @Test
    void rejectsEmptyFile() {
        Path f = write(dir, "empty.idx", new byte[0]);

        String m = failure(() -> Idx.readImages(f));

        assertNames(m, f, "16-byte header", "'magic'", "only 0 bytes");
    }

    @Test
    void rejectsImageHeaderCutInsideRows() {
        Path f = write(dir, "short.idx", prefix(header(Idx.IMAGES_MAGIC, 1, 2, 2), 10));

        String m = failure(() -> Idx.readImages(f));

        assertNames(m, f, "16-byte header", "'rows'", "bytes 8-11", "only 10 bytes");
    }

    @Test
    void rejectsLabelHeaderCutInsideCount() {
        Path f = write(dir, "short.idx", prefix(labels(1, 2), 6));

        String m = failure(() -> Idx.readLabels(f));

        assertNames(m, f, "8-byte header", "'count'", "only 6 bytes");
    }

    @Test
    void rejectsGzippedHeaderCut() {
        Path f = write(dir, "short.gz", gzip(prefix(header(Idx.IMAGES_MAGIC, 1, 2, 2), 13)));

        String m = failure(() -> Idx.readImages(f));

        assertNames(m, f, "'cols'", "uncompressed data holds only 13 bytes");
    }

    @Test
    void rejectsCountClaimingMoreImagesThanRawFileHolds() {
        Path f = write(dir, "img.idx", concat(header(Idx.IMAGES_MAGIC, 100, 2, 2), pixels(12)));

        String m = failure(() -> Idx.readImages(f));

        assertNames(m, f, "count field 100 images of 2x2 = 400 bytes", "holds only 12 bytes");
    }

    @Test
    void rejectsRowsAndColsClaimingMoreThanRawFileHolds() {
        Path f = write(dir, "img.idx", concat(header(Idx.IMAGES_MAGIC, 1, 1000, 1000), pixels(4)));

        String m = failure(() -> Idx.readImages(f));

        assertNames(m, f, "1 images of 1000x1000 = 1000000 bytes", "holds only 4 bytes");
    }

    @Test
    void rejectsLabelCountClaimingMoreThanRawFileHolds() {
        Path f = write(dir, "lab.idx", concat(header(Idx.LABELS_MAGIC, 50), new byte[3]));

        String m = failure(() -> Idx.readLabels(f));

        assertNames(m, f, "count field 50 labels = 50 bytes", "holds only 3 bytes");
    }

    @Test
    void readsCountAsUnsignedAndRejectsItOverTheLimit() {
        Path f = write(dir, "huge.gz", gzip(header(Idx.IMAGES_MAGIC, 0xFFFFFFFF, 28, 28)));

        String m = failure(() -> Idx.readImages(f));

        assertNames(m, f, "count field 4294967295 images of 28x28", "more than the limit of " + Idx.DEFAULT_MAX_BYTES);
    }

    @Test
    void rejectsRowsTimesColsOverTheLimit() {
        Path f = write(dir, "huge.idx", header(Idx.IMAGES_MAGIC, 1, 0xFFFFFFFF, 0xFFFFFFFF));

        String m = failure(() -> Idx.readImages(f));

        assertNames(m, f, "rows and cols fields say 4294967295x4294967295", "more than the limit");
    }

    @Test
    void rejectsZeroRows() {
        Path f = write(dir, "img.idx", header(Idx.IMAGES_MAGIC, 1, 0, 28));

        String m = failure(() -> Idx.readImages(f));

        assertNames(m, f, "rows field is 0", "at least 1");
    }

    @Test
    void appliesACallerChosenLimit() {
        Path f = write(dir, "img.gz", gzip(images(10, 4, 4)));

        String m = failure(() -> Idx.readImages(f, 100));

        assertNames(m, f, "count field 10 images of 4x4 = 160 bytes", "more than the limit of 100 bytes");
        assertEquals(10, Idx.readImages(f, 160).count());
    }

    @Test
    void rejectsGzipHeaderClaimingMoreThanDeflateCanExpand() {
        Path f = write(dir, "tiny.gz", gzip(header(Idx.IMAGES_MAGIC, 1_000_000, 28, 28)));

        String m = failure(() -> Idx.readImages(f));

        assertNames(m, f, "count field 1000000 images of 28x28 = 784000000 bytes", "gzip file can hold at most");
    }

    @Test
    void reportsGzipBodyEndingBeforeTheClaimedCount() {
        Path f = write(dir, "img.gz", gzip(concat(header(Idx.IMAGES_MAGIC, 10, 4, 4), pixels(3 * 16 + 5))));

        String m = failure(() -> Idx.readImages(f));

        assertNames(m, f, "file ends after 3 of 10 images", "count field");
    }

    @Test
    void reportsCutShortGzipDataAsEndOfFile() {
        byte[] gz = gzip(images(2000, 8, 8));
        Path f = write(dir, "img.gz", prefix(gz, gz.length / 2));

        String m = failure(() -> Idx.readImages(f));

        assertNames(m, f, "file ends after", "of 2000 images", "gzip data itself is cut short");
    }

    @Test
    void reportsLabelBodyEndingBeforeTheClaimedCount() {
        Path f = write(dir, "lab.gz", gzip(concat(header(Idx.LABELS_MAGIC, 9), new byte[4])));

        String m = failure(() -> Idx.readLabels(f));

        assertNames(m, f, "file ends after 4 of 9 labels");
    }

    @Test
    void rejectsTrailingBytesInRawFile() {
        Path f = write(dir, "img.idx", concat(images(2, 2, 2), new byte[5]));

        String m = failure(() -> Idx.readImages(f));

        assertNames(m, f, "5 extra bytes after the 2 images", "count field");
    }

    @Test
    void rejectsTrailingBytesInGzippedFile() {
        Path f = write(dir, "lab.gz", gzip(concat(labels(1, 2), new byte[3])));

        String m = failure(() -> Idx.readLabels(f));

        assertNames(m, f, "3 extra bytes after the 2 labels", "count field");
    }

    @Test
    void rejectsDifferentImageAndLabelCounts() {
        Path img = write(dir, "img.idx", images(3, 2, 2));
        Path lab = write(dir, "lab.idx", labels(0, 1));

        String m = failure(() -> Idx.read("toy", img, lab, CLASSES));

        assertNames(m, img, lab.toString(), "'toy'", "3 images (count field)", "2 labels (count field)");
    }

    @Test
    void rejectsLabelOutsideTheClasses() {
        Path img = write(dir, "img.idx", images(3, 2, 2));
        Path lab = write(dir, "lab.idx", labels(0, 1, 3));

        String m = failure(() -> Idx.read("toy", img, lab, CLASSES));

        assertNames(m, lab, "label of item 2 is 3", "expected 0..2", "3 classes");
    }

    @Test
    void rejectsCorruptDeflateData() {
        byte[] gz = gzip(images(20, 4, 4));
        gz[10] = (byte) 0xFF; // first deflate block header: reserved block type 3
        Path f = write(dir, "img.gz", gz);

        String m = failure(() -> Idx.readImages(f));

        assertNames(m, f, "corrupt gzip data");
    }

    @Test
    void rejectsWrongGzipChecksum() {
        byte[] gz = gzip(images(20, 4, 4));
        gz[gz.length - 8] ^= 0x01; // the CRC-32 in the trailer
        Path f = write(dir, "img.gz", gz);

        String m = failure(() -> Idx.readImages(f));

        assertNames(m, f, "corrupt gzip data after");
    }

    @Test
    void rejectsCorruptGzipHeader() {
        Path f = write(dir, "img.gz", new byte[] {0x1f, (byte) 0x8b, 0x07, 0, 0, 0, 0, 0, 0, 0, 1, 2});

        String m = failure(() -> Idx.readImages(f));

        assertNames(m, f, "corrupt gzip header");
    }

    @Test
    void rejectsGzipHeaderCutShort() {
        Path f = write(dir, "img.gz", new byte[] {0x1f, (byte) 0x8b, 0x08});

        String m = failure(() -> Idx.readImages(f));

        assertNames(m, f, "gzip header is cut short", "3 bytes");
    }

    @Test
    void reportsMissingFile() {
        Path f = dir.resolve("absent.idx");

        String m = failure(() -> Idx.readLabels(f));

        assertNames(m, f, "no such file");
    }

    private static String failure(Executable read) {
        return assertThrows(FoveaException.class, read).getMessage();
    }

    private static void assertNames(String message, Path file, String... parts) {
        assertTrue(message.contains(file.toString()),
                () -> "message does not name " + file + ": " + message);
        for (String part : parts) {
            assertTrue(message.contains(part), () -> "message lacks '" + part + "': " + message);
        }
    }
}

package dev.fovea.data;

import dev.fovea.data.archive.TarBytes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * CIFAR-10 and CIFAR-100 in their real file layout but with a handful of records, small enough to
 * generate per test: the loose files, the folder, and the {@code .tar.gz} archive, which also
 * holds a readme that is not to be unpacked. Class names differ from the real ones, so a test can
 * tell they were read from the files.
 */
final class TinyCifar {
    static final List<String> TEN_CLASSES = names("tiny", 10);
    static final List<String> COARSE_CLASSES = names("super", 20);
    static final List<String> FINE_CLASSES = names("fine", 100);
    /** data_batch_1.bin holds 0 and 5, data_batch_2.bin 1 and 6, and so on. */
    static final int[] TRAIN_LABELS = {0, 5, 1, 6, 2, 7, 3, 8, 4, 9};
    static final int[] TEST_LABELS = {3, 8, 8};
    static final int[][] TRAIN_100 = {{4, 77}, {19, 3}, {0, 99}};
    static final int[][] TEST_100 = {{7, 42}, {12, 0}};

    private TinyCifar() {
    }

    private static List<String> names(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + "-" + i).collect(Collectors.toList());
    }

    /** Each file of the CIFAR-10 folder by name, meta file with blank lines as the real one ends. */
    static Map<String, byte[]> cifar10Files() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int b = 0; b < 5; b++) {
            files.put("data_batch_" + (b + 1) + ".bin", CifarBytes.cifar10Batch(TRAIN_LABELS[2 * b], TRAIN_LABELS[2 * b + 1]));
        }
        files.put("test_batch.bin", CifarBytes.cifar10Batch(TEST_LABELS));
        files.put("batches.meta.txt", text(TEN_CLASSES));
        return files;
    }

    static Map<String, byte[]> cifar100Files() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("train.bin", CifarBytes.cifar100Batch(TRAIN_100));
        files.put("test.bin", CifarBytes.cifar100Batch(TEST_100));
        files.put("coarse_label_names.txt", text(COARSE_CLASSES));
        files.put("fine_label_names.txt", text(FINE_CLASSES));
        return files;
    }

    /** Writes {@code files} into {@code dir}, creating it; returns {@code dir}. */
    static Path write(Path dir, Map<String, byte[]> files) {
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                Files.write(dir.resolve(f.getKey()), f.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /** The gzipped tar archive of {@code files} under {@code folder}/, as the authors pack it. */
    static byte[] archive(String folder, Map<String, byte[]> files) {
        TarBytes tar = new TarBytes().directory(folder + "/");
        files.forEach((name, content) -> tar.file(folder + "/" + name, content));
        tar.file(folder + "/readme.html", "<html>not unpacked</html>".getBytes(StandardCharsets.UTF_8));
        return TarBytes.gzip(tar.end().bytes());
    }

    /** Writes {@code base}'s archive, built from {@code files}, into {@code dir}; returns its path. */
    static Path writeArchive(Path dir, CifarDataset base, Map<String, byte[]> files) {
        return write(dir, Map.of(base.archive().fileName(), archive(base.folder(), files)))
                .resolve(base.archive().fileName());
    }

    /** {@code base} with its archive's checksum that of {@code archive}, and the given locations. */
    static CifarDataset describing(CifarDataset base, Path archive, URI baseUrl, Optional<Path> systemDir) {
        Checksum md5;
        try {
            md5 = Checksum.of(Checksum.Algorithm.MD5, archive);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new CifarDataset(base.name(), baseUrl, new DatasetFile(base.archive().fileName(), md5), base.folder(),
                base.trainFiles(), base.testFile(), base.classNameFiles(), base.label(), systemDir,
                base.systemPackage());
    }

    /** One name per line, with a blank line inside and two at the end, which readers must ignore. */
    static byte[] text(List<String> names) {
        List<String> lines = new ArrayList<>(names);
        lines.add(Math.min(2, lines.size()), "");
        return (String.join("\n", lines) + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    /** {@code files} with one replaced or added. */
    static Map<String, byte[]> with(Map<String, byte[]> files, String name, byte[] content) {
        Map<String, byte[]> changed = new LinkedHashMap<>(files);
        changed.put(name, content);
        return changed;
    }

    /** {@code files} without some. */
    static Map<String, byte[]> without(Map<String, byte[]> files, String... names) {
        Map<String, byte[]> kept = new LinkedHashMap<>(files);
        Arrays.asList(names).forEach(kept::remove);
        return kept;
    }
}

package dev.fovea.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fovea.FoveaException;
import dev.fovea.testing.SharedDatasets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads the real datasets where this machine has them: MNIST and CIFAR-10's test batch from the
 * project's sibling {@code shared/datasets} (absent in a user's fresh clone) and Fashion-MNIST
 * from the Debian package's location. Each test skips itself, saying why, when its data is missing.
 */
class RealDatasetsTest {
    @TempDir
    Path emptyCache;

    @Test
    void readsMnistFromTheSharedFolder() {
        Path dir = SharedDatasets.directory("mnist");
        DatasetLocator locator = DatasetLocator.standard().withCacheRoot(emptyCache).withOffline(true);

        DatasetSplits mnist = locator.load("mnist", Optional.of(dir));

        assertShape(mnist);
        assertArrayEquals(new int[] {5, 0, 4, 1, 9}, Arrays.copyOf(mnist.train().labels(), 5));
        assertEquals(7, mnist.test().label(0));
        assertEquals(BuiltinDataset.MNIST.classNames(), mnist.train().classNames());
    }

    @Test
    void mnistChecksumsMatchTheSharedFiles() throws IOException {
        Path dir = SharedDatasets.directory("mnist");

        for (DatasetFile file : BuiltinDataset.MNIST.files()) {
            assertEquals(file.checksum(), Checksum.of(Checksum.Algorithm.SHA_256, dir.resolve(file.fileName())),
                    file.fileName());
        }
    }

    @Test
    void readsFashionMnistFromTheSystemLocation() {
        Path system = BuiltinDataset.FASHION_MNIST.systemDir().orElseThrow();
        assumeTrue(Files.isDirectory(system),
                system + " is absent: install it with 'apt-get install dataset-fashion-mnist' to run this test");
        DatasetLocator locator = DatasetLocator.standard().withCacheRoot(emptyCache).withOffline(true);

        DatasetSplits fashion = locator.load("fashion-mnist", Optional.empty());

        assertEquals(system, fashion.directory());
        assertShape(fashion);
        assertEquals(9, fashion.train().label(0));
        assertEquals(9, fashion.test().label(0));
        assertEquals("Ankle boot", fashion.train().classNames().get(9));
    }

    @Test
    void readsTheCifar10TestBatchWithItsOwnClassNames() {
        Path dir = SharedDatasets.directory("cifar-10-batches-bin");

        ImageDataset test = BuiltinDataset.CIFAR10.readTest(dir);

        assertEquals("cifar10/test", test.name());
        assertEquals(10_000, test.size());
        assertEquals(32, test.height());
        assertEquals(32, test.width());
        assertEquals(3, test.channels());
        assertArrayEquals(new int[] {3, 8, 8, 0, 6, 6, 1, 6, 3, 1}, Arrays.copyOf(test.labels(), 10));
        int[] perClass = new int[10];
        for (int label : test.labels()) {
            perClass[label]++;
        }
        int[] thousand = new int[10];
        Arrays.fill(thousand, 1000);
        assertArrayEquals(thousand, perClass);
        assertEquals(List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"),
                test.classNames());
    }

    @Test
    void loadingCifar10WithOnlyItsTestBatchNamesTheMissingTrainingBatches() {
        Path dir = SharedDatasets.directory("cifar-10-batches-bin");
        DatasetLocator locator = DatasetLocator.standard().withCacheRoot(emptyCache).withOffline(true);
        String batches = "data_batch_1.bin, data_batch_2.bin, data_batch_3.bin, data_batch_4.bin, data_batch_5.bin";

        String inFolder = assertThrows(FoveaException.class,
                () -> locator.load("cifar10", Optional.of(dir))).getMessage();
        String aboveFolder = assertThrows(FoveaException.class,
                () -> locator.load("cifar10", Optional.of(dir.getParent()))).getMessage();

        assertTrue(inFolder.contains("data directory " + dir + " does not hold dataset 'cifar10': missing " + batches),
                inFolder);
        assertTrue(aboveFolder.contains("its folder cifar-10-batches-bin lacks " + batches), aboveFolder);
    }

    private static void assertShape(DatasetSplits splits) {
        assertEquals(60_000, splits.train().size());
        assertEquals(10_000, splits.test().size());
        for (ImageDataset d : new ImageDataset[] {splits.train(), splits.test()}) {
            assertEquals(28, d.height());
            assertEquals(28, d.width());
            assertEquals(1, d.channels());
            assertEquals(10, d.numClasses());
        }
    }
}

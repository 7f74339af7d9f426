package dev.fovea.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fovea.testing.SharedDatasets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads the real datasets where this machine has them: MNIST from the project's sibling
 * {@code shared/datasets/mnist} (absent in a user's fresh clone) and Fashion-MNIST from the
 * Debian package's location. Each test skips itself, saying why, when its data is missing.
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
            assertEquals(file.sha256(), Sha256.of(dir.resolve(file.fileName())), file.fileName());
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

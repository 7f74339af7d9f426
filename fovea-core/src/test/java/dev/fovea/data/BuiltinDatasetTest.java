package dev.fovea.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.FoveaException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BuiltinDatasetTest {
    @Test
    void describesBothBuiltinDatasets() {
        assertEquals(List.of("fashion-mnist", "mnist"), DatasetLocator.standard().names());
        assertEquals("Ankle boot", BuiltinDataset.FASHION_MNIST.classNames().get(9));
        assertEquals("T-shirt/top", BuiltinDataset.FASHION_MNIST.classNames().get(0));
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), BuiltinDataset.MNIST.classNames());
        assertEquals(Optional.empty(), BuiltinDataset.MNIST.systemDir());
    }

    @Test
    void resolvesFileUrlsUnderTheBaseUrl() {
        BuiltinDataset d = BuiltinDataset.MNIST;

        assertEquals(URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/t10k-labels-idx1-ubyte.gz"),
                d.urlOf(d.testLabels()));
        assertEquals(URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/train-images-idx3-ubyte.gz"),
                BuiltinDataset.FASHION_MNIST.urlOf(BuiltinDataset.FASHION_MNIST.trainImages()));
    }

    @Test
    void refusesBaseUrlWithoutTrailingSlash() {
        assertThrows(IllegalArgumentException.class,
                () -> BuiltinDataset.MNIST.withBaseUrl(URI.create("http://127.0.0.1/mnist")));
    }

    @Test
    void acceptsGzippedAndUncompressedNames() {
        assertEquals(List.of("train-images-idx3-ubyte.gz", "train-images-idx3-ubyte"),
                BuiltinDataset.MNIST.trainImages().acceptedNames());
    }

    @Test
    void refusesMalformedChecksum() {
        assertThrows(IllegalArgumentException.class, () -> new DatasetFile("x.gz", "ABC"));
    }

    @Test
    void unknownNameListsKnownNames() {
        FoveaException e = assertThrows(FoveaException.class,
                () -> BuiltinDataset.named("emnist", BuiltinDataset.all()));

        assertTrue(e.getMessage().contains("unknown dataset 'emnist'; known datasets: fashion-mnist, mnist"),
                e.getMessage());
    }
}

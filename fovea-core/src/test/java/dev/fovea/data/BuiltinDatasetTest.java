package dev.fovea.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.FoveaException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BuiltinDatasetTest {
    @Test
    void describesTheBuiltinIdxDatasets() {
        assertEquals(List.of("fashion-mnist", "mnist", "cifar10", "cifar100"), DatasetLocator.standard().names());
        assertEquals("Ankle boot", BuiltinDataset.FASHION_MNIST.classNames().get(9));
        assertEquals("T-shirt/top", BuiltinDataset.FASHION_MNIST.classNames().get(0));
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), BuiltinDataset.MNIST.classNames());
        assertEquals(Optional.empty(), BuiltinDataset.MNIST.systemDir());
    }

    @Test
    void describesTheCifarArchivesAsTheirPageDoes() {
        CifarDataset ten = BuiltinDataset.CIFAR10;
        CifarDataset hundred = BuiltinDataset.CIFAR100;

        assertEquals(URI.create("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz"), ten.archiveUrl());
        assertEquals(URI.create("https://www.cs.toronto.edu/~kriz/cifar-100-binary.tar.gz"), hundred.archiveUrl());
        assertEquals(Checksum.md5("c32a1d4ab5d03f1284b67883e8d87530"), ten.archive().checksum());
        assertEquals(Checksum.md5("03b5dce01913d631647c71ecec9e9cb8"), hundred.archive().checksum());
        assertEquals(List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin",
                "data_batch_5.bin", "test_batch.bin", "batches.meta.txt"), ten.requiredFiles());
        assertEquals(List.of("train.bin", "test.bin", "fine_label_names.txt"), hundred.requiredFiles());
        assertEquals(List.of("train.bin", "test.bin", "coarse_label_names.txt"),
                hundred.withLabel(Cifar.Label.COARSE).requiredFiles());
        assertEquals(Set.of(Cifar.Label.CIFAR10), ten.labels());
        assertEquals(Set.of(Cifar.Label.COARSE, Cifar.Label.FINE), hundred.labels());
    }

    @Test
    void aCifarDatasetOffersOnlyItsOwnLabels() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BuiltinDataset.CIFAR10.withLabel(Cifar.Label.FINE));

        assertTrue(e.getMessage().contains("cifar10 offers the labels [CIFAR10], not FINE"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> DatasetLocator.standard().withCifar100Labels(Cifar.Label.CIFAR10));
    }

    @Test
    void resolvesFileUrlsUnderTheBaseUrl() {
        IdxDataset d = BuiltinDataset.MNIST;

        assertEquals(URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/t10k-labels-idx1-ubyte.gz"),
                d.urlOf(d.testLabels()));
        assertEquals(URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/train-images-idx3-ubyte.gz"),
                BuiltinDataset.FASHION_MNIST.urlOf(BuiltinDataset.FASHION_MNIST.trainImages()));
    }

    @Test
    void refusesBaseUrlWithoutTrailingSlash() {
        assertThrows(IllegalArgumentException.class,
                () -> BuiltinDataset.MNIST.withBaseUrl(URI.create("http://127.0.0.1/mnist")));
        assertThrows(IllegalArgumentException.class,
                () -> BuiltinDataset.CIFAR10.withBaseUrl(URI.create("http://127.0.0.1/kriz")));
    }

    @Test
    void acceptsGzippedAndUncompressedNames() {
        assertEquals(List.of("train-images-idx3-ubyte.gz", "train-images-idx3-ubyte"),
                BuiltinDataset.MNIST.trainImages().acceptedNames());
    }

    @Test
    void refusesMalformedChecksum() {
        assertThrows(IllegalArgumentException.class, () -> Checksum.sha256("ABC"));
    }

    @Test
    void unknownNameListsKnownNames() {
        FoveaException e = assertThrows(FoveaException.class,
                () -> BuiltinDataset.named("emnist", BuiltinDataset.all()));

        assertTrue(e.getMessage().contains("unknown dataset 'emnist'; known datasets: fashion-mnist, mnist"),
                e.getMessage());
    }
}

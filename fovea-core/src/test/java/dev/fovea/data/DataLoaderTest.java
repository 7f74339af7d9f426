package dev.fovea.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fovea.data.augment.Augmentation;
import dev.fovea.testing.HookedImageSource;
import dev.fovea.data.augment.Compose;
import dev.fovea.data.augment.RandomCrop;
import dev.fovea.data.augment.RandomErasing;
import dev.fovea.data.augment.RandomFlip;
import dev.fovea.data.augment.RandomRotation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DataLoaderTest {
    private static final ImageDataset IMAGES = HookedImageSource.randomImages(23, 6, 5, 3, 1);
    private static final InputScaling STANDARDIZE = InputScaling.standardizeOf(IMAGES);
    private static final Augmentation AUGMENTATION = Compose.of(new RandomCrop(2), new RandomFlip(),
            new RandomRotation(15), new RandomErasing(0.5));

    /** Every batch's images as one array per batch. */
    private static List<float[]> images(DataLoader loader) {
        List<float[]> all = new ArrayList<>();
        for (Batch batch : loader) {
            all.add(batch.images().data());
        }
        return all;
    }

    private static void assertSameBatches(List<float[]> expected, List<float[]> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), "batch " + i);
        }
    }

    @Test
    void inOrderBatchesHoldTheScaledImagesAndTheirLabelsWithASmallerLastBatch() {
        DataLoader loader = DataLoader.inOrder(IMAGES, 10, STANDARDIZE);
        assertEquals(3, loader.batchCount());
        int size = IMAGES.imageSize();
        for (int b = 0; b < 3; b++) {
            Batch batch = loader.batch(b);
            int n = b < 2 ? 10 : 3;
            assertArrayEquals(new int[] {n, 6, 5, 3}, batch.images().shape());
            for (int i = 0; i < n; i++) {
                int example = b * 10 + i;
                assertEquals(IMAGES.label(example), batch.labels()[i]);
                for (int p = 0; p < size; p++) {
                    assertEquals(STANDARDIZE.scale(IMAGES.pixels()[example * size + p] & 0xFF, p),
                            batch.images().data()[i * size + p]);
                }
            }
        }
    }

    @Test
    void aShuffledEpochHoldsEveryImageOnceInAnOrderFixedBySeedAndEpoch() {
        DataLoader loader = DataLoader.shuffled(IMAGES, 4, InputScaling.unit(), 7, 2);
        List<Integer> labels = new ArrayList<>();
        for (Batch batch : loader) {
            Arrays.stream(batch.labels()).forEach(labels::add);
        }
        int[] expectedCounts = new int[3];
        Arrays.stream(IMAGES.labels()).forEach(l -> expectedCounts[l]++);
        int[] counts = new int[3];
        labels.forEach(l -> counts[l]++);
        assertArrayEquals(expectedCounts, counts);
        assertSameBatches(images(loader), images(DataLoader.shuffled(IMAGES, 4, InputScaling.unit(), 7, 2)));
        assertFalse(Arrays.equals(loader.batch(0).images().data(),
                DataLoader.shuffled(IMAGES, 4, InputScaling.unit(), 7, 3).batch(0).images().data()));
    }

    @Test
    void noAugmentationAndAnIdentityAugmentationGiveExactlyTheBatchesOfNone() {
        DataLoader plain = DataLoader.shuffled(IMAGES, 4, STANDARDIZE, 7, 1);
        List<float[]> expected = images(plain);
        assertSameBatches(expected, images(plain.augmented(Augmentation.none(), 3, 1)));
        // crop:0 changes nothing but sends every image through the float path: bytes to floats,
        // augment, scale in place. It must agree to the bit with scaling the bytes directly.
        assertSameBatches(expected, images(plain.augmented(new RandomCrop(0), 3, 1)));
    }

    @Test
    void eachAugmentedImageIsItsBytesAugmentedFromItsOwnStreamThenScaled() {
        int batchSize = 4;
        DataLoader loader = DataLoader.inOrder(IMAGES, batchSize, STANDARDIZE).augmented(AUGMENTATION, 11, 5);
        int size = IMAGES.imageSize();
        for (int b = 0; b < loader.batchCount(); b++) {
            float[] batch = loader.batch(b).images().data();
            for (int i = 0; i < batch.length / size; i++) {
                int position = b * batchSize + i;
                float[] image = new float[size];
                for (int p = 0; p < size; p++) {
                    image[p] = IMAGES.pixels()[position * size + p] & 0xFF;
                }
                AUGMENTATION.apply(image, 6, 5, 3, new SplittableRandom(DataLoader.sampleSeed(11, 5, position)));
                for (int p = 0; p < size; p++) {
                    assertEquals(STANDARDIZE.scale(image[p], p), batch[i * size + p], "image " + position);
                }
            }
        }
    }

    @Test
    void augmentedBatchesRepeatForTheSameSeedAndEpochAndDifferOtherwise() {
        DataLoader loader = DataLoader.shuffled(IMAGES, 5, InputScaling.unit(), 7, 0);
        List<float[]> first = images(loader.augmented(AUGMENTATION, 1, 0));
        assertSameBatches(first, images(loader.augmented(AUGMENTATION, 1, 0)));
        for (DataLoader other : List.of(loader.augmented(AUGMENTATION, 2, 0), loader.augmented(AUGMENTATION, 1, 1))) {
            List<float[]> second = images(other);
            for (int b = 0; b < first.size(); b++) {
                assertFalse(Arrays.equals(first.get(b), second.get(b)), "batch " + b + " is augmented differently");
            }
        }
    }

    @Test
    void anImagesAugmentationDependsOnItsPlaceInTheEpochNotOnTheBatchSize() {
        float[] inFours = concatenated(DataLoader.inOrder(IMAGES, 4, InputScaling.unit()).augmented(AUGMENTATION, 9, 2));
        float[] inSevens = concatenated(DataLoader.inOrder(IMAGES, 7, InputScaling.unit()).augmented(AUGMENTATION, 9, 2));
        assertArrayEquals(inFours, inSevens);
    }

    private static float[] concatenated(DataLoader loader) {
        List<float[]> batches = images(loader);
        float[] all = new float[batches.stream().mapToInt(b -> b.length).sum()];
        int at = 0;
        for (float[] b : batches) {
            System.arraycopy(b, 0, all, at, b.length);
            at += b.length;
        }
        return all;
    }

    @Test
    void neighbouringSeedsEpochsAndPositionsGetDifferentStreams() {
        long[] seeds = {
            DataLoader.sampleSeed(0, 0, 0), DataLoader.sampleSeed(0, 0, 1), DataLoader.sampleSeed(0, 1, 0),
            DataLoader.sampleSeed(1, 0, 0), DataLoader.sampleSeed(1, 0, 1), DataLoader.sampleSeed(0, 1, 1),
        };
        assertEquals(seeds.length, Arrays.stream(seeds).distinct().count(), Arrays.toString(seeds));
    }

    @Test
    void rejectsABatchSizeBelowOne() {
        assertThrows(IllegalArgumentException.class, () -> DataLoader.inOrder(IMAGES, 0, InputScaling.unit()));
    }
}

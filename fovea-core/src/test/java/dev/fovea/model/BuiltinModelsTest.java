package dev.fovea.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.data.InputScaling;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuiltinModelsTest {
    @Test
    void namesListTheSeedsNetworks() {
        assertEquals(List.of("keras-fashion", "lenet5", "tf-mnist", "scratch-mnist", "cifar-lenet", "alexnet",
                "binary-150", "pets-4conv", "resnet"), BuiltinModels.names());
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BuiltinModels.create("vgg16", 28, 28, 1));
        assertEquals("unknown model 'vgg16': expected one of keras-fashion, lenet5, tf-mnist, scratch-mnist, "
                + "cifar-lenet, alexnet, binary-150, pets-4conv, resnet", e.getMessage());
    }

    @Test
    void resnetIsResNet20WithBatchNormalizationOnBothInputSizes() {
        GraphModel grey = BuiltinModels.create("resnet", 28, 28, 1);
        long convolutions = grey.layers().stream().filter(l -> l instanceof dev.fovea.nn.Conv2D).count();
        long norms = grey.layers().stream().filter(l -> l instanceof dev.fovea.nn.BatchNormalization).count();
        // 1 stem + 3 stages x 3 blocks x 2, plus the two projection shortcuts; a norm after each.
        assertEquals(21, convolutions);
        assertEquals(21, norms);
        assertArrayEquals(new int[] {10}, grey.outputShape());
        assertTrue(grey.summary().contains("Connected to"), grey.summary());
        GraphModel colour = BuiltinModels.create("resnet", new int[] {32, 32, 3}, 100);
        assertArrayEquals(new int[] {100}, colour.outputShape());
        TrainingRecipe recipe = BuiltinModels.entry("resnet").recipe();
        assertEquals("cosine", recipe.schedule());
        assertEquals("crop:2,flip", recipe.augmentation());
        assertEquals("sparse_categorical_crossentropy(label_smoothing=0.1)", recipe.loss().toString());
        assertEquals(28, recipe.epochs());
        assertEquals(InputScaling.Kind.STANDARDIZE, grey.inputScaling().kind());
    }

    @Test
    void scratchMnistScalesInputsToMinusHalfToHalf() {
        Sequential model = BuiltinModels.create("scratch-mnist", 28, 28, 1);
        assertEquals(InputScaling.Kind.CENTERED, model.inputScaling().kind());
        assertEquals(-0.5f, model.inputScaling().scale(0, 0));
        assertEquals(0.5f, model.inputScaling().scale(255, 0), 1e-6);
    }

    @Test
    void kerasFashionRecipeIsAdamAtOneThousandthBatch32FiveEpochs() {
        TrainingRecipe recipe = BuiltinModels.entry("keras-fashion").recipe();
        assertEquals("adam", recipe.optimizer());
        assertEquals(1e-3, recipe.learningRate());
        assertEquals(32, recipe.batchSize());
        assertEquals(5, recipe.epochs());
        assertTrue(BuiltinModels.entry("tf-mnist").description().contains("SAME"));
    }

    @Test
    void alexNetHasTheClassicShapesAndParameterCount() {
        Sequential alexnet = BuiltinModels.create("alexnet", BuiltinModels.entry("alexnet").inputShape());
        List<String> shapes = alexnet.layers().stream()
                .map(l -> java.util.Arrays.toString(l.outputShape())).toList();
        assertEquals(List.of("[55, 55, 96]", "[27, 27, 96]", "[27, 27, 256]", "[13, 13, 256]", "[13, 13, 384]",
                "[13, 13, 384]", "[13, 13, 256]", "[6, 6, 256]", "[9216]", "[4096]", "[4096]", "[4096]", "[4096]",
                "[1000]"), shapes);
        // The single-GPU AlexNet's 62.4 million parameters, counted layer by layer (kernel + bias).
        long expected = (11 * 11 * 3 * 96 + 96) + (5 * 5 * 96 * 256 + 256) + (3 * 3 * 256 * 384 + 384)
                + (3 * 3 * 384 * 384 + 384) + (3 * 3 * 384 * 256 + 256) + (9216L * 4096 + 4096)
                + (4096L * 4096 + 4096) + (4096L * 1000 + 1000);
        assertEquals(62_378_344L, expected);
        assertEquals(expected, alexnet.layers().stream().mapToLong(l -> l.parameterCount()).sum());
    }

    @Test
    void binary150IsKerassTwoClassNetWithOneSigmoidOutputAndBinaryCrossEntropy() {
        Sequential model = BuiltinModels.create("binary-150", 150, 150, 3);
        assertEquals(3_453_121L, model.layers().stream().mapToLong(l -> l.parameterCount()).sum());
        assertEquals("[7, 7, 128]", java.util.Arrays.toString(model.layers().get(7).outputShape()));
        assertEquals(List.of(1), java.util.Arrays.stream(model.outputShape()).boxed().toList());
        assertEquals(dev.fovea.nn.ActivationFunction.SIGMOID, BuiltinModels.entry("binary-150").recipe().loss()
                .fusedActivation());
    }

    @Test
    void modelsAreBuiltForTheClassCountOfTheData() {
        assertEquals(37, BuiltinModels.create("pets-4conv", new int[] {224, 224, 3}, 37).outputShape()[0]);
        assertEquals(InputScaling.Kind.MEAN_IMAGE, BuiltinModels.create("pets-4conv", 224, 224, 3).inputScaling().kind());
        assertEquals(10, BuiltinModels.create("cifar-lenet", 32, 32, 3).outputShape()[0]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BuiltinModels.create("lenet5", new int[] {28, 28, 1}, 1));
        assertEquals("a classifier needs at least 2 classes, got 1", e.getMessage());
    }
}

package dev.fovea.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.data.InputScaling;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuiltinModelsTest {
    @Test
    void namesListTheSeedsNetworks() {
        assertEquals(List.of("keras-fashion", "lenet5", "tf-mnist", "scratch-mnist"), BuiltinModels.names());
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BuiltinModels.create("resnet", 28, 28, 1));
        assertEquals("unknown model 'resnet': expected one of keras-fashion, lenet5, tf-mnist, scratch-mnist", e.getMessage());
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
}

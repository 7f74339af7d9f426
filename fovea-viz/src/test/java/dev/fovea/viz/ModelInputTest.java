package dev.fovea.viz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fovea.data.ImageDataset;
import dev.fovea.data.InputScaling;
import dev.fovea.model.Sequential;
import dev.fovea.nn.Flatten;
import dev.fovea.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelInputTest {

    @Test
    void datasetPixelsAreUnsignedAndScaledByTheModelsOwnScaling() {
        ImageDataset data = new ImageDataset("d", 1, 2, 1, new byte[] {0, 1, (byte) 255, (byte) 102}, new int[2],
                List.of("a"));
        float[] pixels = ModelInput.pixels(data, 1);
        assertArrayEquals(new float[] {255, 102}, pixels);
        Sequential model = new Sequential(1, 2, 1).add(new Flatten());
        model.inputScaling(InputScaling.centered());
        Tensor scaled = ModelInput.scaled(model, pixels);
        assertArrayEquals(new int[] {1, 1, 2, 1}, scaled.shape());
        assertEquals(0.5f, scaled.data()[0], 1e-6);
        assertEquals(-0.1f, scaled.data()[1], 1e-6);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelInput.scaled(model, new float[3]));
        assertEquals("the image has 3 values, the model expects (1, 2, 1) = 2", e.getMessage());
        model.inputScaling(InputScaling.of(InputScaling.Kind.MEAN_IMAGE));
        IllegalArgumentException untrained = assertThrows(IllegalArgumentException.class,
                () -> ModelInput.scaled(model, pixels));
        assertEquals("the model's mean_image input scaling has no statistics of its training data yet: use a trained "
                + "model", untrained.getMessage());
    }
}

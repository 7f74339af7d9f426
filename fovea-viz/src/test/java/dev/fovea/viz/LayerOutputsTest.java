package dev.fovea.viz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fovea.model.BuiltinModels;
import dev.fovea.model.GraphModel;
import dev.fovea.model.Sequential;
import dev.fovea.nn.ActivationFunction;
import dev.fovea.nn.Conv2D;
import dev.fovea.nn.Node;
import dev.fovea.viz.activations.FeatureMaps;
import dev.fovea.viz.attribution.GradCam;
import dev.fovea.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LayerOutputsTest {

    @Test
    void everyLayersOutputInOrderEndingWithThePrediction() {
        Sequential model = BuiltinModels.create("lenet5", 28, 28, 1);
        model.initialize(5);
        float[] x = new float[2 * 28 * 28];
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextDouble();
        }
        List<Tensor> outputs = LayerOutputs.of(model, Tensor.of(x, 2, 28, 28, 1));
        assertEquals(model.layers().size(), outputs.size());
        for (int i = 0; i < outputs.size(); i++) {
            int[] expected = model.layers().get(i).outputShape();
            assertEquals(expected.length + 1, outputs.get(i).rank());
            assertEquals(2, outputs.get(i).dim(0));
            assertFalse(outputs.get(i).requiresGrad(), "no graph is recorded");
        }
        assertArrayEquals(model.predict(Tensor.of(x, 2, 28, 28, 1)).data(), outputs.get(outputs.size() - 1).data());
    }

    @Test
    void findsLayersByNameAndListsTheNamesOtherwise() {
        Sequential model = BuiltinModels.create("keras-fashion", 28, 28, 1);
        assertEquals(2, LayerOutputs.indexOf(model, "conv2d_1"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LayerOutputs.indexOf(model, "x"));
        assertEquals("no layer named 'x': the model has conv2d, max_pooling2d, conv2d_1, max_pooling2d_1, flatten, "
                + "dense, dense_1", e.getMessage());
    }

    @Test
    void aGraphModelIsRefusedClearly() {
        Node in = Node.input(6, 6, 1);
        GraphModel model = GraphModel.of(in, new Conv2D(2, 3, ActivationFunction.RELU).apply(in));
        model.initialize(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LayerOutputs.of(model, Tensor.of(new float[36], 1, 6, 6, 1)));
        assertEquals("pictures of layers need a Sequential model, whose layers run one after another; this is a "
                + "GraphModel", e.getMessage());
        // The pictures that read layer outputs say the same, rather than showing something wrong.
        float[] pixels = new float[36];
        assertEquals(e.getMessage(), assertThrows(IllegalArgumentException.class,
                () -> FeatureMaps.draw(model, pixels)).getMessage());
        assertEquals(e.getMessage(), assertThrows(IllegalArgumentException.class,
                () -> GradCam.map(model, pixels, 0)).getMessage());
    }
}

package dev.fovea.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.kernel.Padding;
import dev.fovea.nn.Activation;
import dev.fovea.nn.ActivationFunction;
import dev.fovea.nn.Add;
import dev.fovea.nn.Conv2D;
import dev.fovea.nn.Layer;
import dev.fovea.nn.Node;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResidualBlockTest {
    private static List<String> types(GraphModel model) {
        return model.layers().stream().map(Layer::typeName).toList();
    }

    @Test
    void keepingTheShapeTheShortcutIsTheInputItself() {
        Node in = Node.input(6, 6, 4);
        Node out = ResidualBlock.basic(in, 4, 1);
        assertArrayEquals(new int[] {6, 6, 4}, out.shape());
        GraphModel model = GraphModel.of(in, out);
        assertEquals(List.of("Conv2D", "Conv2D", "Add", "Activation"), types(model));
        Node sum = out.inputs().get(0);
        assertTrue(sum.layer() instanceof Add);
        assertSame(in, sum.inputs().get(1), "the identity shortcut");
        assertEquals(2 * (3 * 3 * 4 * 4 + 4), model.parameters().stream().mapToInt(t -> t.size()).sum());
        Conv2D first = (Conv2D) model.layers().get(0);
        assertEquals(ActivationFunction.RELU, first.activation(), "the first ReLU runs fused in its convolution");
        assertEquals(ActivationFunction.LINEAR, ((Conv2D) model.layers().get(1)).activation());
    }

    @Test
    void changingTheShapeTheShortcutIsAStridedOneByOneConvolution() {
        Node in = Node.input(7, 7, 4);
        Node out = ResidualBlock.basic(in, 8, 2);
        assertArrayEquals(new int[] {4, 4, 8}, out.shape(), "SAME padding rounds 7 / 2 up");
        Conv2D shortcut = (Conv2D) out.inputs().get(0).inputs().get(1).layer();
        assertEquals(1, shortcut.kernelSize());
        assertEquals(2, shortcut.stride());
        assertEquals(8, shortcut.filters());
        assertEquals(Padding.SAME, shortcut.padding());
        assertArrayEquals(new int[] {6, 6, 8}, ResidualBlock.basic(Node.input(6, 6, 4), 8, 1).shape(),
                "more channels alone also need a projection");
        assertEquals(5, GraphModel.of(in, out).layers().size());
    }

    @Test
    void aNormalisationFollowsEveryConvolution() {
        // A stand-in for BatchNormalization: a layer of the same shape, made fresh for each place.
        Node in = Node.input(6, 6, 4);
        Node out = ResidualBlock.basic(in, 8, 2, () -> new Activation(ActivationFunction.LINEAR));
        GraphModel model = GraphModel.of(in, out);
        assertEquals(List.of("Conv2D", "Activation", "Activation", "Conv2D", "Activation", "Conv2D", "Activation",
                "Add", "Activation"), types(model));
        assertEquals(List.of("conv2d", "activation", "activation_1", "conv2d_1", "activation_2", "conv2d_2",
                "activation_3", "add", "activation_4"), model.layers().stream().map(Layer::name).toList());
        // No biases: the normalisation's shift takes their place.
        assertEquals(3 * 3 * 4 * 8 + 3 * 3 * 8 * 8 + 4 * 8, model.parameters().stream().mapToInt(t -> t.size()).sum());
        assertThrows(IllegalArgumentException.class, () -> ResidualBlock.basic(in, 8, 2, null));
    }

    @Test
    void needsAnImage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ResidualBlock.basic(Node.input(16), 4, 1));
        assertTrue(e.getMessage().contains("needs an image"), e.getMessage());
    }
}

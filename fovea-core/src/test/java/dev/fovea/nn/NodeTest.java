package dev.fovea.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.kernel.Padding;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeTest {
    private static Conv2D conv(int filters, int stride) {
        return new Conv2D(filters, 3, stride, Padding.SAME, ActivationFunction.RELU);
    }

    @Test
    void applyingALayerBuildsItAndGivesItsOutputShape() {
        Node in = Node.input(8, 8, 1);
        assertTrue(in.isInput());
        assertEquals("input_1", in.name());
        Conv2D layer = conv(4, 2);
        Node x = layer.apply(in);
        assertFalse(x.isInput());
        assertSame(layer, x.layer());
        assertEquals(List.of(in), x.inputs());
        assertArrayEquals(new int[] {4, 4, 4}, x.shape());
        assertArrayEquals(new int[] {8, 8, 1}, layer.inputShape());
        assertEquals(40, layer.parameterCount());
        assertThrows(IllegalStateException.class, in::layer);
    }

    @Test
    void layersGetKerasNamesUniqueInTheirGraph() {
        Node in = Node.input(8, 8, 1);
        Node a = conv(2, 1).apply(in);
        Node b = conv(2, 1).apply(a);
        Node sum = new Add().apply(a, b);
        assertEquals(List.of("conv2d", "conv2d_1", "add"), List.of(a.name(), b.name(), sum.name()));
        Node other = conv(2, 1).apply(Node.input("pixels", 8, 8, 1));
        assertEquals("conv2d", other.name(), "each graph names its own layers");
        assertEquals("pixels", other.inputs().get(0).name());
    }

    @Test
    void aShapeMismatchNamesTheLayersAndShapes() {
        Node in = Node.input(8, 8, 1);
        Node full = conv(4, 1).apply(in);
        Node half = conv(4, 2).apply(in);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Add().apply(full, half));
        assertEquals("layer add (Add) applied to conv2d (8, 8, 4) and conv2d_1 (4, 4, 4): "
                + "Add needs inputs of one shape, got (8, 8, 4) and (4, 4, 4)", e.getMessage());
        IllegalArgumentException dense = assertThrows(IllegalArgumentException.class, () -> new Dense(3).apply(full));
        assertTrue(dense.getMessage().startsWith("layer dense (Dense) applied to conv2d (8, 8, 4): Dense expects a vector"),
                dense.getMessage());
    }

    @Test
    void nodesOfTwoGraphsCannotBeMerged() {
        Node a = conv(2, 1).apply(Node.input(8, 8, 1));
        Node b = conv(2, 1).apply(Node.input(8, 8, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Add().apply(a, b));
        assertTrue(e.getMessage().contains("nodes of different graphs"), e.getMessage());
    }

    @Test
    void aLayerAppliedAgainSharesItselfAndNeedsTheSameShapes() {
        Node in = Node.input(6, 6, 2);
        Conv2D shared = new Conv2D(2, 3, 1, Padding.SAME, ActivationFunction.RELU);
        Node once = shared.apply(in);
        Node twice = shared.apply(once);
        assertSame(shared, twice.layer());
        assertEquals("conv2d", twice.name());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> shared.apply(new Flatten().apply(in)));
        assertTrue(e.getMessage().startsWith("layer conv2d (Conv2D) is built for inputs (6, 6, 2); applied again"),
                e.getMessage());
    }

    @Test
    void aNameTakenInTheGraphIsRefused() {
        Node in = Node.input(4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Dense(2).name("input_1").apply(in));
        assertTrue(e.getMessage().contains("'input_1' is already in the model"), e.getMessage());
        new Dense(2).name("head").apply(in);
        assertThrows(IllegalArgumentException.class, () -> new Dense(2).name("head").apply(in));
    }

    @Test
    void anOutputTooLargeForOneArrayIsRefused() {
        // Concatenating a node with itself doubles its channels: 1024 x 1024 x 2048 values make 2^31.
        Node x = Node.input(1024, 1024, 2);
        for (int i = 0; i < 9; i++) {
            x = new Concatenate().apply(x, x);
        }
        Node last = x;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Concatenate().apply(last, last));
        assertTrue(e.getMessage().contains(": its output of shape (1024, 1024, 2048) has more values per example than one array "
                + "holds"), e.getMessage());
        Node vector = Node.input(1 << 30);
        IllegalArgumentException channels = assertThrows(IllegalArgumentException.class,
                () -> new Concatenate().apply(vector, vector, vector));
        assertTrue(channels.getMessage().contains("Concatenate would have 3221225472 values on its last axis"),
                channels.getMessage());
    }

    @Test
    void anInputNeedsAShapeOfPositiveDimensions() {
        assertThrows(IllegalArgumentException.class, Node::input);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Node.input(28, 0, 1));
        assertTrue(e.getMessage().contains("(28, 0, 1)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Add().apply());
    }
}

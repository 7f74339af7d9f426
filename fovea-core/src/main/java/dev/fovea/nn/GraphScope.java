package dev.fovea.nn;

import dev.fovea.tensor.Shapes;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * What the nodes grown from one {@link Node#input} share while a graph is built: the layer names
 * taken (unique in the graph) and the layers applied so far.
 */
final class GraphScope {
    private final LayerNames names = new LayerNames();
    private final Set<Layer> applied = Collections.newSetFromMap(new IdentityHashMap<>());

    GraphScope(String inputName) {
        names.claim(inputName);
    }

    /**
     * Connects {@code layer} to inputs of {@code shapes} (described for messages by {@code inputs})
     * and returns its output shape: on its first application it is named and built, unless it was
     * built elsewhere; applying it again needs the shapes it was built for.
     */
    int[] connect(Layer layer, List<int[]> shapes, String inputs) {
        if (!applied.contains(layer)) {
            if (layer.outputShape() == null) {
                String name = names.claim(layer);
                layer.name(name);
                int[] out;
                try {
                    out = layer.build(shapes);
                } catch (IllegalArgumentException | ArithmeticException e) {
                    // ArithmeticException: a size past what one array can hold.
                    throw new IllegalArgumentException("layer " + name + " (" + layer.typeName() + ") applied to "
                            + inputs + ": " + e.getMessage(), e);
                }
                applied.add(layer);
                return out;
            }
            if (layer.name() == null) {
                throw new IllegalArgumentException(layer.typeName() + " was built outside any model; apply a new layer");
            }
            names.claim(layer); // built in another model: the two share its weights
            applied.add(layer);
        }
        List<int[]> built = layer.inputShapes();
        boolean same = built.size() == shapes.size();
        for (int i = 0; same && i < shapes.size(); i++) {
            same = Arrays.equals(built.get(i), shapes.get(i));
        }
        if (!same) {
            throw new IllegalArgumentException("layer " + layer.name() + " (" + layer.typeName() + ") is built for inputs "
                    + String.join(" and ", built.stream().map(Shapes::toString).toList())
                    + "; applied again (sharing its weights) it needs inputs of the same shapes, got " + inputs);
        }
        return layer.outputShape();
    }
}

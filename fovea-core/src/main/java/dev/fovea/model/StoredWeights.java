package dev.fovea.model;

import dev.fovea.FoveaException;
import dev.fovea.io.SafeTensorsFile;
import dev.fovea.nn.Layer;
import dev.fovea.tensor.Shapes;
import dev.fovea.tensor.Tensor;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * The layer weights of a model file, "layer/parameter": checked against the shapes the
 * architecture needs before a layer allocates anything, then copied into it.
 */
final class StoredWeights {
    private final Path file;
    private final SafeTensorsFile content;

    StoredWeights(Path file, SafeTensorsFile content) {
        this.file = file;
        this.content = content;
    }

    /** Throws unless the file holds each of {@code layerName}'s parameters with the given shape. */
    void require(String layerName, Map<String, int[]> shapes) {
        for (Map.Entry<String, int[]> p : shapes.entrySet()) {
            String name = layerName + "/" + p.getKey();
            if (!content.contains(name)) {
                throw new FoveaException(file + ": tensor '" + name + "' is missing (the architecture needs shape "
                        + Shapes.toString(p.getValue()) + ")");
            }
            if (!Arrays.equals(content.shape(name), p.getValue())) {
                throw new FoveaException(file + ": tensor '" + name + "' has shape "
                        + Shapes.toString(content.shape(name)) + ", the architecture needs "
                        + Shapes.toString(p.getValue()));
            }
        }
    }

    /** Copies the stored values of a built layer's parameters, checked by {@link #require}, into them. */
    void copyInto(Layer layer) {
        for (Map.Entry<String, Tensor> p : layer.parameters().entrySet()) {
            float[] stored = content.tensor(layer.name() + "/" + p.getKey()).data();
            System.arraycopy(stored, 0, p.getValue().data(), 0, stored.length);
        }
    }
}

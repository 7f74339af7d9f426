package dev.fovea.viz.activations;

import dev.fovea.kernel.Window2d;
import dev.fovea.model.Model;
import dev.fovea.nn.Conv2D;
import dev.fovea.nn.Layer;
import dev.fovea.nn.Pooling2D;
import dev.fovea.viz.LayerOutputs;
import dev.fovea.viz.ModelInput;
import java.util.Arrays;
import java.util.List;

/**
 * The input pixels a unit of a layer depends on, from the architecture alone: each convolution or
 * pooling window maps an output position to the input rows {@code o * stride - padTop} to
 * {@code o * stride - padTop + kernel - 1} (padding as the layer applies it: VALID, SAME or
 * explicit), and layers that act pixel by pixel (activations, dropout) keep positions as they are.
 *
 * <p>Going down layer by layer, each interval is clipped to the layer's input: a window that
 * reaches into padding sees zeros there, not pixels further out, so the result is exactly the set
 * of input pixels that can change the unit (tests perturb pixels to check it).
 */
public final class ReceptiveField {
    private ReceptiveField() {}

    /** The input rectangle that unit ({@code y}, {@code x}) of the layer called {@code layerName} depends on. */
    public static Region of(Model model, String layerName, int y, int x) {
        return of(model, LayerOutputs.indexOf(model, layerName), y, x);
    }

    /**
     * The input rectangle that unit ({@code y}, {@code x}) (any channel) of layer {@code layer}
     * depends on, clipped to the image.
     */
    public static Region of(Model model, int layer, int y, int x) {
        List<Layer> layers = LayerOutputs.layers(model);
        ModelInput.requireImageInput(model);
        int[] out = spatialOutput(layers, layer);
        if (y < 0 || y >= out[0] || x < 0 || x >= out[1]) {
            throw new IllegalArgumentException("unit (" + y + ", " + x + ") is outside layer " + layers.get(layer).name()
                    + "'s " + out[0] + "x" + out[1] + " output");
        }
        // Half-open intervals [rowFrom, rowTo) and [columnFrom, columnTo) in the current layer's output.
        int rowFrom = y;
        int rowTo = y + 1;
        int columnFrom = x;
        int columnTo = x + 1;
        for (int i = layer; i >= 0; i--) {
            Window2d w = window(layers.get(i));
            if (w != null) {
                rowFrom = w.firstRow(rowFrom);
                rowTo = w.endRow(rowTo - 1);
                columnFrom = w.firstColumn(columnFrom);
                columnTo = w.endColumn(columnTo - 1);
            }
        }
        return new Region(rowFrom, columnFrom, rowTo - rowFrom, columnTo - columnFrom);
    }

    /**
     * The side of a unit's field away from the borders (the textbook receptive field size) and
     * the distance in input pixels between neighbouring units (the product of the strides), for
     * layer {@code layer}: {size, stride}.
     */
    public static int[] sizeAndStride(Model model, int layer) {
        List<Layer> layers = LayerOutputs.layers(model);
        spatialOutput(layers, layer);
        int size = 1;
        int jump = 1;
        for (int i = 0; i <= layer; i++) {
            Window2d w = window(layers.get(i));
            if (w != null) {
                size += (w.kernelH() - 1) * jump;
                jump *= w.strideH();
            }
        }
        return new int[] {size, jump};
    }

    /** The layer's (height, width) output, checking that every layer up to it keeps images. */
    private static int[] spatialOutput(List<Layer> layers, int layer) {
        if (layer < 0 || layer >= layers.size()) {
            throw new IllegalArgumentException("layer " + layer + " is not in the model's 0.." + (layers.size() - 1));
        }
        for (int i = 0; i <= layer; i++) {
            Layer l = layers.get(i);
            int[] in = l.inputShape();
            int[] out = l.outputShape();
            if (out.length != 3) {
                throw new IllegalArgumentException("layer " + l.name() + " (" + l.typeName() + ") outputs "
                        + Arrays.toString(out) + ", not an image: each of its units sees the whole input");
            }
            boolean pointwise = Arrays.equals(in, out);
            if (window(l) == null && !pointwise) {
                throw new IllegalArgumentException("layer " + l.name() + " (" + l.typeName()
                        + ") changes the image size in a way receptive fields cannot follow");
            }
        }
        return layers.get(layer).outputShape();
    }

    /** The sliding window of a convolution or pooling layer, or null for a layer that acts pixel by pixel. */
    private static Window2d window(Layer layer) {
        int[] in = layer.inputShape();
        if (layer instanceof Conv2D c) {
            return Window2d.of(1, in[0], in[1], in[2], c.kernelSize(), c.kernelSize(), c.stride(), c.stride(),
                    c.padding());
        }
        if (layer instanceof Pooling2D p) {
            return Window2d.of(1, in[0], in[1], in[2], p.poolSize(), p.poolSize(), p.stride(), p.stride(),
                    p.padding());
        }
        return null;
    }
}

package dev.fovea.viz.filters;

import dev.fovea.nn.Conv2D;
import dev.fovea.nn.Layer;
import dev.fovea.nn.Network;
import java.util.Arrays;

/**
 * A copy of a convolution layer's kernel [KH, KW, C, F]: F filters of KH x KW over C input
 * channels. {@code imageInput} says whether the layer reads the network's input image, whose 1 or
 * 3 channels are drawn as grey or colour.
 */
public record ConvKernel(String layerName, int height, int width, int channels, int filters, float[] weights,
                         boolean imageInput) {
    public ConvKernel {
        if (weights.length != height * width * channels * filters) {
            throw new IllegalArgumentException("a " + height + "x" + width + "x" + channels + "x" + filters
                    + " kernel has " + (height * width * channels * filters) + " weights, got " + weights.length);
        }
        weights = weights.clone();
    }

    /** A copy of {@code layer}'s current kernel; it reads the image when its input is the network's input. */
    public static ConvKernel of(Network network, Conv2D layer) {
        int[] shape = layer.parameters().get("kernel").shape();
        boolean image = Arrays.equals(layer.inputShape(), network.inputShape());
        return new ConvKernel(layer.name(), shape[0], shape[1], shape[2], shape[3],
                layer.parameters().get("kernel").data(), image);
    }

    /** The named Conv2D layer of {@code network}, or its first Conv2D layer when {@code name} is null. */
    public static Conv2D layer(Network network, String name) {
        for (Layer layer : network.layers()) {
            if (layer instanceof Conv2D conv && (name == null || conv.name().equals(name))) {
                return conv;
            }
        }
        throw new IllegalArgumentException(name == null ? "the model has no Conv2D layer"
                : "the model has no Conv2D layer named '" + name + "'");
    }

    @Override
    public float[] weights() {
        return weights.clone();
    }

    /** The weight at row {@code y}, column {@code x}, input channel {@code c} of filter {@code f}. */
    public float weight(int y, int x, int c, int f) {
        return weights[((y * width + x) * channels + c) * filters + f];
    }

    /** Whether a filter is drawn as one grey (1 channel) or colour (3 channels) picture. */
    public boolean drawnAsImage() {
        return imageInput && (channels == 1 || channels == 3);
    }
}

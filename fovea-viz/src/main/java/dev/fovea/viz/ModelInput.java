package dev.fovea.viz;

import dev.fovea.data.ImageSource;
import dev.fovea.model.Model;
import dev.fovea.tensor.Shapes;
import dev.fovea.tensor.Tensor;

/**
 * Images as pictures take them: raw pixel values 0-255 in HWC order (what
 * {@link dev.fovea.image.ImageFiles#read} returns), scaled for the network by the model's own
 * {@link dev.fovea.data.InputScaling}, as {@link Model#predictPixels} does.
 */
public final class ModelInput {
    private ModelInput() {}

    /** Image {@code index} of {@code data} as raw pixel values 0-255, HWC. */
    public static float[] pixels(ImageSource data, int index) {
        byte[] bytes = new byte[data.imageSize()];
        data.read(index, bytes, 0);
        float[] pixels = new float[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            pixels[i] = bytes[i] & 0xFF;
        }
        return pixels;
    }

    /** One image of raw pixels as the batch of one [1, H, W, C] the model takes, scaled. */
    public static Tensor scaled(Model model, float[] pixels) {
        int[] in = model.inputShape();
        requireImageInput(model);
        if (pixels.length != in[0] * in[1] * in[2]) {
            throw new IllegalArgumentException("the image has " + pixels.length + " values, the model expects "
                    + Shapes.toString(in) + " = " + (in[0] * in[1] * in[2]));
        }
        if (model.inputScaling().needsStatistics()) {
            throw new IllegalArgumentException("the model's " + model.inputScaling() + " input scaling has no statistics "
                    + "of its training data yet: use a trained model");
        }
        float[] scaled = new float[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            scaled[i] = model.inputScaling().scale(pixels[i], i);
        }
        return Tensor.of(scaled, 1, in[0], in[1], in[2]);
    }

    /** Throws unless the model takes images (height, width, channels). */
    public static void requireImageInput(Model model) {
        if (model.inputShape().length != 3) {
            throw new IllegalArgumentException("pictures need a model of images (height, width, channels), this one takes "
                    + Shapes.toString(model.inputShape()));
        }
    }
}

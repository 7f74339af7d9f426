package dev.fovea.viz.attribution;

import dev.fovea.model.Model;
import dev.fovea.nn.Conv2D;
import dev.fovea.nn.Layer;
import dev.fovea.tensor.Tensor;
import dev.fovea.viz.LayerOutputs;
import dev.fovea.viz.PredictedClasses;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Selvaraju et al.'s Grad-CAM over a convolution layer's output A (by default the last Conv2D,
 * after its activation): each channel k weighs alpha_k = the mean over positions of
 * d score / d A_k; the map is ReLU(sum_k alpha_k A_k), resized bilinearly to the image
 * ({@link HeatMaps#upsample}) and divided by its maximum. The score is the logit (see
 * {@link ClassScore}).
 */
public final class GradCam {
    private GradCam() {}

    /** The index of the model's last Conv2D layer. */
    public static int lastConvLayer(Model model) {
        List<Layer> layers = LayerOutputs.layers(model);
        for (int i = layers.size() - 1; i >= 0; i--) {
            if (layers.get(i) instanceof Conv2D) {
                return i;
            }
        }
        throw new IllegalArgumentException("Grad-CAM needs a Conv2D layer; the model has none");
    }

    /** ReLU(sum_k alpha_k A_k) at layer {@code layer}'s resolution (h x w), before resizing or normalising. */
    public static float[] coarse(Model model, float[] pixels, int classIndex, int layer) {
        int[] shape = LayerOutputs.layers(model).get(layer).outputShape();
        if (shape.length != 3) {
            throw new IllegalArgumentException("Grad-CAM needs a layer with an image output, layer " + layer
                    + " outputs " + dev.fovea.tensor.Shapes.toString(shape));
        }
        ClassScore.Gradients g = ClassScore.of(model, pixels, classIndex, layer);
        Tensor a = g.features();
        int positions = shape[0] * shape[1];
        int channels = shape[2];
        double[] alpha = new double[channels];
        for (int p = 0; p < positions; p++) {
            for (int k = 0; k < channels; k++) {
                alpha[k] += g.featureGradient()[p * channels + k];
            }
        }
        float[] map = new float[positions];
        for (int p = 0; p < positions; p++) {
            double sum = 0;
            for (int k = 0; k < channels; k++) {
                sum += alpha[k] / positions * a.data()[p * channels + k];
            }
            map[p] = (float) Math.max(0, sum);
        }
        return map;
    }

    /** The Grad-CAM map over the last Conv2D layer: one value in [0, 1] per input pixel (H x W). */
    public static float[] map(Model model, float[] pixels, int classIndex) {
        return map(model, pixels, classIndex, lastConvLayer(model));
    }

    /** The Grad-CAM map over layer {@code layer}: one value in [0, 1] per input pixel (H x W). */
    public static float[] map(Model model, float[] pixels, int classIndex, int layer) {
        int[] shape = LayerOutputs.layers(model).get(layer).outputShape();
        int[] in = model.inputShape();
        return HeatMaps.normalised(HeatMaps.upsample(coarse(model, pixels, classIndex, layer), shape[0], shape[1],
                in[0], in[1]));
    }

    /** Image, Grad-CAM map and overlay for the class the model predicts. */
    public static BufferedImage draw(Model model, float[] pixels) {
        return draw(model, pixels, PredictedClasses.of(model, pixels));
    }

    /** Image, Grad-CAM map (over the last Conv2D layer) and overlay for class {@code classIndex}. */
    public static BufferedImage draw(Model model, float[] pixels, int classIndex) {
        int layer = lastConvLayer(model);
        return HeatMaps.sheet("Grad-CAM for " + Saliency.className(model, classIndex) + " over "
                        + model.layers().get(layer).name(),
                "ReLU(channels weighted by their mean d logit / d channel), resized, over its maximum", pixels, model.inputShape(), map(model, pixels, classIndex, layer)).render();
    }
}

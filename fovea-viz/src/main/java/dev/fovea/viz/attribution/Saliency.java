package dev.fovea.viz.attribution;

import dev.fovea.model.Model;
import dev.fovea.viz.PredictedClasses;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Simonyan et al.'s saliency map: how strongly each pixel moves a class's score, |d score / d x|
 * at the network's (scaled) input, the largest over the channels, divided by its maximum so the
 * most telling pixel is 1. The score is the logit (see {@link ClassScore}).
 */
public final class Saliency {
    private Saliency() {}

    /** d score / d input for an image of raw pixels (HWC), with respect to the scaled input the network sees. */
    public static float[] gradient(Model model, float[] pixels, int classIndex) {
        return ClassScore.of(model, pixels, classIndex, -1).input();
    }

    /** The saliency map, one value in [0, 1] per pixel (H x W). */
    public static float[] map(Model model, float[] pixels, int classIndex) {
        float[] g = gradient(model, pixels, classIndex);
        int channels = model.inputShape()[2];
        float[] map = new float[g.length / channels];
        for (int p = 0; p < map.length; p++) {
            for (int c = 0; c < channels; c++) {
                map[p] = Math.max(map[p], Math.abs(g[p * channels + c]));
            }
        }
        return HeatMaps.normalised(map);
    }

    /** Image, saliency map and overlay for the class the model predicts. */
    public static BufferedImage draw(Model model, float[] pixels) {
        return draw(model, pixels, PredictedClasses.of(model, pixels));
    }

    /** Image, saliency map and overlay for class {@code classIndex}. */
    public static BufferedImage draw(Model model, float[] pixels, int classIndex) {
        return HeatMaps.sheet("Saliency for " + className(model, classIndex),
                "|d logit / d pixel|, largest over channels, over its maximum",
                pixels, model.inputShape(), map(model, pixels, classIndex)).render();
    }

    static String className(Model model, int classIndex) {
        List<String> names = model.classNames();
        return classIndex < names.size() ? "'" + names.get(classIndex) + "'" : "class " + classIndex;
    }
}

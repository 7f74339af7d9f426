package dev.fovea.viz.report;

import dev.fovea.data.ImageSource;
import dev.fovea.model.Model;
import dev.fovea.nn.Conv2D;
import dev.fovea.nn.Layer;
import dev.fovea.viz.LayerOutputs;
import dev.fovea.viz.activations.ReceptiveField;
import dev.fovea.viz.activations.TopActivation;
import dev.fovea.viz.activations.TopActivations;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Zeiler and Fergus's view of what channels respond to: for a few channels of the first and the
 * last convolution layer, the image patches (receptive fields) that excite them most.
 */
final class PatchesSection {
    /** Channels shown per layer. */
    static final int CHANNELS = 4;

    private PatchesSection() {}

    /** {@code images}: where to look for the patches (the caller caps their number: every image is run). */
    static Section of(Model model, ImageSource images, String split) {
        List<Layer> layers = LayerOutputs.layers(model);
        List<Integer> shown = convLayers(layers);
        StringBuilder fields = new StringBuilder();
        StringBuilder body = new StringBuilder();
        for (int layer : shown) {
            int[] sizeAndStride = ReceptiveField.sizeAndStride(model, layer);
            String name = Html.escape(layers.get(layer).name());
            fields.append(String.format(Locale.ROOT, "%s units of <code>%s</code> see %dx%d pixels%s",
                    fields.length() == 0 ? "Here" : "; the", name, sizeAndStride[0], sizeAndStride[0],
                    sizeAndStride[1] > 1 ? " and neighbouring units are " + sizeAndStride[1] + " pixels apart" : ""));
            body.append("<h3><code>").append(name).append("</code>: receptive field ").append(sizeAndStride[0])
                    .append("x").append(sizeAndStride[0]).append("</h3>\n")
                    .append(Html.figure(Html.img(TopActivations.sheet(model, images, layer, channels(model, images,
                                    layer), TopActivations.DEFAULT_COUNT).render(), "top patches of layer " + name),
                            ""));
        }
        return new Section("patches", "What excites a channel",
                "A unit of a feature map does not see the whole image, only the pixels that can reach it through "
                        + "the layers below: its <em>receptive field</em>. In the first layer that is the filter's "
                        + "window; every further convolution or pooling widens it. " + fields + ". For a few "
                        + "channels of each layer, these are the " + TopActivations.DEFAULT_COUNT + " images (of "
                        + String.format(Locale.ROOT, "%,d", images.size()) + " " + Html.escape(split)
                        + " images) in which the channel responds most strongly, each cropped to the receptive "
                        + "field of its strongest unit: what that channel has learned to look for. Deeper channels "
                        + "see more and respond to larger, more specific patterns.",
                body.toString());
    }

    /** The first and the last Conv2D layer (one when they are the same). */
    private static List<Integer> convLayers(List<Layer> layers) {
        List<Integer> conv = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i) instanceof Conv2D) {
                conv.add(i);
            }
        }
        if (conv.isEmpty()) {
            throw new IllegalArgumentException("the model has no Conv2D layer");
        }
        return conv.size() == 1 ? conv : List.of(conv.get(0), conv.get(conv.size() - 1));
    }

    /**
     * {@value #CHANNELS} channels spread evenly over those that respond at all (strongest activation
     * above 0) in {@code images}; a channel that never does would show arbitrary patches.
     */
    static int[] channels(Model model, ImageSource images, int layer) {
        int count = LayerOutputs.layers(model).get(layer).outputShape()[2];
        int[] all = new int[count];
        for (int k = 0; k < count; k++) {
            all[k] = k;
        }
        List<List<TopActivation>> best = TopActivations.find(model, images, layer, all, 1);
        List<Integer> alive = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            if (!best.get(k).isEmpty() && best.get(k).get(0).value() > 0) {
                alive.add(k);
            }
        }
        List<Integer> pool = alive.isEmpty() ? List.of(0) : alive;
        int shown = Math.min(CHANNELS, pool.size());
        int[] chosen = new int[shown];
        for (int i = 0; i < shown; i++) {
            chosen[i] = pool.get(i * pool.size() / shown);
        }
        return chosen;
    }
}

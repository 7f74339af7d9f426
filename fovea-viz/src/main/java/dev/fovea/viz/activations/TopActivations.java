package dev.fovea.viz.activations;

import dev.fovea.data.Batch;
import dev.fovea.data.DataLoader;
import dev.fovea.data.ImageSource;
import dev.fovea.model.Model;
import dev.fovea.nn.Layer;
import dev.fovea.tensor.NoGrad;
import dev.fovea.tensor.Shapes;
import dev.fovea.tensor.Tensor;
import dev.fovea.viz.LayerOutputs;
import dev.fovea.viz.ModelInput;
import dev.fovea.viz.Sheet;
import dev.fovea.viz.TileImages;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Zeiler and Fergus's view of what a channel responds to: over a dataset, the images in which the
 * channel's strongest unit is highest, each cropped to that unit's {@link ReceptiveField}.
 *
 * <p>Each image counts once per channel, at its strongest position (the first in row-major order
 * on ties); images are ranked by that value, the earlier image first on ties.
 */
public final class TopActivations {
    /** Images per channel, as in Zeiler and Fergus's figures. */
    public static final int DEFAULT_COUNT = 9;
    /** Smallest side of a patch tile, in pixels. */
    public static final int MIN_PATCH_PIXELS = 48;
    private static final int BATCH = 64;

    private TopActivations() {}

    /** The sheet for the layer called {@code layerName}: the top {@value #DEFAULT_COUNT} patches of each of {@code channels}. */
    public static BufferedImage draw(Model model, ImageSource data, String layerName, int... channels) {
        return sheet(model, data, LayerOutputs.indexOf(model, layerName), channels, DEFAULT_COUNT).render();
    }

    /** One section per channel, its top {@code count} patches in order, labelled with image index and activation. */
    public static Sheet sheet(Model model, ImageSource data, int layer, int[] channels, int count) {
        List<List<TopActivation>> top = find(model, data, layer, channels, count);
        Layer l = LayerOutputs.layers(model).get(layer);
        int[] sizeAndStride = ReceptiveField.sizeAndStride(model, layer);
        int field = Math.min(sizeAndStride[0], Math.max(data.height(), data.width()));
        int scale = TileImages.factorFor(field, MIN_PATCH_PIXELS);
        Sheet sheet = new Sheet(l.name() + " (" + l.typeName() + "): the " + count
                + " images that excite each channel most")
                .note("Each patch: the receptive field (" + field + "x" + field
                        + " pixels, clipped at the border) of the image's strongest unit.")
                .note("Under it: the image's index in the dataset and the activation.");
        for (int k = 0; k < channels.length; k++) {
            List<BufferedImage> tiles = new ArrayList<>();
            List<List<String>> labels = new ArrayList<>();
            for (TopActivation hit : top.get(k)) {
                tiles.add(patch(data, hit, scale));
                labels.add(List.of("#" + hit.image(), String.format(Locale.ROOT, "%.3g", hit.value())));
            }
            if (tiles.isEmpty()) {
                continue;
            }
            sheet.section("channel " + channels[k], tiles, labels, count);
        }
        return sheet;
    }

    /** The receptive field of {@code hit} cut from its image, raw pixels, enlarged {@code scale} times. */
    public static BufferedImage patch(ImageSource data, TopActivation hit, int scale) {
        float[] pixels = ModelInput.pixels(data, hit.image());
        Region r = hit.field();
        int c = data.channels();
        float[] crop = new float[r.height() * r.width() * c];
        for (int y = 0; y < r.height(); y++) {
            System.arraycopy(pixels, ((r.top() + y) * data.width() + r.left()) * c, crop, y * r.width() * c,
                    r.width() * c);
        }
        return TileImages.pixels(crop, r.height(), r.width(), c, scale);
    }

    /**
     * For each of {@code channels} of layer {@code layer}, the {@code count} images of {@code data}
     * in which it is strongest, best first (fewer when the dataset is smaller).
     */
    public static List<List<TopActivation>> find(Model model, ImageSource data, int layer, int[] channels, int count) {
        int[] in = model.inputShape();
        if (in.length != 3 || in[0] != data.height() || in[1] != data.width() || in[2] != data.channels()) {
            throw new IllegalArgumentException("dataset " + data.name() + " has " + data.height() + "x" + data.width()
                    + "x" + data.channels() + " images, the model expects " + Shapes.toString(in));
        }
        if (count < 1) {
            throw new IllegalArgumentException("ask for at least one image per channel, got " + count);
        }
        int[] out = LayerOutputs.layers(model).get(layer).outputShape();
        ReceptiveField.sizeAndStride(model, layer); // fails early for a layer without an image output
        for (int channel : channels) {
            if (channel < 0 || channel >= out[2]) {
                throw new IllegalArgumentException("channel " + channel + " is not in the layer's 0.." + (out[2] - 1));
            }
        }
        List<List<TopActivation>> best = new ArrayList<>();
        for (int k = 0; k < channels.length; k++) {
            best.add(new ArrayList<>());
        }
        int first = 0;
        for (Batch batch : DataLoader.inOrder(data, BATCH, model.inputScaling())) {
            Tensor maps;
            try (NoGrad scope = NoGrad.enter()) {
                List<Tensor> outputs = LayerOutputs.upTo(model, batch.images(), layer);
                maps = outputs.get(layer);
            }
            for (int n = 0; n < batch.size(); n++) {
                for (int k = 0; k < channels.length; k++) {
                    offer(best.get(k), strongest(model, layer, maps, n, channels[k], first + n), count);
                }
            }
            first += batch.size();
        }
        return best;
    }

    /** The strongest unit of {@code channel} in image {@code n} of a batch of maps [N, H, W, C]. */
    private static TopActivation strongest(Model model, int layer, Tensor maps, int n, int channel, int image) {
        int h = maps.dim(1);
        int w = maps.dim(2);
        int c = maps.dim(3);
        float[] v = maps.data();
        int base = n * h * w * c + channel;
        int bestPosition = 0;
        for (int p = 1; p < h * w; p++) {
            if (v[base + p * c] > v[base + bestPosition * c]) {
                bestPosition = p;
            }
        }
        int y = bestPosition / w;
        int x = bestPosition % w;
        return new TopActivation(image, y, x, v[base + bestPosition * c], ReceptiveField.of(model, layer, y, x));
    }

    /** Inserts {@code hit} into the descending list if it ranks among the first {@code count}; ties keep earlier images first. */
    private static void offer(List<TopActivation> list, TopActivation hit, int count) {
        int at = list.size();
        while (at > 0 && list.get(at - 1).value() < hit.value()) {
            at--;
        }
        if (at < count) {
            list.add(at, hit);
            if (list.size() > count) {
                list.remove(count);
            }
        }
    }
}

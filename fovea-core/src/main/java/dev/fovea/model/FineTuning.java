package dev.fovea.model;

import dev.fovea.io.Json;
import dev.fovea.nn.ActivationFunction;
import dev.fovea.nn.Dense;
import dev.fovea.nn.Layer;
import dev.fovea.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Transfer learning: reuse a trained network's layers on a new task. Freeze the layers that
 * learned general features ({@link #freezeUntil}), put a fresh classifier for the new classes on
 * top ({@link #withNewHead}), then fit: only the unfrozen layers change.
 */
public final class FineTuning {
    private FineTuning() {}

    /**
     * Freezes layer {@code lastFrozen} of {@code model} and every layer its output is computed from
     * (their weights stay exactly as they are through training), and unfreezes the rest: in a
     * {@link Sequential} model, the layers from the first up to and including {@code lastFrozen};
     * in a {@link GraphModel}, what feeds it on every path, shortcuts included.
     */
    public static <M extends Model> M freezeUntil(M model, String lastFrozen) {
        List<Layer> layers = model.layers();
        List<Layer> frozen = model instanceof GraphModel graph ? graph.layersFeeding(lastFrozen)
                : layers.subList(0, indexOf(model, lastFrozen) + 1);
        for (Layer layer : layers) {
            layer.trainable(!frozen.contains(layer));
        }
        return model;
    }

    /**
     * A new model (for {@link Sequential} models only): {@code base}'s layers up to (not including) its last Dense layer, with copies of
     * their weights, frozen state, input scaling and crop, then a new softmax Dense layer for
     * {@code classes} classes initialised from {@code seed}. {@code base} is left unchanged.
     */
    public static Sequential withNewHead(Sequential base, int classes, long seed) {
        if (classes < 2) {
            throw new IllegalArgumentException("a classifier needs at least 2 classes, got " + classes);
        }
        List<Layer> layers = base.layers();
        int head = layers.size() - 1;
        while (head >= 0 && !(layers.get(head) instanceof Dense)) {
            head--;
        }
        if (head < 0) {
            throw new IllegalArgumentException("the model has no Dense layer to replace");
        }
        Sequential model = new Sequential(base.inputShape());
        for (Layer layer : layers.subList(0, head)) {
            // Through JSON, as a model file would carry it: LayerConfigs reads JSON's number types.
            Layer copy = LayerConfigs.create(layer.typeName(), Json.parseObject(Json.write(layer.config())))
                    .name(layer.name());
            model.add(copy);
            copy.trainable(layer.trainable());
            copyWeights(layer, copy);
        }
        Dense newHead = new Dense(classes, ActivationFunction.SOFTMAX);
        model.add(newHead);
        newHead.initialize(new SplittableRandom(seed));
        model.inputScaling(base.inputScaling());
        model.inputCrop(base.inputCrop());
        return model;
    }

    private static void copyWeights(Layer from, Layer to) {
        Map<String, Tensor> source = from.parameters();
        Map<String, Tensor> target = to.parameters();
        for (Map.Entry<String, Tensor> p : source.entrySet()) {
            float[] values = p.getValue().data();
            System.arraycopy(values, 0, target.get(p.getKey()).data(), 0, values.length);
        }
    }

    private static int indexOf(Model model, String layerName) {
        List<Layer> layers = model.layers();
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i).name().equals(layerName)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no layer named '" + layerName + "'; the layers are "
                + layers.stream().map(Layer::name).toList());
    }
}

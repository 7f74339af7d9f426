package dev.fovea.model;

import dev.fovea.FoveaException;
import dev.fovea.data.InputScaling;
import dev.fovea.image.Crop;
import dev.fovea.io.Json;
import dev.fovea.io.JsonException;
import dev.fovea.io.SafeTensors;
import dev.fovea.io.SafeTensorsFile;
import dev.fovea.io.SizeLimits;
import dev.fovea.io.TensorData;
import dev.fovea.nn.Layer;
import dev.fovea.tensor.Shapes;
import dev.fovea.tensor.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The model file: safetensors, so Python tools read the weights as they are. Tensors are named
 * "layer/parameter" (e.g. "conv2d/kernel", in Fovea's layouts: conv kernels [KH, KW, C, F], dense
 * kernels [IN, OUT]); the mean image of mean-image scaling is "input_scaling/mean_image".
 * {@code __metadata__} holds strings: "format" ("fovea-model"), "format_version", "architecture"
 * (JSON: model class, input shape, layers with type, name, trainable and config; a graph model's
 * layers also list the nodes they read, see {@link GraphArchitecture}), "class_names"
 * (a JSON list), "input_crop" (none or center: how images of another shape are fitted to the
 * input) and "input_scaling" (unit, centered, mean_image or standardize); standardize
 * keeps its per-channel statistics in "input_scaling/channel_mean" and "input_scaling/channel_std".
 */
final class ModelFile {
    static final String FORMAT = "fovea-model";
    static final String VERSION = "1";
    private static final String MEAN_IMAGE = "input_scaling/mean_image";
    private static final String CHANNEL_MEAN = "input_scaling/channel_mean";
    private static final String CHANNEL_STD = "input_scaling/channel_std";
    /** Bound on one example's input values (a 4096x4096 RGB image), so a loaded model can be fed. */
    private static final long MAX_INPUT_VALUES = 4096L * 4096 * 3;

    private ModelFile() {}

    static void write(Model model, Path file) {
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        describe(model, tensors, metadata);
        SafeTensors.write(file, tensors, metadata);
    }

    /** Puts what a model file holds of {@code model} into {@code tensors} and {@code metadata}. */
    static void describe(Model model, Map<String, TensorData> tensors, Map<String, String> metadata) {
        for (Layer layer : model.layers()) {
            for (Map.Entry<String, Tensor> p : layer.parameters().entrySet()) {
                Tensor t = p.getValue();
                tensors.put(layer.name() + "/" + p.getKey(), new TensorData(t.shape(), t.data().clone()));
            }
        }
        InputScaling scaling = model.inputScaling();
        if (scaling.needsStatistics()) {
            throw new IllegalStateException(scaling + " input scaling has no statistics yet: fit the model first");
        }
        if (scaling.kind() == InputScaling.Kind.MEAN_IMAGE) {
            tensors.put(MEAN_IMAGE, new TensorData(model.inputShape(), scaling.meanImage()));
        }
        if (scaling.kind() == InputScaling.Kind.STANDARDIZE) {
            float[] mean = scaling.channelMean();
            tensors.put(CHANNEL_MEAN, new TensorData(new int[] {mean.length}, mean));
            tensors.put(CHANNEL_STD, new TensorData(new int[] {mean.length}, scaling.channelStd()));
        }
        metadata.put("format", FORMAT);
        metadata.put("format_version", VERSION);
        metadata.put("architecture", Json.write(architecture(model)));
        metadata.put("class_names", Json.write(model.classNames()));
        metadata.put("input_scaling", scaling.toString());
        metadata.put("input_crop", model.inputCrop().name().toLowerCase(Locale.ROOT));
    }

    private static Map<String, Object> architecture(Model model) {
        if (model instanceof GraphModel graph) {
            return GraphArchitecture.describe(graph);
        }
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("class", "Sequential");
        a.put("input_shape", toList(model.inputShape()));
        List<Object> layers = new ArrayList<>();
        for (Layer layer : model.layers()) {
            layers.add(describe(layer));
        }
        a.put("layers", layers);
        return a;
    }

    /** A layer's entry in the architecture: type, name, trainable and config. */
    static Map<String, Object> describe(Layer layer) {
        Map<String, Object> l = new LinkedHashMap<>();
        l.put("type", layer.typeName());
        l.put("name", layer.name());
        l.put("trainable", layer.trainable());
        l.put("config", layer.config());
        return l;
    }

    static Model read(Path file) {
        return read(file, SafeTensors.read(file));
    }

    /** The model in {@code content}, read from {@code file}; other tensors and metadata fields are ignored. */
    static Model read(Path file, SafeTensorsFile content) {
        Map<String, String> metadata = content.metadata();
        String format = metadata.get("format");
        if (!FORMAT.equals(format)) {
            throw new FoveaException(file + ": metadata field 'format' is " + quote(format) + ", expected \""
                    + FORMAT + "\" (is this a Fovea model file?)");
        }
        if (!VERSION.equals(metadata.get("format_version"))) {
            throw new FoveaException(file + ": metadata field 'format_version' is "
                    + quote(metadata.get("format_version")) + ", this Fovea reads version " + VERSION);
        }
        Model model = rebuild(file, content, parseJsonField(file, metadata, "architecture"));
        model.classNames(classNames(file, required(file, metadata, "class_names")));
        model.inputScaling(scaling(file, content, required(file, metadata, "input_scaling"), model.inputShape()));
        model.inputCrop(crop(file, metadata.getOrDefault("input_crop", "none")));
        return model;
    }

    /** Builds the model the architecture describes, each layer checked against the file's tensors before it allocates. */
    private static Model rebuild(Path file, SafeTensorsFile content, Map<String, Object> architecture) {
        StoredWeights weights = new StoredWeights(file, content);
        try {
            Object kind = architecture.get("class");
            if (!"Sequential".equals(kind) && !GraphArchitecture.CLASS.equals(kind)) {
                throw new IllegalArgumentException("'class' is " + kind + ", expected \"Sequential\" or \""
                        + GraphArchitecture.CLASS + "\"");
            }
            int[] inputShape = toIntArray(architecture.get("input_shape"), "input_shape");
            if (Shapes.size(inputShape) > MAX_INPUT_VALUES) {
                throw new IllegalArgumentException("'input_shape' " + Shapes.toString(inputShape) + " has more than "
                        + MAX_INPUT_VALUES + " values per example");
            }
            if (!(architecture.get("layers") instanceof List<?> layers)) {
                throw new IllegalArgumentException("'layers' must be a list");
            }
            return "Sequential".equals(kind) ? rebuildSequential(inputShape, layers, weights)
                    : GraphArchitecture.rebuild(architecture, inputShape, layers, weights);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new FoveaException(file + ": metadata field 'architecture' is invalid: " + e.getMessage(), e);
        }
    }

    /** Adds the layers one by one, each checked against the file's tensors before it allocates. */
    private static Sequential rebuildSequential(int[] inputShape, List<?> layers, StoredWeights weights) {
        Sequential model = new Sequential(inputShape);
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layer(layers.get(i), i);
            weights.require(layer.name(), layer.parameterShapesFor(model.outputShape()));
            model.add(layer);
            SizeLimits.requireLayerOutput(layer.name(), model.outputShape());
            weights.copyInto(layer);
        }
        return model;
    }

    /**
     * Entry {@code index} of the architecture's "layers" (type, name, trainable and config) as a
     * layer, not yet built.
     */
    static Layer layer(Object entry, int index) {
        if (!(entry instanceof Map<?, ?> l) || !(l.get("type") instanceof String type)
                || !(l.get("name") instanceof String name) || !(l.get("config") instanceof Map<?, ?> config)) {
            throw new IllegalArgumentException("layer " + index + " needs a string 'type', a string 'name' and a 'config' object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> typed = (Map<String, Object>) config;
        Layer layer;
        try {
            layer = LayerConfigs.create(type, typed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("layer " + index + " (" + name + "): " + e.getMessage(), e);
        }
        return layer.name(name).trainable(!Boolean.FALSE.equals(l.get("trainable")));
    }

    private static List<String> classNames(Path file, String json) {
        Object parsed;
        try {
            parsed = Json.parse(json);
        } catch (JsonException e) {
            throw new FoveaException(file + ": metadata field 'class_names' is not valid JSON: " + e.getMessage());
        }
        List<String> names = new ArrayList<>();
        if (parsed instanceof List<?> list) {
            for (Object o : list) {
                if (!(o instanceof String s)) {
                    names = null;
                    break;
                }
                names.add(s);
            }
        } else {
            names = null;
        }
        if (names == null) {
            throw new FoveaException(file + ": metadata field 'class_names' must be a JSON list of strings, got " + json);
        }
        return names;
    }

    private static InputScaling scaling(Path file, SafeTensorsFile content, String kind, int[] inputShape) {
        InputScaling.Kind parsed;
        try {
            parsed = InputScaling.parseKind(kind);
        } catch (IllegalArgumentException e) {
            throw new FoveaException(file + ": metadata field 'input_scaling': " + e.getMessage());
        }
        switch (parsed) {
            case UNIT: return InputScaling.unit();
            case CENTERED: return InputScaling.centered();
            case MEAN_IMAGE: return InputScaling.meanImage(scalingTensor(file, content, MEAN_IMAGE, inputShape));
            case STANDARDIZE: {
                int[] perChannel = {inputShape[inputShape.length - 1]};
                float[] mean = scalingTensor(file, content, CHANNEL_MEAN, perChannel);
                float[] std = scalingTensor(file, content, CHANNEL_STD, perChannel);
                try {
                    return InputScaling.standardize(mean, std);
                } catch (IllegalArgumentException e) {
                    throw new FoveaException(file + ": tensor '" + CHANNEL_STD + "': " + e.getMessage());
                }
            }
            default: throw new AssertionError(parsed);
        }
    }

    /** The optional "input_crop" field: files written before it existed stretched whole images, as "none" does. */
    private static Crop crop(Path file, String text) {
        for (Crop crop : Crop.values()) {
            if (crop.name().toLowerCase(Locale.ROOT).equals(text)) {
                return crop;
            }
        }
        throw new FoveaException(file + ": metadata field 'input_crop' is " + quote(text) + ", expected none or center");
    }

    /** The values of a statistics tensor of input scaling {@code kind}, which must have shape {@code shape}. */
    private static float[] scalingTensor(Path file, SafeTensorsFile content, String name, int[] shape) {
        if (!content.contains(name)) {
            throw new FoveaException(file + ": the input scaling needs tensor '" + name + "', which is missing");
        }
        TensorData tensor = content.tensor(name);
        if (!Arrays.equals(tensor.shape(), shape)) {
            throw new FoveaException(file + ": tensor '" + name + "' has shape " + Shapes.toString(tensor.shape())
                    + ", expected " + Shapes.toString(shape));
        }
        return tensor.data();
    }

    private static Map<String, Object> parseJsonField(Path file, Map<String, String> metadata, String key) {
        try {
            return Json.parseObject(required(file, metadata, key));
        } catch (JsonException e) {
            throw new FoveaException(file + ": metadata field '" + key + "' is not a valid JSON object: "
                    + e.getMessage());
        }
    }

    private static String required(Path file, Map<String, String> metadata, String key) {
        String v = metadata.get(key);
        if (v == null) {
            throw new FoveaException(file + ": metadata field '" + key + "' is missing");
        }
        return v;
    }

    static List<Object> toList(int[] values) {
        List<Object> out = new ArrayList<>();
        for (int v : values) {
            out.add((long) v);
        }
        return out;
    }

    private static int[] toIntArray(Object value, String field) {
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException("'" + field + "' must be a non-empty list of integers");
        }
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Long l) || l < 1 || l > 1 << 20) {
                throw new IllegalArgumentException("'" + field + "' must hold integers from 1 to 2^20, got " + list.get(i));
            }
            out[i] = (int) (long) l;
        }
        return out;
    }

    private static String quote(String s) {
        return s == null ? "missing" : "\"" + s + "\"";
    }
}

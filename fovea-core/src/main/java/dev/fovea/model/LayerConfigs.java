package dev.fovea.model;

import dev.fovea.kernel.Padding;
import dev.fovea.nn.Activation;
import dev.fovea.nn.Add;
import dev.fovea.nn.ActivationFunction;
import dev.fovea.nn.AveragePooling2D;
import dev.fovea.nn.BatchNormalization;
import dev.fovea.nn.Concatenate;
import dev.fovea.nn.Conv2D;
import dev.fovea.nn.Dense;
import dev.fovea.nn.Dropout;
import dev.fovea.nn.Flatten;
import dev.fovea.nn.GlobalAveragePooling2D;
import dev.fovea.nn.Initializer;
import dev.fovea.nn.Layer;
import dev.fovea.nn.MaxPooling2D;
import java.util.Map;

/**
 * Rebuilds a layer from its type name and {@link Layer#config()}, as stored in a model file.
 * Every value is checked, so a damaged architecture gives a message naming the layer and field.
 */
final class LayerConfigs {
    private LayerConfigs() {}

    static Layer create(String type, Map<String, Object> c) {
        switch (type) {
            case "Conv2D":
                return new Conv2D(integer(c, "filters"), integer(c, "kernel_size"), integer(c, "strides"),
                        Padding.parse(string(c, "padding")), ActivationFunction.parse(string(c, "activation")),
                        bool(c, "use_bias"), Initializer.parse(string(c, "kernel_initializer")));
            case "Dense":
                return new Dense(integer(c, "units"), ActivationFunction.parse(string(c, "activation")),
                        bool(c, "use_bias"), Initializer.parse(string(c, "kernel_initializer")));
            case "MaxPooling2D":
                return new MaxPooling2D(integer(c, "pool_size"), integer(c, "strides"), Padding.parse(string(c, "padding")));
            case "AveragePooling2D":
                return new AveragePooling2D(integer(c, "pool_size"), integer(c, "strides"),
                        Padding.parse(string(c, "padding")));
            case "GlobalAveragePooling2D":
                return new GlobalAveragePooling2D();
            case "Flatten":
                return new Flatten();
            case "Dropout":
                return new Dropout((float) number(c, "rate"));
            case "Activation":
                return new Activation(ActivationFunction.parse(string(c, "activation")));
            case "BatchNormalization":
                return new BatchNormalization(number(c, "momentum"), number(c, "epsilon"), bool(c, "center"),
                        bool(c, "scale"));
            case "Add":
                return new Add();
            case "Concatenate":
                return new Concatenate();
            default:
                throw new IllegalArgumentException("unknown layer type '" + type + "'");
        }
    }

    private static Object field(Map<String, Object> c, String name) {
        Object v = c.get(name);
        if (v == null) {
            throw new IllegalArgumentException("missing field '" + name + "'");
        }
        return v;
    }

    private static int integer(Map<String, Object> c, String name) {
        Object v = field(c, name);
        if (!(v instanceof Long l) || l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("field '" + name + "' must be an integer, got " + v);
        }
        return (int) (long) l;
    }

    private static double number(Map<String, Object> c, String name) {
        Object v = field(c, name);
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("field '" + name + "' must be a number, got " + v);
        }
        return n.doubleValue();
    }

    private static String string(Map<String, Object> c, String name) {
        Object v = field(c, name);
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException("field '" + name + "' must be a string, got " + v);
        }
        return s;
    }

    private static boolean bool(Map<String, Object> c, String name) {
        Object v = field(c, name);
        if (!(v instanceof Boolean b)) {
            throw new IllegalArgumentException("field '" + name + "' must be true or false, got " + v);
        }
        return b;
    }
}

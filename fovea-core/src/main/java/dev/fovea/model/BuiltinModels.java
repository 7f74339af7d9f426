package dev.fovea.model;

import dev.fovea.data.InputScaling;
import dev.fovea.kernel.Padding;
import dev.fovea.nn.ActivationFunction;
import dev.fovea.nn.Conv2D;
import dev.fovea.nn.Dense;
import dev.fovea.nn.Dropout;
import dev.fovea.nn.Flatten;
import dev.fovea.nn.Initializer;
import dev.fovea.nn.MaxPooling2D;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static dev.fovea.nn.ActivationFunction.RELU;
import static dev.fovea.nn.ActivationFunction.SOFTMAX;

/**
 * The networks of the classic CNN tutorials, by name, each with its training recipe. They take
 * the input shape of the data (28x28x1 for the MNIST family).
 */
public final class BuiltinModels {
    /** A built-in network: what it is, how to build it for an input shape, and how to train it. */
    public record Entry(String name, String description, Function<int[], Sequential> builder, TrainingRecipe recipe) {}

    private static final Map<String, Entry> MODELS = new LinkedHashMap<>();

    static {
        register(new Entry("keras-fashion",
                "the classic Keras Fashion-MNIST CNN: Conv 3x3x64, pool, Conv 3x3x64, pool, Dense 128, Dense 10",
                shape -> new Sequential(shape).add(
                        new Conv2D(64, 3, RELU), new MaxPooling2D(2),
                        new Conv2D(64, 3, RELU), new MaxPooling2D(2),
                        new Flatten(), new Dense(128, RELU), new Dense(10, SOFTMAX)),
                new TrainingRecipe("adam", 1e-3, 0f, 32, 5, InputScaling.Kind.UNIT)));
        register(new Entry("lenet5",
                "LeNet-5 style: Conv 5x5x6, pool, Conv 5x5x16, pool, Dense 120, 84, 10",
                shape -> new Sequential(shape).add(
                        new Conv2D(6, 5, RELU), new MaxPooling2D(2),
                        new Conv2D(16, 5, RELU), new MaxPooling2D(2),
                        new Flatten(), new Dense(120, RELU), new Dense(84, RELU), new Dense(10, SOFTMAX)),
                new TrainingRecipe("sgd", 0.01, 0.9f, 64, 10, InputScaling.Kind.UNIT)));
        register(new Entry("tf-mnist",
                "the classic TensorFlow MNIST CNN: Conv 5x5x32 SAME, pool, Conv 5x5x64 SAME, pool, Dense 1024, "
                        + "Dropout 0.25, Dense 10",
                shape -> new Sequential(shape).add(
                        new Conv2D(32, 5, 1, Padding.SAME, RELU), new MaxPooling2D(2),
                        new Conv2D(64, 5, 1, Padding.SAME, RELU), new MaxPooling2D(2),
                        new Flatten(), new Dense(1024, RELU), new Dropout(0.25f), new Dense(10, SOFTMAX)),
                new TrainingRecipe("adam", 1e-3, 0f, 64, 2, InputScaling.Kind.UNIT)));
        register(new Entry("scratch-mnist",
                "the from-scratch tutorial's net: Conv 3x3x8 (no bias, no activation), pool, Dense 10 softmax, "
                        + "inputs image/255 - 0.5",
                shape -> new Sequential(shape).add(
                        new Conv2D(8, 3, 1, Padding.VALID, ActivationFunction.LINEAR, false, Initializer.GLOROT_UNIFORM),
                        new MaxPooling2D(2), new Flatten(), new Dense(10, SOFTMAX)),
                new TrainingRecipe("sgd", 0.005, 0f, 1, 3, InputScaling.Kind.CENTERED)));
    }

    private BuiltinModels() {}

    private static void register(Entry entry) {
        MODELS.put(entry.name(), entry);
    }

    public static List<String> names() {
        return List.copyOf(MODELS.keySet());
    }

    /** The named entry; an unknown name gets an error listing the known ones. */
    public static Entry entry(String name) {
        Entry e = MODELS.get(name);
        if (e == null) {
            throw new IllegalArgumentException("unknown model '" + name + "': expected one of " + String.join(", ", names()));
        }
        return e;
    }

    /** Builds the named network for an input shape, with the recipe's input scaling, uninitialised. */
    public static Sequential create(String name, int... inputShape) {
        Entry e = entry(name);
        Sequential model = e.builder().apply(inputShape);
        model.inputScaling(InputScaling.of(e.recipe().inputScaling()));
        return model;
    }
}

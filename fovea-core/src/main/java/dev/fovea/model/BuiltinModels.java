package dev.fovea.model;

import dev.fovea.data.InputScaling;
import dev.fovea.kernel.Padding;
import dev.fovea.nn.Activation;
import dev.fovea.nn.ActivationFunction;
import dev.fovea.nn.BatchNormalization;
import dev.fovea.nn.Conv2D;
import dev.fovea.nn.Dense;
import dev.fovea.nn.Dropout;
import dev.fovea.nn.Flatten;
import dev.fovea.nn.GlobalAveragePooling2D;
import dev.fovea.nn.Initializer;
import dev.fovea.nn.Loss;
import dev.fovea.nn.MaxPooling2D;
import dev.fovea.nn.Node;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.fovea.nn.ActivationFunction.RELU;
import static dev.fovea.nn.ActivationFunction.SIGMOID;
import static dev.fovea.nn.ActivationFunction.SOFTMAX;

/**
 * The networks of the classic CNN tutorials, by name, each with its training recipe and the input
 * shape it was designed for. They can be built for the input shape and class count of other data.
 */
public final class BuiltinModels {
    /** Builds a network (a {@link Sequential} or a {@link GraphModel}) for a per-example input shape and a number of classes. */
    @FunctionalInterface
    public interface Builder {
        Model build(int[] inputShape, int classes);
    }

    /**
     * A built-in network: what it is, the input shape and class count it was designed for, how to
     * build it, and how to train it.
     */
    public record Entry(String name, String description, int[] inputShape, int classes, Builder builder,
                        TrainingRecipe recipe) {
        public int[] inputShape() {
            return inputShape.clone();
        }
    }

    private static final Map<String, Entry> MODELS = new LinkedHashMap<>();
    private static final int[] MNIST = {28, 28, 1};
    private static final Loss CROSS_ENTROPY = Loss.sparseCategoricalCrossentropy();

    static {
        register(new Entry("keras-fashion",
                "the classic Keras Fashion-MNIST CNN: Conv 3x3x64, pool, Conv 3x3x64, pool, Dense 128, Dense 10",
                MNIST, 10,
                (shape, classes) -> new Sequential(shape).add(
                        new Conv2D(64, 3, RELU), new MaxPooling2D(2),
                        new Conv2D(64, 3, RELU), new MaxPooling2D(2),
                        new Flatten(), new Dense(128, RELU), new Dense(classes, SOFTMAX)),
                new TrainingRecipe(CROSS_ENTROPY, "adam", 1e-3, 0f, 32, 5, InputScaling.Kind.UNIT)));
        register(new Entry("lenet5",
                "LeNet-5 style: Conv 5x5x6, pool, Conv 5x5x16, pool, Dense 120, 84, 10",
                MNIST, 10,
                BuiltinModels::lenet,
                new TrainingRecipe(CROSS_ENTROPY, "sgd", 0.01, 0.9f, 64, 10, InputScaling.Kind.UNIT)));
        register(new Entry("tf-mnist",
                "the classic TensorFlow MNIST CNN: Conv 5x5x32 SAME, pool, Conv 5x5x64 SAME, pool, Dense 1024, "
                        + "Dropout 0.25, Dense 10",
                MNIST, 10,
                (shape, classes) -> new Sequential(shape).add(
                        new Conv2D(32, 5, 1, Padding.SAME, RELU), new MaxPooling2D(2),
                        new Conv2D(64, 5, 1, Padding.SAME, RELU), new MaxPooling2D(2),
                        new Flatten(), new Dense(1024, RELU), new Dropout(0.25f), new Dense(classes, SOFTMAX)),
                new TrainingRecipe(CROSS_ENTROPY, "adam", 1e-3, 0f, 64, 2, InputScaling.Kind.UNIT)));
        register(new Entry("scratch-mnist",
                "the from-scratch tutorial's net: Conv 3x3x8 (no bias, no activation), pool, Dense 10 softmax, "
                        + "inputs image/255 - 0.5",
                MNIST, 10,
                (shape, classes) -> new Sequential(shape).add(
                        new Conv2D(8, 3, 1, Padding.VALID, ActivationFunction.LINEAR, false, Initializer.GLOROT_UNIFORM),
                        new MaxPooling2D(2), new Flatten(), new Dense(classes, SOFTMAX)),
                new TrainingRecipe(CROSS_ENTROPY, "sgd", 0.005, 0f, 1, 3, InputScaling.Kind.CENTERED)));
        register(new Entry("cifar-lenet",
                "LeNet on CIFAR-10 (the PyTorch tutorial's net): Conv 5x5x6, pool, Conv 5x5x16, pool, Dense 120, 84, 10",
                new int[] {32, 32, 3}, 10,
                BuiltinModels::lenet,
                new TrainingRecipe(CROSS_ENTROPY, "sgd", 0.001, 0.9f, 4, 2, InputScaling.Kind.UNIT)));
        register(new Entry("alexnet",
                "AlexNet (Krizhevsky et al. 2012) on 227x227x3: Conv 11x11x96 stride 4, pool, Conv 5x5x256, pool, "
                        + "Conv 3x3x384, 3x3x384, 3x3x256, pool, Dense 4096, 4096, 1000",
                new int[] {227, 227, 3}, 1000,
                (shape, classes) -> new Sequential(shape).add(
                        new Conv2D(96, 11, 4, Padding.VALID, RELU), new MaxPooling2D(3, 2, Padding.VALID),
                        new Conv2D(256, 5, 1, Padding.SAME, RELU), new MaxPooling2D(3, 2, Padding.VALID),
                        new Conv2D(384, 3, 1, Padding.SAME, RELU),
                        new Conv2D(384, 3, 1, Padding.SAME, RELU),
                        new Conv2D(256, 3, 1, Padding.SAME, RELU), new MaxPooling2D(3, 2, Padding.VALID),
                        new Flatten(),
                        new Dense(4096, RELU), new Dropout(0.5f),
                        new Dense(4096, RELU), new Dropout(0.5f),
                        new Dense(classes, SOFTMAX)),
                new TrainingRecipe(CROSS_ENTROPY, "sgd", 0.01, 0.9f, 128, 90, InputScaling.Kind.MEAN_IMAGE)));
        register(new Entry("binary-150",
                "the Keras two-class net on 150x150x3: Conv 3x3 32, 64, 128, 128 with max pooling, Dense 512, "
                        + "Dense 1 sigmoid; binary cross-entropy",
                new int[] {150, 150, 3}, 2,
                (shape, classes) -> new Sequential(shape).add(
                        new Conv2D(32, 3, RELU), new MaxPooling2D(2),
                        new Conv2D(64, 3, RELU), new MaxPooling2D(2),
                        new Conv2D(128, 3, RELU), new MaxPooling2D(2),
                        new Conv2D(128, 3, RELU), new MaxPooling2D(2),
                        new Flatten(), new Dense(512, RELU), new Dense(1, SIGMOID)),
                new TrainingRecipe(Loss.binaryCrossentropy(), "rmsprop", 1e-4, 0f, 20, 30, InputScaling.Kind.UNIT)));
        register(new Entry("pets-4conv",
                "four conv layers with pooling and dropout on 224x224x3 photos, mean image subtracted: "
                        + "Conv 3x3 32, 64, 128, 128, each with max pooling, Dropout 0.25, Dense 512, Dropout 0.5",
                new int[] {224, 224, 3}, 2,
                (shape, classes) -> new Sequential(shape).add(
                        new Conv2D(32, 3, RELU), new MaxPooling2D(2),
                        new Conv2D(64, 3, RELU), new MaxPooling2D(2),
                        new Conv2D(128, 3, RELU), new MaxPooling2D(2),
                        new Conv2D(128, 3, RELU), new MaxPooling2D(2), new Dropout(0.25f),
                        new Flatten(), new Dense(512, RELU), new Dropout(0.5f), new Dense(classes, SOFTMAX)),
                new TrainingRecipe(CROSS_ENTROPY, "adam", 1e-4, 0f, 32, 15, InputScaling.Kind.MEAN_IMAGE)));
    }

    static {
        register(new Entry("resnet",
                "a small ResNet for 28x28 and 32x32 images (He et al. 2016, the CIFAR variant: ResNet-20): Conv 3x3x16 "
                        + "with BatchNormalization, three stages of three basic residual blocks (16, 32, 64 filters; "
                        + "the second and third halve the size), global average pooling, Dense softmax",
                MNIST, 10,
                BuiltinModels::resnet,
                // 28 epochs: what fits in an hour on two cores; label smoothing 0.1 lifted the hour's run from
                // 94.4-94.5 % to 94.66 % (docs/RESNET.md has the runs and their curves).
                new TrainingRecipe(Loss.sparseCategoricalCrossentropy(0.1f), "nesterov", 0.1, 0.9f, 128, 28,
                        InputScaling.Kind.STANDARDIZE, 5e-4f, "cosine", "crop:2,flip")));
    }

    private BuiltinModels() {}

    /** ResNet-20's layout (3 stages x 3 blocks x 2 convolutions, plus the stem and the classifier). */
    private static GraphModel resnet(int[] shape, int classes) {
        Node input = Node.input(shape);
        Node x = new Conv2D(16, 3, 1, Padding.SAME, ActivationFunction.LINEAR, false, Initializer.HE_NORMAL).apply(input);
        x = new Activation(RELU).apply(new BatchNormalization().apply(x));
        int[] filters = {16, 32, 64};
        for (int stage = 0; stage < filters.length; stage++) {
            for (int block = 0; block < 3; block++) {
                int stride = stage > 0 && block == 0 ? 2 : 1;
                x = ResidualBlock.basic(x, filters[stage], stride, BatchNormalization::new);
            }
        }
        Node out = new Dense(classes, SOFTMAX).apply(new GlobalAveragePooling2D().apply(x));
        return GraphModel.of(input, out);
    }

    private static Sequential lenet(int[] shape, int classes) {
        return new Sequential(shape).add(
                new Conv2D(6, 5, RELU), new MaxPooling2D(2),
                new Conv2D(16, 5, RELU), new MaxPooling2D(2),
                new Flatten(), new Dense(120, RELU), new Dense(84, RELU), new Dense(classes, SOFTMAX));
    }

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

    /**
     * Builds the named network for its own class count and an input shape, with the recipe's
     * input scaling, uninitialised. Its class is the entry's: every tutorial network is a
     * {@link Sequential}; assigning a model to a class it is not throws ClassCastException.
     */
    public static <M extends Model> M create(String name, int... inputShape) {
        return create(name, inputShape, entry(name).classes());
    }

    /**
     * Builds the named network for {@code classes} classes (a sigmoid network has its one output
     * whatever the count) and an input shape, with the recipe's input scaling, uninitialised; of
     * the entry's class, as {@link #create(String, int...)}.
     */
    @SuppressWarnings("unchecked")
    public static <M extends Model> M create(String name, int[] inputShape, int classes) {
        if (classes < 2) {
            throw new IllegalArgumentException("a classifier needs at least 2 classes, got " + classes);
        }
        Entry e = entry(name);
        Model model = e.builder().build(inputShape, classes);
        model.inputScaling(InputScaling.of(e.recipe().inputScaling()));
        return (M) model;
    }
}

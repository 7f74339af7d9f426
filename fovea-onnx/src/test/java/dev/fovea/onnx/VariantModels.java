package dev.fovea.onnx;

import static dev.fovea.nn.ActivationFunction.LINEAR;
import static dev.fovea.nn.ActivationFunction.RELU;
import static dev.fovea.nn.ActivationFunction.SIGMOID;
import static dev.fovea.nn.ActivationFunction.SOFTMAX;
import static dev.fovea.nn.ActivationFunction.TANH;

import dev.fovea.data.InputScaling;
import dev.fovea.kernel.Padding;
import dev.fovea.model.GraphModel;
import dev.fovea.model.Model;
import dev.fovea.model.Sequential;
import dev.fovea.nn.Activation;
import dev.fovea.nn.ActivationFunction;
import dev.fovea.nn.Add;
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
import dev.fovea.nn.Node;
import dev.fovea.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * Small models that between them use every layer, padding, stride, activation and input scaling
 * the ONNX export writes, initialised with fixed seeds.
 */
final class VariantModels {
    private VariantModels() {}

    static Map<String, Supplier<Sequential>> all() {
        Map<String, Supplier<Sequential>> models = new LinkedHashMap<>();
        models.put("same-padding-odd-split-stride-2-leaky-relu", () -> new Sequential(13, 11, 3).add(
                // SAME with a 4-wide window pads 1 before and 2 after; with stride 2 over 13 rows, 1 and 1.
                new Conv2D(4, 4, 1, Padding.SAME, ActivationFunction.leakyRelu(0.2f)),
                new Conv2D(5, 3, 2, Padding.SAME, TANH),
                new MaxPooling2D(2, 2, Padding.SAME),
                new Flatten(), new Dense(6, RELU), new Dense(3, SOFTMAX)));
        models.put("explicit-and-valid-padding", () -> new Sequential(12, 10, 2).add(
                new Conv2D(3, 3, 2, Padding.explicit(2, 0, 1, 2), RELU),
                new Conv2D(4, 2, 1, Padding.VALID, SIGMOID, false, Initializer.HE_NORMAL),
                new MaxPooling2D(3, 1, Padding.explicit(1, 1, 0, 2)),
                new Flatten(), new Dense(5, TANH), new Dense(2, SOFTMAX)));
        models.put("average-pooling-padded-and-global", () -> new Sequential(11, 9, 3).add(
                new Conv2D(6, 3, 1, Padding.SAME, RELU),
                new AveragePooling2D(3, 2, Padding.SAME),
                new AveragePooling2D(2, 1, Padding.explicit(1, 0, 0, 1)),
                new Conv2D(5, 3, 1, Padding.VALID, LINEAR),
                new GlobalAveragePooling2D(), new Dense(4, SOFTMAX)));
        models.put("activation-layers-softmax-over-channels", () -> new Sequential(7, 8, 1).add(
                new Conv2D(4, 3, LINEAR), new Activation(SOFTMAX), new Activation(TANH),
                new Dropout(0.3f), new Flatten(), new Dense(3, LINEAR), new Activation(SIGMOID)));
        models.put("dense-only", () -> new Sequential(5, 4, 2).add(
                new Flatten(), new Dense(7, RELU, false, Initializer.GLOROT_UNIFORM), new Dense(2, SOFTMAX)));
        models.put("ends-in-a-convolution", () -> new Sequential(9, 9, 2).add(
                new Conv2D(3, 3, 2, Padding.SAME, RELU), new Conv2D(2, 1, 1, Padding.VALID, LINEAR)));
        models.put("batch-normalization-after-conv-pooling-and-dense", () -> new Sequential(10, 9, 3).add(
                new Conv2D(4, 3, 1, Padding.SAME, LINEAR, false, Initializer.GLOROT_UNIFORM),
                new BatchNormalization(), new Activation(RELU), new MaxPooling2D(2),
                new BatchNormalization(0.9, 1e-5, true, true),
                new Conv2D(5, 3, 1, Padding.VALID, RELU), new BatchNormalization(),
                new Flatten(), new Dense(6, LINEAR), new BatchNormalization(), new Activation(TANH),
                new Dense(3, SOFTMAX)));
        models.put("mean-image-scaling", () -> withScaling(smallCnn(), seed -> {
            float[] mean = new float[10 * 10 * 3];
            SplittableRandom random = new SplittableRandom(seed);
            for (int i = 0; i < mean.length; i++) {
                mean[i] = 60 + 120 * (float) random.nextDouble();
            }
            return InputScaling.meanImage(mean);
        }));
        models.put("standardize-scaling", () -> withScaling(smallCnn(),
                seed -> InputScaling.standardize(new float[] {120.5f, 99f, 140.25f}, new float[] {55f, 61.5f, 70f})));
        models.put("centered-scaling", () -> withScaling(smallCnn(), seed -> InputScaling.centered()));
        return models;
    }

    private static Sequential smallCnn() {
        return new Sequential(10, 10, 3).add(
                new Conv2D(4, 3, 1, Padding.SAME, RELU), new MaxPooling2D(2),
                new Conv2D(6, 3, 2, Padding.VALID, RELU), new Flatten(), new Dense(3, SOFTMAX));
    }

    private static Sequential withScaling(Sequential model, LongFunction<InputScaling> scaling) {
        model.inputScaling(scaling.apply(7));
        return model;
    }

    /**
     * A graph with what a Sequential lacks: Concatenate of NCHW images with the NHWC input, of NHWC
     * images, and of vectors; Add of three inputs; a convolution and a Dense layer each applied twice.
     */
    static GraphModel concatenationsSumsAndSharedLayers() {
        Node in = Node.input(9, 8, 3);
        Node a = new Conv2D(4, 3, 1, Padding.SAME, ActivationFunction.RELU).apply(in);
        Node b = new Conv2D(2, 1, 1, Padding.VALID, ActivationFunction.TANH).apply(in);
        Node joined = new Concatenate().apply(a, b, in);
        Layer shared = new Conv2D(9, 3, 1, Padding.SAME, ActivationFunction.LINEAR).name("shared_conv");
        Node once = shared.apply(joined);
        Node twice = shared.apply(new Activation(ActivationFunction.RELU).apply(once));
        Node sum = new Add().apply(joined, once, twice);
        Node pooled = new Flatten().apply(new MaxPooling2D(2).apply(sum));
        Node nhwcJoined = new Concatenate().apply(in, new Activation(ActivationFunction.SIGMOID).apply(in));
        Node features = new Concatenate().apply(pooled, new GlobalAveragePooling2D().apply(sum),
                new Flatten().apply(nhwcJoined));
        Layer sharedDense = new Dense(6, ActivationFunction.TANH);
        Node hidden = sharedDense.apply(sharedDense.apply(new Dense(6, ActivationFunction.RELU).apply(features)));
        GraphModel model = GraphModel.of(in, new Dense(3, ActivationFunction.SOFTMAX).apply(hidden));
        model.initialize(12);
        return model;
    }

    /** The named variant, built and initialised with {@code seed}. */
    static Sequential create(String name, long seed) {
        Sequential model = all().get(name).get();
        model.initialize(seed);
        return randomBatchNormalization(randomBiases(model, seed), seed);
    }

    /**
     * Gives every bias random values: Fovea initialises biases to zero, and a bias that went to the
     * wrong channel would not show with zeros.
     */
    static <M extends Model> M randomBiases(M model, long seed) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        for (Layer layer : model.layers()) {
            Tensor bias = layer.parameters().get("bias");
            if (bias != null) {
                float[] b = bias.data();
                for (int i = 0; i < b.length; i++) {
                    b[i] = (float) (random.nextDouble() - 0.5) * 0.4f;
                }
            }
        }
        return model;
    }

    /**
     * Gives every BatchNormalization random gamma, beta and moving statistics, as after training:
     * initialised, it is nearly the identity, and statistics in the wrong channel would not show.
     */
    static <M extends Model> M randomBatchNormalization(M model, long seed) {
        SplittableRandom random = new SplittableRandom(seed ^ 0xB47C4L);
        for (Layer layer : model.layers()) {
            if (layer instanceof BatchNormalization) {
                fill(layer.parameters().get("gamma"), random, 0.5, 1.5);
                fill(layer.parameters().get("beta"), random, -0.5, 0.5);
                fill(layer.parameters().get("moving_mean"), random, -0.5, 0.5);
                fill(layer.parameters().get("moving_variance"), random, 0.2, 1.5);
            }
        }
        return model;
    }

    /**
     * Sets each BatchNormalization's moving statistics to the mean and variance per channel of its
     * actual input for {@code count} images of {@code pixels}, as training leaves them, in running
     * order (each after those before it): random statistics in a deep network would blow its values
     * up until the softmax gives the same one-hot output for every image.
     */
    static GraphModel calibrateBatchNormalization(GraphModel model, float[] pixels, int count) {
        for (Node node : model.nodes()) {
            Node source = node.inputs().get(0);
            if (node.layer() instanceof BatchNormalization && !source.isInput()) {
                GraphModel upTo = GraphModel.of(model.input(), source);
                upTo.inputScaling(model.inputScaling());
                float[] values = Outputs.predictEach(upTo, pixels, count);
                float[] mean = node.layer().parameters().get("moving_mean").data();
                float[] variance = node.layer().parameters().get("moving_variance").data();
                int channels = mean.length;
                double[] sum = new double[channels];
                double[] squares = new double[channels];
                for (int i = 0; i < values.length; i++) {
                    sum[i % channels] += values[i];
                    squares[i % channels] += (double) values[i] * values[i];
                }
                double n = values.length / channels;
                for (int c = 0; c < channels; c++) {
                    mean[c] = (float) (sum[c] / n);
                    variance[c] = (float) Math.max(squares[c] / n - mean[c] * (double) mean[c], 1e-3);
                }
            }
        }
        return model;
    }

    private static void fill(Tensor parameter, SplittableRandom random, double low, double high) {
        if (parameter != null) {
            float[] v = parameter.data();
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (low + (high - low) * random.nextDouble());
            }
        }
    }
}

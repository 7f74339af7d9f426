package dev.fovea.model;

import dev.fovea.data.ImageSource;
import dev.fovea.data.InputScaling;
import dev.fovea.image.Crop;
import dev.fovea.nn.ForwardContext;
import dev.fovea.nn.Layer;
import dev.fovea.nn.Loss;
import dev.fovea.nn.Network;
import dev.fovea.optim.Optimizer;
import dev.fovea.tensor.InferenceArrays;
import dev.fovea.tensor.NoGrad;
import dev.fovea.tensor.Tensor;
import dev.fovea.train.Evaluation;
import dev.fovea.train.FitOptions;
import dev.fovea.train.History;
import dev.fovea.train.Metric;
import dev.fovea.train.Trainer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A network with what it takes to train and use it, in Keras's shape: {@code compile}, then
 * {@code fit}, {@code evaluate}, {@code predict}; {@code summary}; {@code save} and {@link #load}.
 * A model also carries the input scaling and class names that {@code predict} needs.
 */
public abstract class Model implements Network {
    private InputScaling inputScaling = InputScaling.unit();
    private Crop inputCrop = Crop.NONE;
    private List<String> classNames = List.of();
    private Optimizer optimizer;
    private Loss loss;
    private List<Metric> metrics = List.of();

    /** Fills every layer's parameters for training from scratch; the seed fixes them all. */
    public Model initialize(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (Layer layer : layers()) {
            layer.initialize(random.split());
        }
        return this;
    }

    /** Chooses how training updates the weights and what it minimises and reports. */
    public Model compile(Optimizer optimizerToUse, Loss lossToMinimise, Metric... metricsToReport) {
        this.optimizer = optimizerToUse;
        this.loss = lossToMinimise;
        this.metrics = List.of(metricsToReport);
        return this;
    }

    /**
     * Trains on {@code train}. With a scaling that needs statistics (mean image, per-channel mean and
     * deviation) but has none yet, they are computed from {@code train} first (never from validation or test data).
     */
    public History fit(ImageSource train, FitOptions options) {
        inputScaling = inputScaling.fittedTo(train);
        if (classNames.isEmpty()) {
            classNames = train.classNames();
        }
        return trainer().fit(train, options);
    }

    /** Loss, accuracy and confusion matrix on a labelled dataset, without dropout. */
    public Evaluation evaluate(ImageSource data, int batchSize) {
        return trainer().evaluate(data, batchSize);
    }

    /**
     * The model's outputs for a batch of already scaled images [N, H, W, C], without dropout. Layers
     * reuse each other's spent arrays within the call ({@link InferenceArrays}); the outputs are the
     * caller's. Calls made inside a {@link dev.fovea.kernel.WeightCache} scope (many batches with fixed
     * weights) pack each dense layer's weights once for all of them.
     */
    public Tensor predict(Tensor images) {
        try (NoGrad scope = NoGrad.enter(); InferenceArrays arrays = InferenceArrays.enter()) {
            return forward(images, ForwardContext.INFERENCE);
        }
    }

    /** The outputs (class probabilities for a softmax model) for one image of raw 0-255 pixel values, HWC. */
    public float[] predictPixels(float[] pixels) {
        int[] in = inputShape();
        if (pixels.length != in[0] * in[1] * in[2]) {
            throw new IllegalArgumentException("image has " + pixels.length + " values, the model expects "
                    + dev.fovea.tensor.Shapes.toString(in));
        }
        float[] scaled = new float[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            scaled[i] = inputScaling.scale(pixels[i], i);
        }
        return predict(Tensor.of(scaled, 1, in[0], in[1], in[2])).data();
    }

    /** Keras's summary table: each layer's output shape and parameter count, then the totals. */
    public String summary() {
        return ModelSummary.of(this);
    }

    /** Writes the architecture, weights, class names and input scaling to a safetensors file, atomically. */
    public void save(Path file) {
        ModelFile.write(this, file);
    }

    /** Rebuilds a model saved by {@link #save}. */
    public static Model load(Path file) {
        return ModelFile.read(file);
    }

    public InputScaling inputScaling() { return inputScaling; }

    /** How an image of another shape is fitted to the input before resizing; saved with the model for predict. */
    public Crop inputCrop() { return inputCrop; }

    public Model inputCrop(Crop crop) {
        this.inputCrop = java.util.Objects.requireNonNull(crop);
        return this;
    }

    public Model inputScaling(InputScaling scaling) {
        this.inputScaling = scaling;
        return this;
    }

    public List<String> classNames() { return classNames; }

    public Model classNames(List<String> names) {
        this.classNames = List.copyOf(names);
        return this;
    }

    /** The optimizer {@link #compile} chose, or null before compiling. */
    public Optimizer optimizer() { return optimizer; }

    /** Every parameter of every layer by its name in model files, "layer/parameter" (e.g. "conv2d/kernel"). */
    public Map<String, Tensor> namedParameters() {
        Map<String, Tensor> named = new LinkedHashMap<>();
        for (Layer layer : layers()) {
            layer.parameters().forEach((name, tensor) -> named.put(layer.name() + "/" + name, tensor));
        }
        return named;
    }

    /** Every parameter of every layer, trainable or not. */
    public List<Tensor> parameters() {
        List<Tensor> all = new ArrayList<>();
        for (Layer layer : layers()) {
            all.addAll(layer.parameters().values());
        }
        return all;
    }

    /** The name of the model's kind in summaries, e.g. "sequential". */
    public abstract String modelName();

    private Trainer trainer() {
        if (optimizer == null) {
            throw new IllegalStateException("call compile(optimizer, loss, metrics) before fit or evaluate");
        }
        return new Trainer(this, optimizer, loss, inputScaling, metrics);
    }
}

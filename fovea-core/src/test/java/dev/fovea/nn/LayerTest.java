package dev.fovea.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fovea.kernel.Padding;
import dev.fovea.ops.ActivationOps;
import dev.fovea.ops.ConvOps;
import dev.fovea.ops.DenseOps;
import dev.fovea.ops.LossOps;
import dev.fovea.ops.PoolOps;
import dev.fovea.optim.Adam;
import dev.fovea.tensor.NoGrad;
import dev.fovea.tensor.Tensor;
import dev.fovea.testing.RandomData;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Layers reuse their arrays from one training step to the next (through their workspaces) and
 * fuse a ReLU into conv and dense: neither may change a single bit of training, and neither may
 * let one output's values leak into another's.
 */
class LayerTest {
    private static final int BATCH = 3;
    private static final int[] LABELS = {0, 2, 1};

    /** Conv 3x3x4 relu, max pool 2, flatten, dense 5 relu, dense 3, built for 8x8x2 images. */
    private static List<Layer> stack(long seed) {
        List<Layer> layers = List.of(new Conv2D(4, 3, ActivationFunction.RELU), new MaxPooling2D(2), new Flatten(),
                new Dense(5, ActivationFunction.RELU), new Dense(3));
        int[] shape = {8, 8, 2};
        SplittableRandom random = new SplittableRandom(seed);
        for (Layer layer : layers) {
            shape = layer.build(shape);
            layer.initialize(random.split());
        }
        return layers;
    }

    private static List<Tensor> parameters(List<Layer> layers) {
        List<Tensor> all = new ArrayList<>();
        layers.forEach(l -> all.addAll(l.parameters().values()));
        return all;
    }

    private static Tensor images(long seed) {
        return Tensor.of(RandomData.uniform(new SplittableRandom(seed), BATCH * 8 * 8 * 2, -1, 1), BATCH, 8, 8, 2);
    }

    private static Tensor throughLayers(List<Layer> layers, Tensor x, ForwardContext context) {
        for (Layer layer : layers) {
            x = layer.forward(x, context);
        }
        return x;
    }

    /** The same network op by op: new arrays everywhere, each ReLU a separate op. */
    private static Tensor throughOps(List<Tensor> p, Tensor x) {
        Tensor h = ActivationOps.relu(ConvOps.conv2d(x, p.get(0), p.get(1), 1, 1, Padding.VALID));
        h = PoolOps.maxPool2d(h, 2, 2, Padding.VALID);
        h = h.reshape(BATCH, -1);
        h = ActivationOps.relu(DenseOps.dense(h, p.get(2), p.get(3)));
        return DenseOps.dense(h, p.get(4), p.get(5));
    }

    /** Five Adam steps on changing batches; returns every step's loss and the final weights. */
    private static float[][] train(List<Tensor> parameters, Function<Tensor, Tensor> network) {
        Adam adam = new Adam(0.05);
        float[][] result = new float[parameters.size() + 1][];
        result[0] = new float[5];
        for (int step = 0; step < 5; step++) {
            parameters.forEach(Tensor::zeroGrad);
            Tensor loss = LossOps.softmaxCrossEntropy(network.apply(images(step)), LABELS, 0f);
            loss.backward();
            adam.step(parameters);
            result[0][step] = loss.item();
        }
        for (int i = 0; i < parameters.size(); i++) {
            result[i + 1] = parameters.get(i).data().clone();
        }
        return result;
    }

    @Test
    void trainingThroughReusedArraysAndFusedReluGivesTheBitsOfFreshArraysAndSeparateOps() {
        List<Layer> layers = stack(7);
        ForwardContext context = ForwardContext.training(new SplittableRandom(1));
        float[][] reused = train(parameters(layers), x -> throughLayers(layers, x, context));
        List<Tensor> copies = parameters(stack(7));
        float[][] fresh = train(copies, x -> throughOps(copies, x));
        assertArrayEquals(fresh[0], reused[0], "losses");
        for (int i = 1; i < fresh.length; i++) {
            assertArrayEquals(fresh[i], reused[i], "parameter " + (i - 1));
        }
    }

    @Test
    void inferenceOutputsAreNeverSharedAndOutliveTraining() {
        List<Layer> layers = stack(3);
        Tensor first;
        Tensor second;
        try (NoGrad scope = NoGrad.enter()) {
            first = throughLayers(layers, images(1), ForwardContext.INFERENCE);
            second = throughLayers(layers, images(2), ForwardContext.INFERENCE);
        }
        float[] firstValues = first.data().clone();
        assertNotSame(first.data(), second.data());
        train(parameters(layers), x -> throughLayers(layers, x, ForwardContext.INFERENCE));
        assertArrayEquals(firstValues, first.data(), "training steps left an inference output alone");
        try (NoGrad scope = NoGrad.enter()) {
            assertNotSame(first.data(), throughLayers(layers, images(1), ForwardContext.INFERENCE).data());
        }
    }

    @Test
    void aTrainingOutputIsValidUntilTheLayersNextTrainingStep() {
        List<Layer> layers = stack(5);
        ForwardContext context = ForwardContext.training(new SplittableRandom(1));
        List<Tensor> parameters = parameters(layers);
        Tensor logits = throughLayers(layers, images(1), context);
        LossOps.softmaxCrossEntropy(logits, LABELS, 0f).backward();
        float[] values = logits.data().clone();
        assertEquals(BATCH * 3, values.length, "still readable after backward, as the training loop reads it");
        parameters.forEach(Tensor::zeroGrad);
        Tensor next = throughLayers(layers, images(1), context);
        assertThrows(IllegalStateException.class, logits::data, "overwritten by the next training forward");
        assertArrayEquals(values, next.data(), "same weights and images, same logits");
    }
}

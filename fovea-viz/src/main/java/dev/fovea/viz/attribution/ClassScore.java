package dev.fovea.viz.attribution;

import dev.fovea.model.Model;
import dev.fovea.nn.ActivatedLayer;
import dev.fovea.nn.ActivationFunction;
import dev.fovea.nn.ForwardContext;
import dev.fovea.nn.Layer;
import dev.fovea.tensor.NoGrad;
import dev.fovea.tensor.Tensor;
import dev.fovea.viz.LayerOutputs;
import dev.fovea.viz.ModelInput;
import java.util.ArrayList;
import java.util.List;

/**
 * A class's score for one image and its gradients. The score is the network's last value before a
 * final softmax or sigmoid (the logit), as in Simonyan et al. and Selvaraju et al.: the
 * probability would mix in every other class. A single sigmoid output scores class 1 by its logit
 * and class 0 by minus it.
 *
 * <p>The model's weight gradients are left exactly as they were: weights stop needing gradients
 * during the pass, and their gradients are put back afterwards.
 */
final class ClassScore {
    /**
     * The score, its gradient with respect to the scaled input (HWC), and the output of layer
     * {@code layer} (before the last) with the gradient there (null when {@code layer} is -1).
     */
    record Gradients(float score, float[] input, Tensor features, float[] featureGradient) {}

    private ClassScore() {}

    static Gradients of(Model model, float[] pixels, int classIndex, int layer) {
        List<Layer> layers = LayerOutputs.layers(model);
        if (model.outputShape().length != 1) {
            throw new IllegalArgumentException("class scores need a model that outputs a vector, this one outputs "
                    + dev.fovea.tensor.Shapes.toString(model.outputShape()));
        }
        int outputs = model.outputShape()[0];
        int classes = outputs == 1 ? 2 : outputs;
        if (classIndex < 0 || classIndex >= classes) {
            throw new IllegalArgumentException("class " + classIndex + " is not among the model's 0.." + (classes - 1));
        }
        if (layer >= layers.size() - 1) {
            throw new IllegalArgumentException("gradients are taken at a layer before the last, not " + layer);
        }
        if (NoGrad.isActive()) {
            throw new IllegalStateException("gradients cannot be computed inside a NoGrad scope");
        }
        Tensor scaled = ModelInput.scaled(model, pixels);
        Tensor input = Tensor.parameter(scaled.data(), scaled.shape());
        List<Tensor> parameters = model.parameters();
        List<Boolean> needed = new ArrayList<>();
        List<float[]> saved = new ArrayList<>();
        for (Tensor p : parameters) {
            needed.add(p.requiresGrad());
            saved.add(p.grad() == null ? null : p.grad().clone());
            p.requiresGrad(false);
        }
        try {
            int last = layers.size() - 1;
            List<Tensor> hidden = last > 0 ? LayerOutputs.upTo(model, input, last - 1) : List.of();
            Tensor beforeLast = last > 0 ? hidden.get(last - 1) : input;
            Tensor logits = layers.get(last) instanceof ActivatedLayer a && fusedAway(a.activation())
                    ? a.preActivation(beforeLast, ForwardContext.INFERENCE)
                    : layers.get(last).forward(beforeLast, ForwardContext.INFERENCE);
            int index = outputs == 1 ? 0 : classIndex;
            float sign = outputs == 1 && classIndex == 0 ? -1f : 1f;
            Tensor score = Tensor.result(new float[] {sign * logits.data()[index]}, new int[] {1},
                    g -> logits.gradForUpdate()[index] += sign * g[0], logits);
            score.backward();
            Tensor features = layer < 0 ? null : hidden.get(layer);
            return new Gradients(score.item(), gradientOf(input), features,
                    features == null ? null : gradientOf(features));
        } finally {
            for (int i = 0; i < parameters.size(); i++) {
                Tensor p = parameters.get(i);
                p.requiresGrad(needed.get(i));
                if (saved.get(i) != null) {
                    System.arraycopy(saved.get(i), 0, p.gradForUpdate(), 0, saved.get(i).length);
                }
            }
        }
    }

    private static float[] gradientOf(Tensor features) {
        return features.grad() == null ? new float[features.size()] : features.grad();
    }

    private static boolean fusedAway(ActivationFunction f) {
        return f.equals(ActivationFunction.SOFTMAX) || f.equals(ActivationFunction.SIGMOID);
    }
}

package dev.fovea.viz;

import dev.fovea.model.Model;
import dev.fovea.nn.ActivatedLayer;
import dev.fovea.nn.ActivationFunction;
import dev.fovea.nn.Layer;
import dev.fovea.tensor.Tensor;
import dev.fovea.train.Predictions;
import java.util.List;

/**
 * The classes a model predicts from its outputs ({@link Model#predict}, after the final
 * activation): the arg-max, or for a single output class 1 above 0.5 after a sigmoid (above 0 for
 * a model without one).
 */
public final class PredictedClasses {
    private PredictedClasses() {}

    /** The predicted class of each row of a batch of model outputs [N, K]. */
    public static int[] of(Model model, Tensor outputs) {
        return Predictions.classes(outputs, endsInSigmoid(model) ? 0.5f : 0f);
    }

    /** The predicted class of one image of raw pixels (HWC). */
    public static int of(Model model, float[] pixels) {
        float[] out = model.predictPixels(pixels);
        return of(model, Tensor.of(out, 1, out.length))[0];
    }

    /** The model's confidence in class {@code k} from one row of outputs: its probability (1 - p for class 0 of a sigmoid). */
    public static float confidence(float[] outputs, int row, int classes, int k) {
        if (classes == 1) {
            float p = outputs[row];
            return k == 1 ? p : 1 - p;
        }
        return outputs[row * classes + k];
    }

    private static boolean endsInSigmoid(Model model) {
        List<Layer> layers = model.layers();
        return layers.get(layers.size() - 1) instanceof ActivatedLayer a
                && a.activation().equals(ActivationFunction.SIGMOID);
    }
}

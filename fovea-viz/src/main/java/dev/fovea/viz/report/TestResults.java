package dev.fovea.viz.report;

import dev.fovea.data.ImageSource;
import dev.fovea.model.Model;
import dev.fovea.nn.Loss;
import dev.fovea.optim.Adam;
import dev.fovea.train.Evaluation;
import dev.fovea.train.Metric;
import dev.fovea.viz.training.Misclassified;
import dev.fovea.viz.training.Mistake;
import java.util.List;

/**
 * How a model does on the report's images: loss, accuracy and confusion matrix over the first
 * {@code evaluated} of {@code available} images, and the first mistakes among them.
 */
record TestResults(Evaluation evaluation, List<Mistake> mistakes, int evaluated, int available) {
    private static final int BATCH = 256;

    /**
     * Evaluates {@code model} on the first {@code limit} images of {@code images}. The model is
     * compiled for this with the loss its output calls for (binary cross-entropy for one sigmoid
     * output, sparse categorical cross-entropy otherwise); the optimizer given is never used.
     */
    static TestResults of(Model model, ImageSource images, int limit, int mistakes) {
        ImageSource evaluated = FirstImages.of(images, limit);
        Loss loss = model.outputShape().length == 1 && model.outputShape()[0] == 1
                ? Loss.binaryCrossentropy() : Loss.sparseCategoricalCrossentropy();
        model.compile(new Adam(1e-3), loss, Metric.ACCURACY);
        return new TestResults(model.evaluate(evaluated, BATCH), Misclassified.find(model, evaluated, mistakes),
                evaluated.size(), images.size());
    }

    /** Whether only part of the images was evaluated. */
    boolean capped() {
        return evaluated < available;
    }
}

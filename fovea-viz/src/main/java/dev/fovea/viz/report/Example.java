package dev.fovea.viz.report;

import dev.fovea.data.ImageSource;
import dev.fovea.model.Model;
import dev.fovea.viz.ModelInput;
import dev.fovea.viz.PredictedClasses;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A dataset image the report follows through the network: its index, raw pixels (HWC, 0-255),
 * true class, the class the model predicts and the probability it gives that class.
 */
record Example(int index, float[] pixels, int trueClass, int predicted, float confidence) {
    /** Image {@code index} of {@code images} with the model's prediction. */
    static Example of(Model model, ImageSource images, int index) {
        float[] pixels = ModelInput.pixels(images, index);
        float[] outputs = model.predictPixels(pixels);
        int predicted = PredictedClasses.of(model, pixels);
        return new Example(index, pixels, images.label(index), predicted,
                PredictedClasses.confidence(outputs, 0, outputs.length, predicted));
    }

    /**
     * {@code count} examples (fewer only if the dataset is smaller): the first image of each class in
     * dataset order, so the examples show different classes, then the next images if classes run out.
     */
    static List<Example> pick(Model model, ImageSource images, int count) {
        List<Integer> chosen = new ArrayList<>();
        Set<Integer> classes = new HashSet<>();
        for (int i = 0; i < images.size() && chosen.size() < count; i++) {
            if (classes.add(images.label(i))) {
                chosen.add(i);
            }
        }
        for (int i = 0; i < images.size() && chosen.size() < count; i++) {
            if (!chosen.contains(i)) {
                chosen.add(i);
            }
        }
        List<Example> examples = new ArrayList<>();
        for (int index : chosen) {
            examples.add(of(model, images, index));
        }
        return examples;
    }

    /** "#12: true Trouser, predicted Trouser (98.1 %)", as HTML; the prediction green when right, red when wrong. */
    String caption(List<String> classNames) {
        return "#" + index + ": true <strong>" + Html.escape(RunReport.className(classNames, trueClass))
                + "</strong>, predicted <span class=\"" + (predicted == trueClass ? "right" : "wrong") + "\">"
                + Html.escape(RunReport.className(classNames, predicted)) + "</span> (" + Html.percent(confidence)
                + ")";
    }
}

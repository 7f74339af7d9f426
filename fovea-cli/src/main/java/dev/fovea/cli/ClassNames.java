package dev.fovea.cli;

import dev.fovea.FoveaException;
import dev.fovea.model.Model;
import dev.fovea.tensor.Shapes;
import java.util.ArrayList;
import java.util.List;

/** The names to show for a model's outputs. */
final class ClassNames {
    private ClassNames() {}

    /** The class names stored in the model file, or "class 0", "class 1", ... when it has none that fit. */
    static List<String> of(Model model) {
        int[] output = model.outputShape();
        if (output.length != 1) {
            throw new FoveaException("the model's output has shape " + Shapes.toString(output)
                    + ", not one score per class");
        }
        int classes = output[0];
        if (model.classNames().size() == classes) {
            return model.classNames();
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            names.add("class " + c);
        }
        return names;
    }
}

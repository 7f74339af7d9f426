package dev.fovea.cli;

import dev.fovea.FoveaException;
import dev.fovea.model.Model;
import dev.fovea.tensor.Shapes;
import java.nio.file.Path;

/** Loading a model that commands feed with image files: its input must be a grey or colour image. */
final class ImageModels {
    private ImageModels() {}

    /** The model in {@code file}; {@code command} names who needs it in the error. */
    static Model load(Path file, String command) {
        Model model = Model.load(file);
        int[] in = model.inputShape();
        if (in.length != 3 || (in[2] != 1 && in[2] != 3)) {
            throw new FoveaException(file + " takes inputs of shape " + Shapes.toString(in)
                    + "; " + command + " handles grey (1 channel) and RGB (3 channel) images");
        }
        return model;
    }
}

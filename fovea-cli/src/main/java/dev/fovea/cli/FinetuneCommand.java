package dev.fovea.cli;

import dev.fovea.FoveaException;
import dev.fovea.data.ImageSource;
import dev.fovea.data.InputScaling;
import dev.fovea.model.FineTuning;
import dev.fovea.model.Model;
import dev.fovea.model.Sequential;
import dev.fovea.model.TrainingRecipe;
import dev.fovea.nn.Loss;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fovea finetune}: a trained model's layers under a new head, trained on another dataset. */
@Command(name = "finetune",
        description = {
            "Transfer learning: take a trained model, replace its classifier (the last Dense layer) by a new one "
                    + "for the dataset's classes, freeze the layers up to --freeze-until, and train.",
            "",
            "Frozen layers keep their weights exactly; the rest learn. Images are fitted to the base model's "
                    + "input, and its input scaling and crop are kept. Defaults: Adam, learning rate 1e-4, batch "
                    + "size 32, 5 epochs. The run directory receives what 'fovea train' writes."
        })
final class FinetuneCommand extends TrainingCommand {
    private static final TrainingRecipe RECIPE = new TrainingRecipe(Loss.sparseCategoricalCrossentropy(), "adam",
            1e-4, 0f, 32, 5, InputScaling.Kind.UNIT);

    @Option(names = "--base", paramLabel = "FILE", required = true,
            description = "The trained model to start from (a model.safetensors).")
    Path baseFile;

    @Option(names = "--freeze-until", paramLabel = "LAYER",
            description = "Freeze the layers from the first up to and including LAYER, e.g. max_pooling2d_1 "
                    + "(see 'fovea summary'); default: none, every layer learns.")
    String freezeUntil;

    private Sequential base;

    private Sequential base() {
        if (base == null) {
            Model loaded = Model.load(baseFile);
            if (!(loaded instanceof Sequential sequential)) {
                throw new FoveaException(baseFile + ": fine-tuning needs a Sequential model");
            }
            base = sequential;
        }
        return base;
    }

    @Override
    TrainingRecipe recipe() {
        return RECIPE;
    }

    @Override
    int[] modelInputShape() {
        return base().inputShape();
    }

    @Override
    Model newModel(ImageSource train) {
        Sequential model = base();
        if (freezeUntil != null) {
            try {
                FineTuning.freezeUntil(model, freezeUntil);
            } catch (IllegalArgumentException e) {
                throw new FoveaException(baseFile + ": " + e.getMessage());
            }
        }
        return FineTuning.withNewHead(model, train.numClasses(), seed);
    }

    @Override
    String modelLabel() {
        String name = baseFile.getFileName().toString();
        return "finetune-" + (name.endsWith(".safetensors") ? name.substring(0, name.length() - 12) : name);
    }
}

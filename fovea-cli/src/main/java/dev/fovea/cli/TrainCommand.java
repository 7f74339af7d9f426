package dev.fovea.cli;

import dev.fovea.data.ImageSource;
import dev.fovea.model.BuiltinModels;
import dev.fovea.model.Model;
import dev.fovea.model.TrainingRecipe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code fovea train}: trains a built-in model from scratch and saves it with its records. */
@Command(name = "train",
        description = {
            "Train a built-in model on a dataset's training split and save it.",
            "",
            "After every epoch the model is evaluated on the dataset's test split, used as validation data: "
                    + "val_loss and val_accuracy are test-set figures, and the last epoch's are reported as "
                    + "Test loss and Test accuracy. Optimizer, learning rate, momentum, batch size and epochs "
                    + "default to the model's training recipe.",
            "",
            "The run directory receives model.safetensors, config.json (the options used), metrics.csv (one "
                    + "row per epoch, rewritten after each epoch), batches.csv (the loss of every batch), "
                    + "filters.gif and filters.png (the first layer's filters during training), checkpoints/ "
                    + "(the last two and the best, for --resume) and tensorboard/ (view with 'tensorboard "
                    + "--logdir runs'). 'fovea report RUN_DIR' makes a web page of it all."
        })
final class TrainCommand extends TrainingCommand {
    @Mixin
    ModelOption modelOption;

    @Override
    TrainingRecipe recipe() {
        return BuiltinModels.entry(modelOption.name).recipe();
    }

    @Override
    int[] modelInputShape() {
        return BuiltinModels.entry(modelOption.name).inputShape();
    }

    @Override
    Model newModel(ImageSource train) {
        return BuiltinModels.create(modelOption.name,
                new int[] {train.height(), train.width(), train.channels()}, train.numClasses()).initialize(seed);
    }

    @Override
    String modelLabel() {
        return modelOption.name;
    }
}

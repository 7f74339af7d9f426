package dev.fovea.cli;

import dev.fovea.model.BuiltinModels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code fovea summary}: a built-in model's layers, output shapes and parameter counts, as Keras prints them. */
@Command(name = "summary", description = "Print a built-in model's layers, output shapes and parameter counts.")
final class SummaryCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOption modelOption;

    @Option(names = "--input-shape", paramLabel = "H,W,C", split = ",", converter = Converters.PositiveInt.class,
            description = "Image height, width and channels the model is built for (default: the model's own, "
                    + "e.g. 28,28,1 for keras-fashion, 227,227,3 for alexnet).")
    int[] inputShape;

    @Override
    public void run() {
        int[] shape = inputShape != null ? inputShape : BuiltinModels.entry(modelOption.name).inputShape();
        if (shape.length != 3) {
            throw new ParameterException(spec.commandLine(),
                    "--input-shape needs height,width,channels such as 28,28,1");
        }
        spec.commandLine().getOut().print(BuiltinModels.create(modelOption.name, shape).summary());
        spec.commandLine().getOut().flush();
    }
}

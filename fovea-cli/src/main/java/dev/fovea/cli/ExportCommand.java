package dev.fovea.cli;

import dev.fovea.model.Model;
import dev.fovea.onnx.OnnxExport;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fovea export}: a saved model as an ONNX file, for ONNX Runtime and other deployment tools. */
@Command(name = "export",
        description = {
            "Export a saved model to ONNX (opset " + OnnxExport.OPSET + ").",
            "",
            "The exported graph takes float pixel values 0-255 in the model's layout [N, H, W, C] and begins with "
                    + "the model's input scaling, so it needs no preprocessing beyond resizing; it ends with the "
                    + "model's outputs (class probabilities). Dropout is left out, as at inference."
        })
final class ExportCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--model-file", paramLabel = "FILE", required = true,
            description = "A model saved by 'fovea train' (model.safetensors).")
    Path modelFile;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "onnx", converter = Converters.ExportFormat.class,
            description = "The file format; onnx is the one there is (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "Where to write, e.g. model.onnx.")
    Path out;

    @Override
    public void run() {
        Model model = Model.load(modelFile);
        OnnxExport.write(model, out);
        PrintWriter console = spec.commandLine().getOut();
        console.println("Exported " + modelFile + " to " + out + " (ONNX opset " + OnnxExport.OPSET + ")");
        console.flush();
    }
}

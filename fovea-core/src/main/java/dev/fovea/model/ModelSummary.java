package dev.fovea.model;

import dev.fovea.nn.Layer;
import java.util.Locale;

/** Prints a model as Keras does: layer (type), output shape with None for the batch, parameter count, totals. */
final class ModelSummary {
    private static final int[] COLUMNS = {36, 26, 10};

    private ModelSummary() {}

    static String of(Model model) {
        int width = COLUMNS[0] + COLUMNS[1] + COLUMNS[2];
        StringBuilder sb = new StringBuilder();
        sb.append("Model: \"").append(model.modelName()).append("\"\n");
        sb.append("_".repeat(width)).append('\n');
        row(sb, "Layer (type)", "Output Shape", "Param #");
        sb.append("=".repeat(width)).append('\n');
        long total = 0;
        long trainable = 0;
        for (int i = 0; i < model.layers().size(); i++) {
            Layer layer = model.layers().get(i);
            long params = layer.parameterCount();
            total += params;
            trainable += layer.trainableParameterCount();
            row(sb, layer.name() + " (" + layer.typeName() + ")", batchShape(layer.outputShape()), count(params));
            sb.append(i == model.layers().size() - 1 ? "" : "\n");
        }
        sb.append("=".repeat(width)).append('\n');
        sb.append("Total params: ").append(count(total)).append('\n');
        sb.append("Trainable params: ").append(count(trainable)).append('\n');
        sb.append("Non-trainable params: ").append(count(total - trainable)).append('\n');
        sb.append("_".repeat(width)).append('\n');
        return sb.toString();
    }

    private static void row(StringBuilder sb, String layer, String shape, String params) {
        sb.append(' ').append(pad(layer, COLUMNS[0] - 1)).append(pad(shape, COLUMNS[1])).append(params.strip());
        sb.append('\n');
    }

    /** Pads to a column width, keeping at least one space after text that fills it. */
    private static String pad(String text, int width) {
        return text.length() >= width ? text + " " : text + " ".repeat(width - text.length());
    }

    private static String batchShape(int[] shape) {
        StringBuilder sb = new StringBuilder("(None");
        for (int d : shape) {
            sb.append(", ").append(d);
        }
        return sb.append(')').toString();
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}

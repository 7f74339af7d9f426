package dev.fovea.cli;

import dev.fovea.FoveaException;
import dev.fovea.image.ImageFiles;
import dev.fovea.model.Model;
import dev.fovea.viz.PredictedClasses;
import dev.fovea.viz.report.ImagePictures;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fovea visualize}: pictures of what a saved model does with one image. */
@Command(name = "visualize",
        description = {
            "Draw what a saved model does with one image: its prediction, and PNG pictures of the image as the "
                    + "network sees it (input.png), the first layer's filters (filters.png), the image's journey "
                    + "through every layer (feature-maps.png), the saliency and Grad-CAM maps of the predicted "
                    + "class or of --class (saliency.png, grad-cam.png), and Sobel edge detection on it (edges.png).",
            "",
            "Images may be PNG, JPEG, GIF or BMP of any size: they are converted and resized as predict does."
        })
final class VisualizeCommand implements Runnable {
    private static final int TOP_K = 3;

    @Spec
    CommandSpec spec;

    @Option(names = "--model-file", paramLabel = "FILE", required = true,
            description = "A model saved by 'fovea train' (model.safetensors).")
    Path modelFile;

    @Option(names = "--image", paramLabel = "FILE", required = true, description = "The image to look at.")
    Path image;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Directory for the pictures (default: <image name>-pictures in the working directory).")
    Path out;

    @Option(names = "--class", paramLabel = "NAME",
            description = "The class that saliency and Grad-CAM explain: a class name or number "
                    + "(default: the predicted class).")
    String className;

    @Override
    public void run() {
        Model model = ImageModels.load(modelFile, "visualize");
        int[] in = model.inputShape();
        float[] pixels = ImageFiles.read(image, in[0], in[1], in[2], model.inputCrop());
        List<String> names = ClassNames.of(model);
        float[] probabilities = model.predictPixels(pixels);
        int explained = className != null ? classIndex(className, model) : PredictedClasses.of(model, pixels);

        PrintWriter console = spec.commandLine().getOut();
        console.println(image);
        int nameWidth = names.stream().mapToInt(String::length).max().orElse(0);
        for (int c : PredictCommand.mostLikely(probabilities, Math.min(TOP_K, probabilities.length))) {
            console.printf(Locale.ROOT, "  %-" + nameWidth + "s  %.4f%n", names.get(c), probabilities[c]);
        }
        Path directory = out != null ? out : Path.of(stem(image) + "-pictures");
        List<Path> files = ImagePictures.write(model, pixels, explained, directory);
        console.println("Saliency and Grad-CAM explain class " + explained + " (" + name(model, explained) + ")");
        for (Path file : files) {
            console.println("Wrote " + file);
        }
        console.flush();
    }

    /** A class given by name (exactly, else ignoring case) or by number. */
    static int classIndex(String text, Model model) {
        int classes = classCount(model);
        List<String> names = namedClasses(model);
        int exact = names.indexOf(text);
        if (exact >= 0) {
            return exact;
        }
        for (int k = 0; k < names.size(); k++) {
            if (names.get(k).equalsIgnoreCase(text)) {
                return k;
            }
        }
        try {
            int k = Integer.parseInt(text.strip());
            if (k >= 0 && k < classes) {
                return k;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new FoveaException("--class " + text + ": the model's classes are "
                + (names.isEmpty() ? "" : String.join(", ", names) + ", or ") + "0.." + (classes - 1));
    }

    /** Classes a model tells apart: one per output, or two for a single sigmoid output. */
    private static int classCount(Model model) {
        return Math.max(2, model.outputShape()[0]);
    }

    /** The model's class names when it has one per class, else none. */
    private static List<String> namedClasses(Model model) {
        return model.classNames().size() == classCount(model) ? model.classNames() : List.of();
    }

    private static String name(Model model, int k) {
        List<String> names = namedClasses(model);
        return names.isEmpty() ? "class " + k : names.get(k);
    }

    /** The file name without its extension: photo.jpg gives photo. */
    private static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}

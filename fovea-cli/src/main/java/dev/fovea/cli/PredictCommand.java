package dev.fovea.cli;

import dev.fovea.image.ImageFiles;
import dev.fovea.kernel.WeightCache;
import dev.fovea.model.Model;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fovea predict}: the most likely classes of image files under a saved model. */
@Command(name = "predict",
        description = {
            "Classify image files with a saved model: print each image's most likely classes and their probabilities.",
            "",
            "Images may be PNG, JPEG, GIF or BMP, grey or colour, of any size: they are converted to the model's "
                    + "channels (grey as luminance) and resized to its input size. Images are not inverted: "
                    + "Fashion-MNIST and MNIST models expect a light object on a dark background, as in their "
                    + "training images."
        })
final class PredictCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--model-file", paramLabel = "FILE", required = true,
            description = "A model saved by 'fovea train' (model.safetensors).")
    Path modelFile;

    @Option(names = "--top-k", paramLabel = "K", defaultValue = "3", converter = Converters.PositiveInt.class,
            description = "How many classes to show per image, most likely first (default: ${DEFAULT-VALUE}).")
    int topK;

    @Parameters(paramLabel = "IMAGE", arity = "1..*", description = "Image files to classify.")
    List<Path> images;

    @Override
    public void run() {
        Model model = ImageModels.load(modelFile, "predict");
        int[] in = model.inputShape();
        // Every image is decoded before any is classified, so a bad file fails the command without partial output.
        List<float[]> pixels = new ArrayList<>();
        for (Path image : images) {
            pixels.add(ImageFiles.read(image, in[0], in[1], in[2], model.inputCrop()));
        }
        List<String> classNames = ClassNames.of(model);
        int nameWidth = classNames.stream().mapToInt(String::length).max().orElse(0);
        PrintWriter out = spec.commandLine().getOut();
        try (WeightCache weights = WeightCache.enter()) {
            for (int i = 0; i < images.size(); i++) {
                float[] probabilities = model.predictPixels(pixels.get(i));
                out.println(images.get(i));
                for (int c : mostLikely(probabilities, Math.min(topK, probabilities.length))) {
                    out.printf(Locale.ROOT, "  %-" + nameWidth + "s  %.4f%n", classNames.get(c), probabilities[c]);
                }
            }
        }
        out.flush();
    }

    /** The indices of the {@code k} largest values, largest first (the lower index first on ties). */
    static int[] mostLikely(float[] probabilities, int k) {
        return IntStream.range(0, probabilities.length).boxed()
                .sorted(Comparator.comparingDouble((Integer c) -> -probabilities[c]).thenComparing(c -> c))
                .limit(k)
                .mapToInt(Integer::intValue)
                .toArray();
    }
}

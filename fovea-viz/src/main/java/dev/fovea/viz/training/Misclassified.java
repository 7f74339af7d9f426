package dev.fovea.viz.training;

import dev.fovea.data.Batch;
import dev.fovea.data.DataLoader;
import dev.fovea.data.ImageSource;
import dev.fovea.model.Model;
import dev.fovea.tensor.Tensor;
import dev.fovea.viz.ModelInput;
import dev.fovea.viz.PredictedClasses;
import dev.fovea.viz.Sheet;
import dev.fovea.viz.TileImages;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The images a model gets wrong, in dataset order, each drawn as it is (raw pixels, enlarged to at
 * least {@value #MIN_TILE_PIXELS} pixels) with its true class and the prediction under it.
 */
public final class Misclassified {
    public static final int MIN_TILE_PIXELS = 100;
    /** Mistakes shown by {@link #draw(Model, ImageSource)}. */
    public static final int DEFAULT_COUNT = 32;
    private static final int COLUMNS = 8;
    private static final int BATCH = 256;

    private Misclassified() {}

    /** The first {@code max} images of {@code data} the model misclassifies, in dataset order. */
    public static List<Mistake> find(Model model, ImageSource data, int max) {
        List<Mistake> mistakes = new ArrayList<>();
        int first = 0;
        for (Batch batch : DataLoader.inOrder(data, BATCH, model.inputScaling())) {
            Tensor outputs = model.predict(batch.images());
            int[] predicted = PredictedClasses.of(model, outputs);
            int classes = outputs.size() / batch.size();
            for (int i = 0; i < batch.size() && mistakes.size() < max; i++) {
                if (predicted[i] != batch.labels()[i]) {
                    mistakes.add(new Mistake(first + i, batch.labels()[i], predicted[i],
                            PredictedClasses.confidence(outputs.data(), i, classes, predicted[i])));
                }
            }
            if (mistakes.size() >= max) {
                break;
            }
            first += batch.size();
        }
        return mistakes;
    }

    /** The first {@value #DEFAULT_COUNT} mistakes. */
    public static BufferedImage draw(Model model, ImageSource data) {
        return sheet(model, data, DEFAULT_COUNT).render();
    }

    /** The first {@code max} mistakes, {@value #COLUMNS} to a row, labelled "#index", "true: name" and "pred: name (p)". */
    public static Sheet sheet(Model model, ImageSource data, int max) {
        List<Mistake> mistakes = find(model, data, max);
        int scale = TileImages.factorFor(Math.max(data.height(), data.width()), MIN_TILE_PIXELS);
        Sheet sheet = new Sheet("Misclassified images of " + data.name())
                .note(mistakes.isEmpty() ? "none: every image is classified correctly"
                        : "the first " + mistakes.size() + " in dataset order; pred: the predicted class and its probability");
        if (mistakes.isEmpty()) {
            return sheet;
        }
        List<BufferedImage> tiles = new ArrayList<>();
        List<List<String>> labels = new ArrayList<>();
        for (Mistake m : mistakes) {
            tiles.add(TileImages.pixels(ModelInput.pixels(data, m.index()), data.height(), data.width(),
                    data.channels(), scale));
            labels.add(List.of("#" + m.index(), "true: " + name(data, m.trueClass()),
                    String.format(Locale.ROOT, "pred: %s (%.2f)", name(data, m.predicted()), m.confidence())));
        }
        return sheet.section(mistakes.size() + " images", tiles, labels, COLUMNS);
    }

    private static String name(ImageSource data, int k) {
        return k < data.classNames().size() ? data.classNames().get(k) : Integer.toString(k);
    }
}

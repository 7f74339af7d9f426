package dev.fovea.viz.report;

import dev.fovea.FoveaException;
import dev.fovea.model.Model;
import dev.fovea.viz.ModelInput;
import dev.fovea.viz.PngFiles;
import dev.fovea.viz.TileImages;
import dev.fovea.viz.activations.FeatureMaps;
import dev.fovea.viz.attribution.GradCam;
import dev.fovea.viz.attribution.Saliency;
import dev.fovea.viz.filters.EdgeDetection;
import dev.fovea.viz.filters.FilterGrid;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pictures of what a model does with one image, as {@code fovea visualize} writes them, one
 * PNG file each:
 * <pre>
 * input.png          the image as the network sees it: resized to its input, one pixel per pixel
 * filters.png        the first convolution layer's filters
 * feature-maps.png   the image's journey through every layer
 * saliency.png       the saliency map of the chosen class, beside and over the image
 * grad-cam.png       the Grad-CAM map of the chosen class over the last convolution layer
 * edges.png          hand-set Sobel filters applied to the image (in grey)
 * </pre>
 */
public final class ImagePictures {
    private ImagePictures() {}

    /**
     * Writes the pictures of an image of raw pixels (0-255, HWC, the model's input size) into
     * {@code directory} (created if needed) and returns the files in the order above. Saliency and
     * Grad-CAM explain class {@code classIndex}. The model must be a Sequential model of grey or
     * colour images with a Conv2D layer.
     */
    public static List<Path> write(Model model, float[] pixels, int classIndex, Path directory) {
        Map<String, BufferedImage> pictures = draw(model, pixels, classIndex);
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new FoveaException("cannot create " + directory + ": " + e.getClass().getSimpleName() + " "
                    + e.getMessage(), e);
        }
        List<Path> files = new ArrayList<>();
        for (Map.Entry<String, BufferedImage> picture : pictures.entrySet()) {
            Path file = directory.resolve(picture.getKey());
            PngFiles.write(picture.getValue(), file);
            files.add(file);
        }
        return files;
    }

    /** The pictures by file name, in the order of {@link #write}; nothing is written. */
    public static Map<String, BufferedImage> draw(Model model, float[] pixels, int classIndex) {
        ModelInput.requireImageInput(model);
        int[] in = model.inputShape();
        if (in[2] != 1 && in[2] != 3) {
            throw new IllegalArgumentException("pictures are drawn of grey or colour images, the model takes "
                    + in[2] + " channels");
        }
        ModelInput.scaled(model, pixels); // fails early on a wrong size or an untrained input scaling
        Map<String, BufferedImage> pictures = new LinkedHashMap<>();
        pictures.put("input.png", TileImages.pixels(pixels, in[0], in[1], in[2], 1));
        pictures.put("filters.png", FilterGrid.draw(model));
        pictures.put("feature-maps.png", FeatureMaps.draw(model, pixels));
        pictures.put("saliency.png", Saliency.draw(model, pixels, classIndex));
        pictures.put("grad-cam.png", GradCam.draw(model, pixels, classIndex));
        pictures.put("edges.png", EdgeDetection.draw(EdgesSection.grey(pixels, in[2]), in[0], in[1]));
        return pictures;
    }
}

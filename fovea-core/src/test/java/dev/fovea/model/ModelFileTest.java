package dev.fovea.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.FoveaException;
import dev.fovea.data.InputScaling;
import dev.fovea.io.Json;
import dev.fovea.io.SafeTensors;
import dev.fovea.io.SafeTensorsFile;
import dev.fovea.io.TensorData;
import dev.fovea.kernel.Padding;
import dev.fovea.nn.ActivationFunction;
import dev.fovea.nn.AveragePooling2D;
import dev.fovea.nn.BatchNormalization;
import dev.fovea.nn.Conv2D;
import dev.fovea.nn.Dense;
import dev.fovea.nn.Dropout;
import dev.fovea.nn.Flatten;
import dev.fovea.nn.ForwardContext;
import dev.fovea.nn.GlobalAveragePooling2D;
import dev.fovea.nn.Initializer;
import dev.fovea.nn.Layer;
import dev.fovea.nn.MaxPooling2D;
import dev.fovea.nn.Activation;
import dev.fovea.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {
    @TempDir
    Path dir;

    /**
     * A model using every layer type and non-default settings, so the round trip covers each config field;
     * its batch normalization has moving statistics from a training step.
     */
    private static Sequential everyLayerModel() {
        Sequential model = new Sequential(12, 10, 3).add(
                new Conv2D(4, 3, 2, Padding.SAME, ActivationFunction.leakyRelu(0.1f), true, Initializer.HE_NORMAL),
                new BatchNormalization(0.9, 1e-4, false, true),
                new MaxPooling2D(2, 1, Padding.explicit(1, 0, 0, 1)),
                new Conv2D(3, 2, 1, Padding.VALID, ActivationFunction.TANH, false, Initializer.LECUN_UNIFORM),
                new AveragePooling2D(2, 2, Padding.SAME),
                new Activation(ActivationFunction.SIGMOID),
                new Dropout(0.3f));
        model.add(new GlobalAveragePooling2D(), new Dense(5, ActivationFunction.RELU), new Dense(3, ActivationFunction.SOFTMAX));
        model.layers().get(0).trainable(false);
        model.initialize(11);
        model.classNames(List.of("cat", "dog", "émeu"));
        float[] images = new float[2 * 12 * 10 * 3];
        for (int i = 0; i < images.length; i++) {
            images[i] = (i * 13 % 17) / 17f;
        }
        model.forward(Tensor.of(images, 2, 12, 10, 3), ForwardContext.training(new SplittableRandom(1)));
        return model;
    }

    @Test
    void roundTripKeepsArchitectureWeightsClassNamesAndPredictions() {
        Sequential model = everyLayerModel();
        Path file = dir.resolve("m.safetensors");
        model.save(file);
        Model loaded = Model.load(file);
        assertEquals(model.summary(), loaded.summary());
        assertEquals(model.classNames(), loaded.classNames());
        assertFalse(Arrays.equals(new float[4], loaded.layers().get(1).parameters().get("moving_mean").data()),
                "the batch normalization's moving statistics from training are kept");
        for (int i = 0; i < model.layers().size(); i++) {
            Layer a = model.layers().get(i);
            Layer b = loaded.layers().get(i);
            assertEquals(a.config(), b.config(), a.name());
            assertEquals(a.trainable(), b.trainable(), a.name());
            for (String p : a.parameters().keySet()) {
                assertArrayEquals(a.parameters().get(p).data(), b.parameters().get(p).data(), a.name() + "/" + p);
            }
        }
        float[] pixels = new float[12 * 10 * 3];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = i * 7 % 256;
        }
        assertArrayEquals(model.predictPixels(pixels), loaded.predictPixels(pixels));
    }

    @Test
    void weightsAreStoredUnderLayerSlashParameterNamesInFoveaLayout() {
        Sequential model = BuiltinModels.create("keras-fashion", 28, 28, 1);
        model.initialize(1);
        Path file = dir.resolve("k.safetensors");
        model.save(file);
        SafeTensorsFile content = SafeTensors.read(file);
        assertEquals(List.of("conv2d/bias", "conv2d/kernel", "conv2d_1/bias", "conv2d_1/kernel", "dense/bias",
                "dense/kernel", "dense_1/bias", "dense_1/kernel"), content.names().stream().sorted().toList());
        assertArrayEquals(new int[] {3, 3, 1, 64}, content.shape("conv2d/kernel"));
        assertArrayEquals(new int[] {1600, 128}, content.shape("dense/kernel"));
        assertEquals("fovea-model", content.metadata().get("format"));
        assertEquals("unit", content.metadata().get("input_scaling"));
    }

    @Test
    void meanImageScalingIsStoredAndApplied() {
        Sequential model = new Sequential(2, 2, 1).add(new Flatten(), new Dense(2, ActivationFunction.SOFTMAX));
        model.initialize(3);
        model.inputScaling(InputScaling.meanImage(new float[] {10, 20, 30, 40}));
        Path file = dir.resolve("mean.safetensors");
        model.save(file);
        Model loaded = Model.load(file);
        assertEquals(InputScaling.Kind.MEAN_IMAGE, loaded.inputScaling().kind());
        assertArrayEquals(new float[] {10, 20, 30, 40}, loaded.inputScaling().meanImage());
        assertArrayEquals(model.predictPixels(new float[] {0, 255, 7, 9}), loaded.predictPixels(new float[] {0, 255, 7, 9}));
    }

    @Test
    void standardizeScalingKeepsItsChannelStatistics() {
        Sequential model = new Sequential(1, 2, 3).add(new Flatten(), new Dense(2, ActivationFunction.SOFTMAX));
        model.initialize(3);
        model.inputScaling(InputScaling.standardize(new float[] {125, 120, 100}, new float[] {60, 55, 50}));
        Path file = dir.resolve("standardize.safetensors");
        model.save(file);
        Model loaded = Model.load(file);
        assertEquals("standardize", SafeTensors.read(file).metadata().get("input_scaling"));
        assertArrayEquals(new float[] {125, 120, 100}, loaded.inputScaling().channelMean());
        assertArrayEquals(new float[] {60, 55, 50}, loaded.inputScaling().channelStd(), 1e-4f);
        float[] pixels = {0, 255, 7, 9, 100, 200};
        assertArrayEquals(model.predictPixels(pixels), loaded.predictPixels(pixels));
    }

    @Test
    void aScalingWithoutItsStatisticsIsNotSaved() {
        Sequential model = new Sequential(2, 2, 1).add(new Flatten(), new Dense(2, ActivationFunction.SOFTMAX));
        model.initialize(3);
        model.inputScaling(InputScaling.of(InputScaling.Kind.STANDARDIZE));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> model.save(dir.resolve("unfitted.safetensors")));
        assertTrue(e.getMessage().contains("fit"), e.getMessage());
    }

    @Test
    void aDamagedHeaderIsReportedWithTheFileName() throws IOException {
        Path file = dir.resolve("damaged.safetensors");
        BuiltinModels.create("lenet5", 28, 28, 1).initialize(1).save(file);
        byte[] bytes = Files.readAllBytes(file);
        bytes[10] = '#';
        Files.write(file, bytes);
        FoveaException e = assertThrows(FoveaException.class, () -> Model.load(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void aTruncatedFileIsReported() throws IOException {
        Path file = dir.resolve("cut.safetensors");
        BuiltinModels.create("lenet5", 28, 28, 1).initialize(1).save(file);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 100));
        FoveaException e = assertThrows(FoveaException.class, () -> Model.load(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void aMissingTensorIsNamed() {
        Path file = rewrite(tensors -> {
            tensors.remove("dense/kernel");
            return tensors;
        }, m -> m);
        FoveaException e = assertThrows(FoveaException.class, () -> Model.load(file));
        assertTrue(e.getMessage().contains("'dense/kernel' is missing"), e.getMessage());
        assertTrue(e.getMessage().contains("(1600, 128)"), e.getMessage());
    }

    @Test
    void aTensorOfTheWrongShapeIsNamed() {
        Path file = rewrite(tensors -> {
            tensors.put("conv2d/bias", new TensorData(new int[] {63}, new float[63]));
            return tensors;
        }, m -> m);
        FoveaException e = assertThrows(FoveaException.class, () -> Model.load(file));
        assertTrue(e.getMessage().contains("'conv2d/bias' has shape (63,)"), e.getMessage());
    }

    @Test
    void aFileThatIsNotAFoveaModelSaysSo() {
        Path file = rewrite(t -> t, metadata -> {
            metadata.remove("format");
            return metadata;
        });
        FoveaException e = assertThrows(FoveaException.class, () -> Model.load(file));
        assertTrue(e.getMessage().contains("'format' is missing"), e.getMessage());
    }

    @Test
    void anArchitectureWithAnUnknownLayerOrBadFieldNamesIt() {
        Path unknown = rewrite(t -> t, metadata -> {
            metadata.put("architecture", metadata.get("architecture").replace("\"Flatten\"", "\"Flattener\""));
            return metadata;
        });
        FoveaException e = assertThrows(FoveaException.class, () -> Model.load(unknown));
        assertTrue(e.getMessage().contains("unknown layer type 'Flattener'"), e.getMessage());
        Path badField = rewrite(t -> t, metadata -> {
            metadata.put("architecture", metadata.get("architecture").replace("\"units\":128", "\"units\":\"many\""));
            return metadata;
        });
        FoveaException f = assertThrows(FoveaException.class, () -> Model.load(badField));
        assertTrue(f.getMessage().contains("'units' must be an integer"), f.getMessage());
    }

    @Test
    void metadataThatIsNotJsonNamesTheFileAndField() {
        Path file = rewrite(t -> t, metadata -> {
            metadata.put("architecture", "{\"class\": ");
            return metadata;
        });
        FoveaException e = assertThrows(FoveaException.class, () -> Model.load(file));
        assertTrue(e.getMessage().startsWith(file + ": metadata field 'architecture' is not a valid JSON object"),
                e.getMessage());
        Path names = rewrite(t -> t, metadata -> {
            metadata.put("class_names", "[\"a\", ");
            return metadata;
        });
        FoveaException f = assertThrows(FoveaException.class, () -> Model.load(names));
        assertTrue(f.getMessage().startsWith(names + ": metadata field 'class_names' is not valid JSON"), f.getMessage());
    }

    @Test
    void anInputShapeTooLargeToFeedIsRejected() {
        Path file = rewrite(t -> t, metadata -> {
            metadata.put("architecture", metadata.get("architecture").replace("\"input_shape\":[28,28,1]",
                    "\"input_shape\":[1048576,1048576,1]"));
            return metadata;
        });
        FoveaException e = assertThrows(FoveaException.class, () -> Model.load(file));
        assertTrue(e.getMessage().contains("'input_shape' (1048576, 1048576, 1) has more than"), e.getMessage());
    }

    @Test
    void aHugeLayerInTheArchitectureIsRejectedBeforeAllocating() {
        // 2^30 units would need a 6.9 GB kernel: the file holds no such tensor, so it must fail on the shape check.
        Path file = rewrite(t -> t, metadata -> {
            metadata.put("architecture", metadata.get("architecture").replace("\"units\":128", "\"units\":1073741824"));
            return metadata;
        });
        FoveaException e = assertThrows(FoveaException.class, () -> Model.load(file));
        assertTrue(e.getMessage().contains("'dense/kernel' has shape (1600, 128)"), e.getMessage());
    }

    @Test
    void saveReplacesAnExistingFileWholeAndLeavesNoTemporaryFiles() throws IOException {
        Path file = dir.resolve("model.safetensors");
        BuiltinModels.create("lenet5", 28, 28, 1).initialize(1).save(file);
        Sequential second = BuiltinModels.create("keras-fashion", 28, 28, 1);
        second.initialize(2).save(file);
        assertEquals(second.summary(), Model.load(file).summary());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void aSequentialFileKeepsItsFormatAndLoadsAsSequential() {
        // The architecture as Sequential models have always been written; graph models did not change it.
        String architecture = "{\"class\":\"Sequential\",\"input_shape\":[4],\"layers\":[{\"type\":\"Dense\","
                + "\"name\":\"dense\",\"trainable\":true,\"config\":{\"units\":2,\"activation\":\"softmax\","
                + "\"use_bias\":true,\"kernel_initializer\":\"glorot_uniform\"}}]}";
        Path file = dir.resolve("old.safetensors");
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        tensors.put("dense/kernel", new TensorData(new int[] {4, 2}, new float[] {1, 2, 3, 4, 5, 6, 7, 8}));
        tensors.put("dense/bias", new TensorData(new int[] {2}, new float[] {0.5f, -0.5f}));
        SafeTensors.write(file, tensors, Map.of("format", "fovea-model", "format_version", "1",
                "architecture", architecture, "class_names", "[]", "input_scaling", "unit"));
        Model loaded = Model.load(file);
        assertTrue(loaded instanceof Sequential, loaded.getClass().getName());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, loaded.namedParameters().get("dense/kernel").data());
        Path again = dir.resolve("again.safetensors");
        loaded.save(again);
        assertEquals(architecture, SafeTensors.read(again).metadata().get("architecture"));
    }

    /** Saves keras-fashion, then writes it again with its tensors and metadata changed. */
    private Path rewrite(UnaryOperator<Map<String, TensorData>> tensors, UnaryOperator<Map<String, String>> metadata) {
        Path original = dir.resolve("original.safetensors");
        BuiltinModels.create("keras-fashion", 28, 28, 1).initialize(5).save(original);
        SafeTensorsFile content = SafeTensors.read(original);
        Map<String, TensorData> t = new LinkedHashMap<>();
        for (String name : content.names()) {
            t.put(name, content.tensor(name));
        }
        Path changed = dir.resolve("changed.safetensors");
        SafeTensors.write(changed, tensors.apply(t), metadata.apply(new LinkedHashMap<>(content.metadata())));
        assertTrue(Json.parse(content.metadata().get("architecture")) instanceof Map);
        return changed;
    }
}

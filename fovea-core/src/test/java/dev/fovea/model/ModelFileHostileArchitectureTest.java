package dev.fovea.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fovea.FoveaException;
import dev.fovea.io.SafeTensors;
import dev.fovea.io.SafeTensorsFile;
import dev.fovea.io.SizeLimits;
import dev.fovea.io.TensorData;
import dev.fovea.kernel.Padding;
import dev.fovea.nn.ActivationFunction;
import dev.fovea.nn.Conv2D;
import dev.fovea.nn.Dense;
import dev.fovea.nn.GlobalAveragePooling2D;
import dev.fovea.nn.Node;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small model file whose architecture asks for outputs too large to ever compute is refused when
 * loaded, naming the field, instead of failing inside the first prediction.
 */
class ModelFileHostileArchitectureTest {
    @TempDir
    Path dir;

    @AfterEach
    void clearLimit() {
        System.clearProperty(SizeLimits.LAYER_VALUES);
    }

    @Test
    void aLayerWhoseOutputCannotBeOneArrayIsRefusedWhenBuilt() {
        Sequential model = new Sequential(2048, 2048, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.add(new Conv2D(1024, 1, 1, Padding.SAME, ActivationFunction.RELU)));
        assertEquals("layer conv2d (Conv2D): its output of shape (2048, 2048, 1024) has more values per example"
                + " than one array holds (2^31 - 1)", e.getMessage());
    }

    @Test
    void aSixteenKilobyteFileAskingForAFourBillionValueOutputIsRefusedWhenLoaded() {
        // Written as a valid 4-filter model, then given 1024 filters: 4,096 weights in the file, but
        // 2048 x 2048 x 1024 output values for every image predicted.
        Path file = dir.resolve("hostile.safetensors");
        Sequential valid = new Sequential(2048, 2048, 3).add(new Conv2D(4, 1, 1, Padding.SAME, ActivationFunction.RELU),
                new GlobalAveragePooling2D());
        valid.initialize(1);
        valid.save(file);
        SafeTensorsFile content = SafeTensors.read(file);
        Map<String, String> metadata = new LinkedHashMap<>(content.metadata());
        metadata.put("architecture", metadata.get("architecture").replace("\"filters\":4,", "\"filters\":1024,"));
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        tensors.put("conv2d/kernel", new TensorData(new int[] {1, 1, 3, 1024}, new float[3 * 1024]));
        tensors.put("conv2d/bias", new TensorData(new int[] {1024}, new float[1024]));
        SafeTensors.write(file, tensors, metadata);

        FoveaException e = assertThrows(FoveaException.class, () -> Model.load(file));
        assertEquals(file + ": metadata field 'architecture' is invalid: layer conv2d (Conv2D): its output of shape"
                + " (2048, 2048, 1024) has more values per example than one array holds (2^31 - 1)", e.getMessage());
    }

    @Test
    void aLayerOutputBeyondTheLayerCapIsRefusedWhenLoadedAndLoadsWhenTheCapIsRaised() {
        // 2048 x 2048 x 64 = 268 million values per image (1 GiB): one array holds them, but every
        // prediction would need that much memory for one layer.
        Path file = dir.resolve("wide.safetensors");
        Sequential model = new Sequential(2048, 2048, 3).add(new Conv2D(64, 1, 1, Padding.SAME, ActivationFunction.RELU),
                new GlobalAveragePooling2D());
        model.initialize(1);
        model.save(file);

        FoveaException e = assertThrows(FoveaException.class, () -> Model.load(file));
        assertEquals(file + ": metadata field 'architecture' is invalid: layer conv2d outputs (2048, 2048, 64) = 268435456"
                + " values per example, more than the limit of 100000000 (system property fovea.limit.layerValues)",
                e.getMessage());

        System.setProperty(SizeLimits.LAYER_VALUES, "300000000");
        assertArrayEquals(new int[] {2048, 2048, 64}, Model.load(file).layers().get(0).outputShape());
    }

    @Test
    void aGraphModelLayerBeyondTheCapIsRefusedWhenLoaded() {
        Node in = Node.input("image", 8, 8, 1);
        Node features = new Conv2D(4, 3, 1, Padding.SAME, ActivationFunction.RELU).name("wide").apply(in);
        GraphModel model = GraphModel.of(in, new Dense(2).apply(new GlobalAveragePooling2D().apply(features)));
        model.initialize(1);
        Path file = dir.resolve("graph.safetensors");
        model.save(file);

        System.setProperty(SizeLimits.LAYER_VALUES, "255");
        FoveaException e = assertThrows(FoveaException.class, () -> Model.load(file));
        assertEquals(file + ": metadata field 'architecture' is invalid: layer wide outputs (8, 8, 4) = 256 values"
                + " per example, more than the limit of 255 (system property fovea.limit.layerValues)", e.getMessage());
        System.setProperty(SizeLimits.LAYER_VALUES, "256");
        assertEquals(3, Model.load(file).layers().size());
    }
}

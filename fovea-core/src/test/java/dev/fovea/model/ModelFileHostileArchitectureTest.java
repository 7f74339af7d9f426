package dev.fovea.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fovea.FoveaException;
import dev.fovea.io.SafeTensors;
import dev.fovea.io.SafeTensorsFile;
import dev.fovea.io.TensorData;
import dev.fovea.kernel.Padding;
import dev.fovea.nn.ActivationFunction;
import dev.fovea.nn.Conv2D;
import dev.fovea.nn.GlobalAveragePooling2D;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small model file whose architecture asks for outputs too large to ever compute is refused when
 * loaded, naming the field, instead of failing inside the first prediction.
 */
class ModelFileHostileArchitectureTest {
    @TempDir
    Path dir;

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
}

package dev.fovea.model.fuzz;

import static dev.fovea.testing.HostileInput.readsOrFails;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.fovea.FoveaException;
import dev.fovea.io.SafeTensors;
import dev.fovea.io.SafeTensorsFile;
import dev.fovea.io.TensorData;
import dev.fovea.model.Checkpoint;
import dev.fovea.model.Sequential;
import dev.fovea.nn.Loss;
import dev.fovea.optim.Adam;
import dev.fovea.optim.Optimizer;
import dev.fovea.optim.RmsProp;
import dev.fovea.optim.Sgd;
import dev.fovea.testing.HostileInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fuzzes checkpoints. A checkpoint that reads is resumed as far as the library goes without
 * training: its model compiled with the optimizer it names, whose state it restores (which may
 * refuse a state that does not fit the model with an IllegalArgumentException, as
 * {@link Optimizer#restore} documents). {@link #read} takes the input as the whole file;
 * {@link #trainingState} as the "training_state" metadata of the seed checkpoint "adam".
 */
class CheckpointFuzzTest {
    private static final String ADAM_SEED = "/dev/fovea/model/fuzz/CheckpointFuzzTestInputs/read/adam";

    @FuzzTest
    void read(byte[] input) {
        resume(HostileInput.asFile("checkpoint.safetensors", input));
    }

    @FuzzTest
    void trainingState(byte[] input) {
        SafeTensorsFile seed = AdamSeed.CONTENT;
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        seed.names().forEach(name -> tensors.put(name, seed.tensor(name)));
        Map<String, String> metadata = new LinkedHashMap<>(seed.metadata());
        metadata.put("training_state", new String(input, StandardCharsets.UTF_8));
        Path file = HostileInput.asFile("checkpoint.safetensors", new byte[0]);
        SafeTensors.write(file, tensors, metadata);
        resume(file);
    }

    private static void resume(Path file) {
        Checkpoint[] read = new Checkpoint[1];
        readsOrFails(() -> read[0] = Checkpoint.read(file), file, FoveaException.class);
        if (read[0] == null) {
            return;
        }
        Checkpoint checkpoint = read[0];
        Optimizer optimizer = switch (checkpoint.optimizerName()) {
            case "Adam" -> new Adam(1e-3);
            case "Sgd" -> new Sgd(1e-2);
            case "RmsProp" -> new RmsProp(1e-3);
            default -> null;
        };
        if (optimizer != null) {
            Sequential model = checkpoint.model();
            model.compile(optimizer, Loss.sparseCategoricalCrossentropy());
            readsOrFails(() -> checkpoint.restoreOptimizer(model), List.of(), IllegalArgumentException.class);
        }
    }

    /** The seed checkpoint, read once. */
    private static final class AdamSeed {
        static final SafeTensorsFile CONTENT = read();

        private static SafeTensorsFile read() {
            try (InputStream in = CheckpointFuzzTest.class.getResourceAsStream(ADAM_SEED)) {
                return SafeTensors.read(HostileInput.asFile("adam.safetensors", in.readAllBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}

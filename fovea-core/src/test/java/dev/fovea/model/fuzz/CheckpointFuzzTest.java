package dev.fovea.model.fuzz;

import static dev.fovea.testing.HostileInput.readsOrFails;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.fovea.FoveaException;
import dev.fovea.model.Checkpoint;
import dev.fovea.model.Sequential;
import dev.fovea.nn.Loss;
import dev.fovea.optim.Adam;
import dev.fovea.optim.Optimizer;
import dev.fovea.optim.RmsProp;
import dev.fovea.optim.Sgd;
import dev.fovea.testing.HostileInput;
import java.nio.file.Path;
import java.util.List;

/**
 * Fuzzes checkpoints with the input as a file. A checkpoint that reads is resumed as far as the
 * library goes without training: its model compiled with the optimizer it names, whose state it
 * restores. Restoring may refuse a state that does not fit the model with an
 * IllegalArgumentException, as {@link Optimizer#restore} documents.
 */
class CheckpointFuzzTest {
    @FuzzTest
    void read(byte[] input) {
        Path file = HostileInput.asFile("checkpoint.safetensors", input);
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
}

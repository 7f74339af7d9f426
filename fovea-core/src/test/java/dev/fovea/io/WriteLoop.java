package dev.fovea.io;

import dev.fovea.model.Checkpoint;
import dev.fovea.model.Sequential;
import dev.fovea.nn.ActivationFunction;
import dev.fovea.nn.Conv2D;
import dev.fovea.nn.Dense;
import dev.fovea.nn.Flatten;
import dev.fovea.optim.Sgd;
import dev.fovea.train.TrainingState;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.Files;
import java.util.List;

/**
 * The child process of {@link AtomicFilesKillTest}. Started with a directory as its argument, it
 * builds its models, prints "ready" and waits for a line on stdin (so the test can start the next
 * child while killing this one); then it writes a model file and a checkpoint to fixed paths in
 * the directory, over and over until it is killed, cycling through {@link #VERSIONS} weight sets,
 * and records "model V" or "checkpoint V" in its progress file (the second argument) after each
 * completed write. It exits by itself when stdin
 * ends before the go-ahead or stdout is closed, so it never outlives the test.
 */
final class WriteLoop {
    static final int VERSIONS = 3;
    static final String MODEL = "model.safetensors";
    static final String CHECKPOINT = "checkpoint.safetensors";
    static final long SEED = 7;

    private WriteLoop() {}

    /** Version {@code v}'s weights: about 50,000 parameters, so a file takes a moment to write. */
    static Sequential model(int version) {
        Sequential model = new Sequential(16, 16, 1).add(new Conv2D(8, 3, ActivationFunction.RELU), new Flatten(),
                new Dense(32, ActivationFunction.RELU), new Dense(10, ActivationFunction.SOFTMAX));
        model.initialize(100 + version);
        return model;
    }

    /** The training state saved with version {@code v}: its epoch is the version, so a checkpoint names its own. */
    static TrainingState state(int version) {
        return new TrainingState(version, 0, 0, 0, 0, List.of());
    }

    public static void main(String[] args) throws IOException {
        Path directory = Path.of(args[0]);
        Path progress = Path.of(args[1]);
        Sequential[] models = new Sequential[VERSIONS];
        for (int v = 0; v < VERSIONS; v++) {
            models[v] = model(v);
        }
        Sgd optimizer = new Sgd(0.1);
        PrintStream out = System.out;
        report(out, "ready");
        if (new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine() == null) {
            return;
        }
        for (int i = 0; ; i = (i + 1) % VERSIONS) {
            models[i].save(directory.resolve(MODEL));
            record(progress, "model " + i);
            Checkpoint.write(directory.resolve(CHECKPOINT), models[i], optimizer, state(i), SEED);
            record(progress, "checkpoint " + i);
        }
    }

    /**
     * Appends a line to the progress file in one write: once the call returns the kernel holds it,
     * so the test reads it after a SIGKILL. (What a killed process had written to a pipe can be lost
     * on the reading side, which made stdout an unreliable record of completed writes.)
     */
    private static void record(Path progress, String line) throws IOException {
        Files.write(progress, (line + "\n").getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static void report(PrintStream out, String line) {
        out.println(line);
        out.flush();
        if (out.checkError()) {
            System.exit(1); // the test is gone
        }
    }
}

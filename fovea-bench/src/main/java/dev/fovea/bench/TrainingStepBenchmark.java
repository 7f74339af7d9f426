package dev.fovea.bench;

import dev.fovea.kernel.Parallel;
import dev.fovea.model.BuiltinModels;
import dev.fovea.model.Sequential;
import dev.fovea.nn.ActivationFunction;
import dev.fovea.nn.ForwardContext;
import dev.fovea.nn.Loss;
import dev.fovea.optim.Adam;
import dev.fovea.optim.Optimizer;
import dev.fovea.tensor.NoGrad;
import dev.fovea.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training step of a built-in model (zero the gradients, forward to the logits, softmax
 * cross-entropy, backward, Adam) on a fixed random batch, and one inference forward pass at batch
 * 256: what {@code fovea bench} times, without the data loading.
 *
 * <p>Its main use is memory: run it with {@code -prof gc} and read {@code gc.alloc.rate.norm},
 * the bytes allocated per step over all threads (the kernels' work runs on the shared ForkJoin
 * pool, which per-thread counters miss):
 * <pre>{@code java -jar fovea-bench/target/fovea-benchmarks.jar TrainingStepBenchmark -prof gc}</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx2g"})
public class TrainingStepBenchmark {
    static final int INFER_BATCH = 256;

    @Param({"keras-fashion"})
    public String model;

    @Param({"32", "128"})
    public int batch;

    @Param({"2"})
    public int threads;

    private Sequential network;
    private Optimizer optimizer;
    private final Loss loss = Loss.sparseCategoricalCrossentropy();
    private List<Tensor> parameters;
    private ForwardContext training;
    private Tensor images;
    private int[] labels;
    private Tensor inferenceImages;

    @Setup(Level.Trial)
    public void setUp() {
        Parallel.setThreads(threads);
        int[] shape = BuiltinModels.entry(model).inputShape();
        network = BuiltinModels.create(model, shape);
        network.initialize(1);
        optimizer = new Adam(1e-3);
        parameters = network.trainableParameters();
        training = ForwardContext.training(new SplittableRandom(2));
        SplittableRandom random = new SplittableRandom(3);
        int imageSize = shape[0] * shape[1] * shape[2];
        images = Tensor.of(GemmBenchmark.randomArray(batch * imageSize, random), batch, shape[0], shape[1], shape[2]);
        int classes = network.outputShape()[0];
        labels = new int[batch];
        for (int i = 0; i < batch; i++) {
            labels[i] = random.nextInt(classes);
        }
        inferenceImages = Tensor.of(GemmBenchmark.randomArray(INFER_BATCH * imageSize, random),
                INFER_BATCH, shape[0], shape[1], shape[2]);
    }

    /** The training loop's body, as {@code Trainer.fit} runs it; returns the loss. */
    @Benchmark
    public float trainStep() {
        for (Tensor p : parameters) {
            p.zeroGrad();
        }
        Tensor logits = network.forwardBefore(ActivationFunction.SOFTMAX, images, training);
        Tensor batchLoss = loss.compute(logits, labels);
        batchLoss.backward();
        optimizer.step(parameters);
        return batchLoss.item();
    }

    /** Inference at batch 256, no gradients recorded; returns the outputs. */
    @Benchmark
    public float[] infer() {
        try (NoGrad scope = NoGrad.enter()) {
            return network.forward(inferenceImages, ForwardContext.INFERENCE).data();
        }
    }
}

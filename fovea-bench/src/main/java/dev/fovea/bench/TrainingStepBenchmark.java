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
 * cross-entropy, backward, Adam) on a fixed random batch, and one inference pass at batch 256:
 * what {@code fovea bench} times, without the data loading. By default model A (keras-fashion) at
 * batch 32 and 128 on 2 threads.
 *
 * <p>Its main use is memory: run it with {@code -prof gc} and read {@code gc.alloc.rate.norm},
 * the bytes allocated per step over all threads (the kernels' work runs on the shared ForkJoin
 * pool, which per-thread counters miss):
 * <pre>{@code java -jar fovea-bench/target/fovea-benchmarks.jar TrainingStepBenchmark -prof gc}</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx2g"})
public class TrainingStepBenchmark {
    static final int INFER_BATCH = 256;

    /** The built-in model {@code name}, initialized, with kernels on {@code threads} threads. */
    static Sequential model(String name, int threads) {
        Parallel.setThreads(threads);
        Sequential network = BuiltinModels.create(name, BuiltinModels.entry(name).inputShape());
        network.initialize(1);
        return network;
    }

    /** {@code count} random images of the network's input shape. */
    static Tensor randomImages(Sequential network, int count, SplittableRandom random) {
        int[] shape = network.inputShape();
        return Tensor.of(GemmBenchmark.randomArray(count * shape[0] * shape[1] * shape[2], random),
                count, shape[0], shape[1], shape[2]);
    }

    /** A model, a training batch with labels, and the optimizer. */
    @State(Scope.Benchmark)
    public static class Training {
        @Param({"keras-fashion"})
        public String model;

        @Param({"32", "128"})
        public int batch;

        @Param({"2"})
        public int threads;

        Sequential network;
        Optimizer optimizer;
        final Loss loss = Loss.sparseCategoricalCrossentropy();
        List<Tensor> parameters;
        ForwardContext context;
        Tensor images;
        int[] labels;

        @Setup(Level.Trial)
        public void setUp() {
            network = model(model, threads);
            optimizer = new Adam(1e-3);
            parameters = network.trainableParameters();
            context = ForwardContext.training(new SplittableRandom(2));
            SplittableRandom random = new SplittableRandom(3);
            images = randomImages(network, batch, random);
            labels = new int[batch];
            for (int i = 0; i < batch; i++) {
                labels[i] = random.nextInt(network.outputShape()[0]);
            }
        }
    }

    /** A model and an inference batch of {@link #INFER_BATCH} images. */
    @State(Scope.Benchmark)
    public static class Inference {
        @Param({"keras-fashion"})
        public String model;

        @Param({"2"})
        public int threads;

        Sequential network;
        Tensor images;

        @Setup(Level.Trial)
        public void setUp() {
            network = model(model, threads);
            images = randomImages(network, INFER_BATCH, new SplittableRandom(4));
        }
    }

    /** The training loop's body, as {@code Trainer.fit} runs it; returns the loss. */
    @Benchmark
    public float trainStep(Training s) {
        for (Tensor p : s.parameters) {
            p.zeroGrad();
        }
        Tensor logits = s.network.forwardBefore(ActivationFunction.SOFTMAX, s.images, s.context);
        Tensor batchLoss = s.loss.compute(logits, s.labels);
        batchLoss.backward();
        s.optimizer.step(s.parameters);
        return batchLoss.item();
    }

    /** Inference at batch 256, no gradients recorded; returns the outputs. */
    @Benchmark
    public float[] infer(Inference s) {
        try (NoGrad scope = NoGrad.enter()) {
            return s.network.forward(s.images, ForwardContext.INFERENCE).data();
        }
    }
}

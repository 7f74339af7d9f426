package dev.fovea.cli;

import dev.fovea.data.Batch;
import dev.fovea.data.DataLoader;
import dev.fovea.data.ImageDataset;
import dev.fovea.data.ImageSource;
import dev.fovea.data.InputScaling;
import dev.fovea.io.Json;
import dev.fovea.kernel.Gemm;
import dev.fovea.kernel.Parallel;
import dev.fovea.kernel.WeightCache;
import dev.fovea.model.BuiltinModels;
import dev.fovea.model.Model;
import dev.fovea.model.TrainingRecipe;
import dev.fovea.nn.ActivationFunction;
import dev.fovea.nn.ForwardContext;
import dev.fovea.nn.Loss;
import dev.fovea.optim.LearningRateSchedule;
import dev.fovea.optim.Optimizer;
import dev.fovea.tensor.InferenceArrays;
import dev.fovea.tensor.NoGrad;
import dev.fovea.tensor.Tensor;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code fovea bench}: training and inference throughput of the built-in models, with the protocol
 * of the PyTorch peer ({@code ../shared/bench/pytorch_peer.py throughput}), or GEMM GFLOP/s.
 *
 * <p>Protocol: warm-up batches, then training until at least --seconds of clean time, timed in
 * 1-second chunks of which those where other processes used more than 5 % of the machine are
 * dropped (see {@link CpuMonitor}); then inference at batch 256 over the test set for at least
 * --infer-seconds of clean time. Each run prints one JSON line on stdout.
 */
@Command(name = "bench",
        description = {
            "Measure training and inference speed (images/s) or GEMM speed (GFLOP/s); one JSON line per run.",
            "",
            "Without --model, runs the standard configurations one after the other: A (keras-fashion) at "
                    + "batch 32 and 128, B (lenet5) at batch 64, C (tf-mnist) at batch 128. Same protocol as "
                    + "the PyTorch peer: warm-up, training for at least --seconds of clean time (1-second chunks "
                    + "in which other processes used over 5%% of the CPU are dropped), then inference at batch "
                    + "256 over the test set for at least --infer-seconds.",
            "",
            "With --gemm N, measures one N x N x N single-precision matrix product instead."
        })
final class BenchCommand implements Runnable {
    /** The standard configurations: model letter, built-in name, batch size. */
    static final List<Object[]> STANDARD = List.of(
            new Object[] {"A", "keras-fashion", 32},
            new Object[] {"A", "keras-fashion", 128},
            new Object[] {"B", "lenet5", 64},
            new Object[] {"C", "tf-mnist", 128});

    static final int INFER_BATCH = 256;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "NAME", converter = BenchModelName.class,
            description = "Built-in model, or A, B or C for keras-fashion, lenet5, tf-mnist (default: all "
                    + "standard configurations).")
    String model;

    @Option(names = "--batch-size", paramLabel = "N", converter = Converters.PositiveInt.class,
            description = "Training batch size (default: the standard configuration's: A 32, B 64, C 128; "
                    + "else the recipe's).")
    Integer batchSize;

    @Option(names = "--seconds", paramLabel = "X", converter = Converters.PositiveDouble.class,
            description = "Clean seconds of timed training (default: 20), or of timed GEMM with --gemm (default: 3).")
    Double seconds;

    @Option(names = "--infer-seconds", paramLabel = "X", defaultValue = "10",
            converter = Converters.PositiveDouble.class,
            description = "Clean seconds of timed inference (default: ${DEFAULT-VALUE}).")
    double inferSeconds;

    @Option(names = "--max-seconds", paramLabel = "X", defaultValue = "150",
            converter = Converters.PositiveDouble.class,
            description = "Give up waiting for clean time after this many seconds per phase (default: ${DEFAULT-VALUE}).")
    double maxSeconds;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "50", converter = NonNegativeInt.class,
            description = "Untimed training batches first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--threads", paramLabel = "N", converter = Converters.PositiveInt.class,
            description = "Threads for the computation (default: one per processor).")
    Integer threads;

    @Option(names = "--synthetic",
            description = "Random images and labels of Fashion-MNIST's size (60,000 + 10,000 of 28x28x1) "
                    + "instead of the real dataset.")
    boolean synthetic;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Fixes the initial weights and the shuffling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--gemm", paramLabel = "N", converter = Converters.PositiveInt.class,
            description = "Measure an N x N x N single-precision GEMM (GFLOP/s) instead of a model.")
    Integer gemm;

    @Mixin
    DatasetOptions dataset;

    @Override
    public void run() {
        if (gemm != null && (model != null || batchSize != null || synthetic)) {
            throw new ParameterException(spec.commandLine(),
                    "--gemm measures a matrix product: it cannot be combined with --model, --batch-size or --synthetic");
        }
        if (threads != null) {
            Parallel.setThreads(threads);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (gemm != null) {
            out.println(toJson(runGemm(gemm, seconds != null ? seconds : 3.0)));
            out.flush();
            return;
        }
        List<Object[]> configs = new ArrayList<>();
        if (model == null) {
            if (batchSize == null) {
                configs.addAll(STANDARD);
            } else {
                configs.add(new Object[] {"A", "keras-fashion", batchSize});
                configs.add(new Object[] {"B", "lenet5", batchSize});
                configs.add(new Object[] {"C", "tf-mnist", batchSize});
            }
        } else {
            String letter = letterOf(model);
            int batch = batchSize != null ? batchSize : defaultBatch(model);
            configs.add(new Object[] {letter != null ? letter : model, model, batch});
        }
        TrainingData data = synthetic ? syntheticData(seed) : dataset.load(new int[] {28, 28, 1}, seed);
        for (Object[] config : configs) {
            Map<String, Object> result = runModel((String) config[0], (String) config[1], (Integer) config[2], data);
            out.println(toJson(result));
            out.flush();
        }
    }

    private Map<String, Object> runModel(String label, String name, int batch, TrainingData data) {
        ImageSource train = data.train();
        ImageSource test = data.test();
        TrainingRecipe recipe = BuiltinModels.entry(name).recipe();
        // An int[] argument picks create(String, int...) whatever other overloads there are.
        Model network = BuiltinModels.create(name, new int[] {train.height(), train.width(), train.channels()});
        network.initialize(seed);
        Optimizer optimizer = TrainingRecipe.optimizer(recipe.optimizer(), recipe.momentum(), 0f,
                LearningRateSchedule.constant(recipe.learningRate()));
        Loss loss = Loss.sparseCategoricalCrossentropy();
        ActivationFunction fused = loss.fusedActivation();
        InputScaling scaling = network.inputScaling().fittedTo(train);
        List<Tensor> parameters = network.trainableParameters();
        ForwardContext training = ForwardContext.training(new SplittableRandom(seed ^ 0x5DEECE66DL));
        if (train.size() < batch) {
            throw new IllegalArgumentException("the training set has " + train.size()
                    + " images, fewer than one batch of " + batch);
        }
        if (test.size() < INFER_BATCH) {
            throw new IllegalArgumentException("the test set has " + test.size()
                    + " images, fewer than one inference batch of " + INFER_BATCH);
        }
        BatchStream stream = new BatchStream(train, batch, scaling, seed);

        // Training: warm-up, then timed until enough clean time (or the time limit).
        for (int i = 0; i < warmup; i++) {
            trainStep(network, optimizer, loss, fused, parameters, training, stream.next());
        }
        double trainSeconds = seconds != null ? seconds : 20.0;
        CpuMonitor.ChunkTimer timer = new CpuMonitor.ChunkTimer();
        long start = System.nanoTime();
        float lastLoss = Float.NaN;
        while (timer.cleanSeconds() < trainSeconds && (System.nanoTime() - start) / 1e9 < maxSeconds) {
            Batch b = stream.next();
            lastLoss = trainStep(network, optimizer, loss, fused, parameters, training, b);
            timer.tick(b.size());
        }
        Map<String, Object> trainTiming = timer.finish();

        // Inference at batch 256 over the test set's full batches, inputs prepared beforehand as the peer's are.
        DataLoader testLoader = DataLoader.inOrder(test, INFER_BATCH, scaling);
        List<Tensor> testBatches = new ArrayList<>();
        for (int i = 0; i < test.size() / INFER_BATCH; i++) {
            testBatches.add(testLoader.batch(i).images());
        }
        Map<String, Object> inferTiming;
        // Each batch's outputs are released once made, as a caller that reads them and moves on would.
        try (NoGrad scope = NoGrad.enter(); InferenceArrays arrays = InferenceArrays.enter();
             WeightCache weights = WeightCache.enter()) {
            for (int i = 0; i < 20; i++) {
                InferenceArrays.release(network.forward(testBatches.get(i % testBatches.size()), ForwardContext.INFERENCE));
            }
            timer = new CpuMonitor.ChunkTimer();
            start = System.nanoTime();
            while (timer.cleanSeconds() < inferSeconds && (System.nanoTime() - start) / 1e9 < maxSeconds) {
                for (Tensor images : testBatches) {
                    InferenceArrays.release(network.forward(images, ForwardContext.INFERENCE));
                    timer.tick(INFER_BATCH);
                    if (timer.cleanSeconds() >= inferSeconds) {
                        break;
                    }
                }
            }
            inferTiming = timer.finish();
        }

        Map<String, Object> r = new LinkedHashMap<>();
        r.put("mode", "throughput");
        r.put("model", label);
        r.put("model_name", name);
        r.put("batch", batch);
        r.put("warmup_batches", warmup);
        r.put("train_img_s", trainTiming.get("clean_rate"));
        r.put("infer_batch", INFER_BATCH);
        r.put("infer_img_s", inferTiming.get("clean_rate"));
        r.put("train_timing", trainTiming);
        r.put("infer_timing", inferTiming);
        r.put("clean", (double) trainTiming.get("clean_seconds") >= trainSeconds
                && (double) inferTiming.get("clean_seconds") >= inferSeconds);
        r.put("last_loss", Float.isFinite(lastLoss) ? CpuMonitor.round(lastLoss, 4) : null);
        r.put("data", synthetic ? "synthetic" : dataset.name);
        putEnvironment(r);
        r.put("peak_rss_mb", PeakMemory.peakRssMb());
        return r;
    }

    private static float trainStep(Model network, Optimizer optimizer, Loss loss, ActivationFunction fused,
                                   List<Tensor> parameters, ForwardContext context, Batch batch) {
        for (Tensor p : parameters) {
            p.zeroGrad();
        }
        Tensor outputs = network.forwardBefore(fused, batch.images(), context);
        Tensor batchLoss = loss.compute(outputs, batch.labels());
        batchLoss.backward();
        optimizer.step(parameters);
        return batchLoss.item();
    }

    /** Endless shuffled full batches: a new order each epoch, the last partial batch dropped (as the peer does). */
    private static final class BatchStream {
        private final ImageSource data;
        private final int batch;
        private final InputScaling scaling;
        private final long seed;
        private DataLoader loader;
        private int epoch = -1;
        private int index;
        private int full;

        BatchStream(ImageSource data, int batch, InputScaling scaling, long seed) {
            this.data = data;
            this.batch = batch;
            this.scaling = scaling;
            this.seed = seed;
            this.full = data.size() / batch;
            this.index = full;
        }

        Batch next() {
            if (index >= full) {
                epoch++;
                loader = DataLoader.shuffled(data, batch, scaling, seed, epoch);
                index = 0;
            }
            return loader.batch(index++);
        }
    }

    /** GFLOP/s of C = A * B, N x N x N: warm-up, then windows of >= 0.3 s (>= 3 calls) for >= {@code seconds}. */
    private Map<String, Object> runGemm(int n, double seconds) {
        long size = (long) n * n;
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("--gemm " + n + " is too large: an N x N matrix must fit one Java array");
        }
        SplittableRandom random = new SplittableRandom(seed);
        float[] a = new float[(int) size];
        float[] b = new float[(int) size];
        float[] c = new float[(int) size];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (random.nextDouble() * 2 - 1);
            b[i] = (float) (random.nextDouble() * 2 - 1);
        }
        double flops = 2.0 * n * n * n;
        long warmupEnd = System.nanoTime() + (long) (Math.min(1.0, seconds / 3) * 1e9);
        int warmupCalls = 0;
        while (warmupCalls < 3 || System.nanoTime() < warmupEnd) {
            Gemm.gemm(false, false, n, n, n, a, 0, n, b, 0, n, c, 0, n, false);
            warmupCalls++;
        }
        double window = Math.min(0.3, seconds / 5);
        List<Double> clean = new ArrayList<>();
        List<Double> all = new ArrayList<>();
        double timed = 0;
        long start = System.nanoTime();
        while ((timed < seconds || clean.isEmpty()) && (System.nanoTime() - start) / 1e9 < Math.max(maxSeconds, seconds)) {
            CpuMonitor monitor = CpuMonitor.start();
            int calls = 0;
            long t0 = System.nanoTime();
            double dt;
            do {
                Gemm.gemm(false, false, n, n, n, a, 0, n, b, 0, n, c, 0, n, false);
                calls++;
                dt = (System.nanoTime() - t0) / 1e9;
            } while (calls < 3 || dt < window);
            double[] info = monitor == null ? null : monitor.stop();
            double rate = flops * calls / dt / 1e9;
            all.add(rate);
            timed += dt;
            if (info == null || info[0] <= 0.05) {
                clean.add(rate);
            }
        }
        List<Double> rates = clean.isEmpty() ? all : clean;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("mode", "gemm");
        r.put("m", n);
        r.put("n", n);
        r.put("k", n);
        r.put("gflops", CpuMonitor.round(median(rates), 2));
        r.put("gflops_min", CpuMonitor.round(rates.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN), 2));
        r.put("gflops_max", CpuMonitor.round(rates.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN), 2));
        r.put("windows", all.size());
        r.put("clean_windows", clean.size());
        r.put("clean", !clean.isEmpty());
        r.put("timed_seconds", CpuMonitor.round(timed, 2));
        r.put("checksum", c[0] + c[c.length - 1]);   // keeps the products observable
        putEnvironment(r);
        r.put("peak_rss_mb", PeakMemory.peakRssMb());
        return r;
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static void putEnvironment(Map<String, Object> r) {
        r.put("threads", Parallel.threads());
        r.put("jdk", System.getProperty("java.version"));
        r.put("gemm", Gemm.implementation());   // "vector" (Vector API micro-kernel) or "scalar"
        r.put("gemm_tile", Gemm.tile());
        r.put("vector_module", ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent());
    }

    /** Random 28x28x1 images (60,000 training, 10,000 test) with random labels of 10 classes. */
    static TrainingData syntheticData(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> classes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            classes.add("class" + i);
        }
        return new TrainingData("synthetic", synthetic("synthetic-train", 60_000, classes, random),
                synthetic("synthetic-test", 10_000, classes, random), "random bytes", List.of());
    }

    private static ImageDataset synthetic(String name, int count, List<String> classes, SplittableRandom random) {
        byte[] pixels = new byte[count * 28 * 28];
        for (int i = 0; i < pixels.length; i += 8) {
            long bits = random.nextLong();
            for (int j = 0; j < 8 && i + j < pixels.length; j++) {
                pixels[i + j] = (byte) (bits >>> (8 * j));
            }
        }
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = random.nextInt(classes.size());
        }
        return new ImageDataset(name, 28, 28, 1, pixels, labels, classes);
    }

    /** A, B or C for the standard models, else null. */
    static String letterOf(String name) {
        for (Object[] config : STANDARD) {
            if (config[1].equals(name)) {
                return (String) config[0];
            }
        }
        return null;
    }

    /** The standard configuration's batch for A, B, C (the first one listed), else the recipe's. */
    static int defaultBatch(String name) {
        for (Object[] config : STANDARD) {
            if (config[1].equals(name)) {
                return (Integer) config[2];
            }
        }
        return BuiltinModels.entry(name).recipe().batchSize();
    }

    /** A built-in model name, or the letter A, B or C of a standard one. */
    static final class BenchModelName implements ITypeConverter<String> {
        @Override
        public String convert(String text) {
            for (Object[] config : STANDARD) {
                if (config[0].equals(text.toUpperCase(Locale.ROOT))) {
                    return (String) config[1];
                }
            }
            return new Converters.ModelName().convert(text);
        }
    }

    /** A whole number of at least 0. */
    static final class NonNegativeInt implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            int value;
            try {
                value = Integer.parseInt(text.trim());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("expected a whole number, got '" + text + "'");
            }
            if (value < 0) {
                throw new TypeConversionException("must be at least 0, got " + value);
            }
            return value;
        }
    }

    /** One JSON line; a measurement that could not be made (NaN, infinite) is written as null. */
    static String toJson(Map<String, Object> result) {
        return Json.write(finite(result));
    }

    private static Object finite(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((key, inner) -> out.put(key, finite(inner)));
            return out;
        }
        boolean missing = (value instanceof Double || value instanceof Float)
                && !Double.isFinite(((Number) value).doubleValue());
        return missing ? null : value;
    }
}

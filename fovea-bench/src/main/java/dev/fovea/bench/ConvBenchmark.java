package dev.fovea.bench;

import dev.fovea.kernel.Conv2dKernels;
import dev.fovea.kernel.Padding;
import dev.fovea.kernel.Parallel;
import dev.fovea.kernel.Window2d;
import java.util.LinkedHashMap;
import java.util.Map;
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
 * One convolution layer's kernels through {@link Conv2dKernels} (im2col + GEMM): forward, the
 * gradient of the input both ways, the gradient of the weights (with the bias). By default the two layers of
 * model A at batch 32; model B's and C's layers are there too ({@code -p layer=C.conv2}).
 *
 * <p>The {@code :gflops} line counts the GEMM's flops only (2 * output pixels * patch * filters),
 * so it is comparable with {@link GemmBenchmark}; the score includes im2col/col2im and the bias.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx2g"})
public class ConvBenchmark {
    /** A convolution layer: its input geometry and number of filters. */
    record Layer(Window2d window, int filters) {
        long flops() {
            return 2L * window.outputPixels() * window.patchSize() * filters;
        }
    }

    static final Map<String, Layer> LAYERS = new LinkedHashMap<>();

    static {
        LAYERS.put("A.conv1", new Layer(Window2d.of(32, 28, 28, 1, 3, 3, 1, 1, Padding.VALID), 64));
        LAYERS.put("A.conv2", new Layer(Window2d.of(32, 13, 13, 64, 3, 3, 1, 1, Padding.VALID), 64));
        LAYERS.put("B.conv1", new Layer(Window2d.of(64, 28, 28, 1, 5, 5, 1, 1, Padding.VALID), 6));
        LAYERS.put("B.conv2", new Layer(Window2d.of(64, 12, 12, 6, 5, 5, 1, 1, Padding.VALID), 16));
        LAYERS.put("C.conv1", new Layer(Window2d.of(128, 28, 28, 1, 5, 5, 1, 1, Padding.SAME), 32));
        LAYERS.put("C.conv2", new Layer(Window2d.of(128, 14, 14, 32, 5, 5, 1, 1, Padding.SAME), 64));
        // The ResNet's stem and one 3x3 convolution of each stage (batch 128, 28x28 input).
        LAYERS.put("R.stem", new Layer(Window2d.of(128, 28, 28, 1, 3, 3, 1, 1, Padding.SAME), 16));
        LAYERS.put("R.stage1", new Layer(Window2d.of(128, 28, 28, 16, 3, 3, 1, 1, Padding.SAME), 16));
        LAYERS.put("R.stage2", new Layer(Window2d.of(128, 14, 14, 32, 3, 3, 1, 1, Padding.SAME), 32));
        LAYERS.put("R.stage3", new Layer(Window2d.of(128, 7, 7, 64, 3, 3, 1, 1, Padding.SAME), 64));
    }

    @Param({"A.conv1", "A.conv2"})
    public String layer;

    @Param({"1", "2"})
    public int threads;

    private Layer l;
    private float[] x;
    private float[] w;
    private float[] bias;
    private float[] y;
    private float[] dy;
    private float[] dx;
    private float[] dw;
    private float[] dbias;

    @Setup(Level.Trial)
    public void setUp() {
        l = LAYERS.get(layer);
        if (l == null) {
            throw new IllegalArgumentException("unknown layer " + layer + ": expected one of " + LAYERS.keySet());
        }
        Parallel.setThreads(threads);
        SplittableRandom random = new SplittableRandom(1);
        Window2d g = l.window;
        x = GemmBenchmark.randomArray(g.inputSize(), random);
        w = GemmBenchmark.randomArray(g.patchSize() * l.filters, random);
        bias = GemmBenchmark.randomArray(l.filters, random);
        y = new float[g.outputSize(l.filters)];
        dy = GemmBenchmark.randomArray(g.outputSize(l.filters), random);
        dx = new float[g.inputSize()];
        dw = new float[w.length];
        dbias = new float[l.filters];
    }

    /** The gradients accumulate; start each iteration from zero so they stay small. */
    @Setup(Level.Iteration)
    public void clearGradients() {
        java.util.Arrays.fill(dx, 0f);
        java.util.Arrays.fill(dw, 0f);
        java.util.Arrays.fill(dbias, 0f);
    }

    @Benchmark
    public float[] forward(FlopCounter counter) {
        Conv2dKernels.forward(l.window, l.filters, x, w, bias, false, y);
        counter.gflops += l.flops();
        return y;
    }

    /** The input gradient as GEMM + col2im (what {@link Conv2dKernels#backwardInput} does unless stride 1 and SAME). */
    @Benchmark
    public float[] backwardInputThroughColumns(FlopCounter counter) {
        Conv2dKernels.backwardInputThroughColumns(l.window, l.filters, dy, null, w, dx);
        counter.gflops += l.flops();
        return dx;
    }

    /** The input gradient as a correlation of dy with the turned kernel (what it does for stride 1 and SAME). */
    @Benchmark
    public float[] backwardInputAsCorrelation(FlopCounter counter) {
        Conv2dKernels.backwardInputAsCorrelation(l.window, l.filters, dy, null, w, dx);
        counter.gflops += l.flops();
        return dx;
    }

    @Benchmark
    public float[] backwardWeights(FlopCounter counter) {
        Conv2dKernels.backwardWeights(l.window, l.filters, x, dy, null, dw, dbias);
        counter.gflops += l.flops();
        return dw;
    }
}

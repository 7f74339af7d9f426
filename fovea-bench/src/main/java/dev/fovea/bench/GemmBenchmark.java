package dev.fovea.bench;

import dev.fovea.kernel.Gemm;
import dev.fovea.kernel.Parallel;
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
 * Single-precision GEMM {@code C = op(A) * op(B)} through {@link Gemm#gemm}: square sizes and the
 * shapes model A (the Keras Fashion-MNIST CNN) produces at batch 32.
 *
 * <p>Shapes are M x N x K in {@code Gemm.gemm}'s argument order (op(A) is M x K, op(B) is K x N);
 * {@code tA}/{@code tB} mark a transposed operand as the convolution kernels call it. Read the
 * {@code GemmBenchmark.gemm:gflops} line (flop/ns = GFLOP/s).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx2g"})
public class GemmBenchmark {
    /** A GEMM problem: sizes and which operands are stored transposed. */
    record Shape(int m, int n, int k, boolean transA, boolean transB) {
        long flops() {
            return 2L * m * n * k;
        }
    }

    static final Map<String, Shape> SHAPES = new LinkedHashMap<>();

    static {
        for (int size : new int[] {128, 256, 512, 1024, 2048}) {
            SHAPES.put("square" + size, new Shape(size, size, size, false, false));
        }
        // Model A at batch 32, NHWC im2col: conv1 28x28x1 -> 26x26x64 (21,632 output pixels, patch 9);
        // conv2 13x13x64 -> 11x11x64 (3,872 output pixels, patch 576); fc1 1600 -> 128.
        SHAPES.put("A.conv1.fwd", new Shape(21632, 64, 9, false, false));      // cols * W
        SHAPES.put("A.conv1.dW", new Shape(9, 64, 21632, true, false));        // cols^T * dY
        SHAPES.put("A.conv2.fwd", new Shape(3872, 64, 576, false, false));
        SHAPES.put("A.conv2.dW", new Shape(576, 64, 3872, true, false));
        SHAPES.put("A.conv2.dX", new Shape(3872, 576, 64, false, true));       // dY * W^T
        SHAPES.put("A.fc1.fwd", new Shape(32, 128, 1600, false, false));       // X * W
        SHAPES.put("A.fc1.dW", new Shape(1600, 128, 32, true, false));         // X^T * dY
        SHAPES.put("A.fc1.dX", new Shape(32, 1600, 128, false, true));         // dY * W^T
    }

    @Param({"square128", "square256", "square512", "square1024", "square2048",
        "A.conv1.fwd", "A.conv1.dW", "A.conv2.fwd", "A.conv2.dW", "A.conv2.dX",
        "A.fc1.fwd", "A.fc1.dW", "A.fc1.dX"})
    public String shape;

    @Param({"1", "2"})
    public int threads;

    private Shape s;
    private float[] a;
    private float[] b;
    private float[] c;

    @Setup(Level.Trial)
    public void setUp() {
        s = SHAPES.get(shape);
        if (s == null) {
            throw new IllegalArgumentException("unknown shape " + shape + ": expected one of " + SHAPES.keySet());
        }
        Parallel.setThreads(threads);
        SplittableRandom random = new SplittableRandom(1);
        a = randomArray(s.m * s.k, random);
        b = randomArray(s.k * s.n, random);
        c = new float[s.m * s.n];
    }

    @Benchmark
    public float[] gemm(FlopCounter counter) {
        int lda = s.transA ? s.m : s.k;
        int ldb = s.transB ? s.k : s.n;
        Gemm.gemm(s.transA, s.transB, s.m, s.n, s.k, a, 0, lda, b, 0, ldb, c, 0, s.n, false);
        counter.gflops += s.flops();
        return c;
    }

    static float[] randomArray(int length, SplittableRandom random) {
        float[] x = new float[length];
        for (int i = 0; i < length; i++) {
            x[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return x;
    }
}

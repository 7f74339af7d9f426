package dev.fovea.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Counts the floating-point operations a benchmark performed, as a JMH throughput counter.
 *
 * <p>The benchmarks report throughput per nanosecond, so this counter comes out as flop/ns, which
 * is GFLOP/s: read the {@code :gflops} line of JMH's output. (The primary score, calls per
 * nanosecond, is the same measurement in less useful units.)
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class FlopCounter {
    /** Floating-point operations so far in this iteration (one multiply-add counts as 2). */
    public long gflops;

    @Setup(Level.Iteration)
    public void reset() {
        gflops = 0;
    }
}

package dev.fovea.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link WindowMax} with the Vector API: one vector of channels at a time, the running max and its
 * cell number kept in two vectors and updated by blends, without branches; in the backward each
 * cell of the window takes the gradients of the channels it won, by a masked add (or, writing the
 * window's cells, a blend with zero). {@link PoolKernels}
 * loads this class reflectively, only when the module {@code jdk.incubator.vector} is present.
 *
 * <p>The channels past the last whole vector (all of LeNet's 6) run as one vector whose lanes past
 * them are masked off, from JDK 25 on: there a 24 x 24 x 6 max pooling took 0.39 ms instead of 2.1
 * in plain Java. JDK 17's masked loads and stores are slow (LeNet trained 20 % slower with them), so
 * there the plain-Java kernel takes those channels. Whole vectors never use masks: masked memory
 * operations on every vector cost model A's pooling 75 %.
 */
final class VectorWindowMax implements WindowMax {
    private static final VectorSpecies<Float> S = VectorMicroKernel.SPECIES;
    private final boolean maskedTails;

    VectorWindowMax() {
        this(Runtime.version().feature() >= 25);
    }

    /** With or without a masked last vector (the tests run both on any JDK). */
    VectorWindowMax(boolean maskedTails) {
        this.maskedTails = maskedTails;
    }

    @Override
    public void max(float[] x, int[] cell, int count, int channels, float[] y, float[] winners, int out) {
        int vectorEnd = S.loopBound(channels);
        for (int ch = 0; ch < vectorEnd; ch += S.length()) {
            max(x, cell, count, ch, null, y, winners, out);
        }
        if (maskedTails && vectorEnd < channels) {
            max(x, cell, count, vectorEnd, S.indexInRange(vectorEnd, channels), y, winners, out);
        } else {
            ScalarWindowMax.max(x, cell, count, vectorEnd, channels, y, winners, out);
        }
    }

    /** {@link #max(float[], int[], int, int, float[], float[], int)} of the vector of channels from ch. */
    private static void max(float[] x, int[] cell, int count, int ch, VectorMask<Float> lanes, float[] y,
                            float[] winners, int out) {
        FloatVector max = load(x, cell[0] + ch, lanes);
        FloatVector winner = FloatVector.zero(S);
        for (int k = 1; k < count; k++) {
            FloatVector v = load(x, cell[k] + ch, lanes);
            // As in ScalarWindowMax: v takes over unless it is <= the max or the max is already NaN.
            VectorMask<Float> keep = v.compare(VectorOperators.LE, max).or(max.test(VectorOperators.IS_NAN));
            VectorMask<Float> take = keep.not();
            max = max.blend(v, take);
            winner = winner.blend(k, take);
        }
        store(max, y, out + ch, lanes);
        if (winners != null) {
            store(winner, winners, out + ch, lanes);
        }
    }

    @Override
    public void addToWinners(float[] dy, float[] reluOutput, float[] winners, int out, int[] cell, int count,
                             int channels, float[] dx) {
        int vectorEnd = S.loopBound(channels);
        for (int ch = 0; ch < vectorEnd; ch += S.length()) {
            addToWinners(dy, reluOutput, winners, out, cell, count, ch, null, dx);
        }
        if (maskedTails && vectorEnd < channels) {
            addToWinners(dy, reluOutput, winners, out, cell, count, vectorEnd, S.indexInRange(vectorEnd, channels),
                    dx);
        } else {
            ScalarWindowMax.addChannelsToWinners(dy, reluOutput, winners, out, cell, vectorEnd, channels, dx);
        }
    }

    /** {@link #addToWinners(float[], float[], float[], int, int[], int, int, float[])} of the vector from ch. */
    private static void addToWinners(float[] dy, float[] reluOutput, float[] winners, int out, int[] cell, int count,
                                     int ch, VectorMask<Float> lanes, float[] dx) {
        FloatVector d = gradient(dy, reluOutput, out + ch, lanes);
        FloatVector winner = load(winners, out + ch, lanes);
        for (int k = 0; k < count; k++) {
            VectorMask<Float> won = winner.compare(VectorOperators.EQ, (float) k);
            store(load(dx, cell[k] + ch, lanes).add(d, won), dx, cell[k] + ch, lanes);
        }
    }

    @Override
    public void writeToCells(float[] dy, float[] reluOutput, float[] winners, int out, int[] cell, int count,
                             int channels, float[] dx) {
        int vectorEnd = S.loopBound(channels);
        for (int ch = 0; ch < vectorEnd; ch += S.length()) {
            writeToCells(dy, reluOutput, winners, out, cell, count, ch, null, dx);
        }
        if (maskedTails && vectorEnd < channels) {
            writeToCells(dy, reluOutput, winners, out, cell, count, vectorEnd, S.indexInRange(vectorEnd, channels),
                    dx);
        } else {
            ScalarWindowMax.writeChannelsToCells(dy, reluOutput, winners, out, cell, count, vectorEnd, channels, dx);
        }
    }

    /** {@link #writeToCells(float[], float[], float[], int, int[], int, int, float[])} of the vector from ch. */
    private static void writeToCells(float[] dy, float[] reluOutput, float[] winners, int out, int[] cell, int count,
                                     int ch, VectorMask<Float> lanes, float[] dx) {
        FloatVector zero = FloatVector.zero(S);
        // 0 + d, as added to a cleared cell: a -0 gradient becomes +0.
        FloatVector d = zero.add(gradient(dy, reluOutput, out + ch, lanes));
        FloatVector winner = load(winners, out + ch, lanes);
        for (int k = 0; k < count; k++) {
            store(zero.blend(d, winner.compare(VectorOperators.EQ, (float) k)), dx, cell[k] + ch, lanes);
        }
    }

    /** dy's vector at i, or with {@code reluOutput} ActivationKernels.reluGradient's, a vector at a time. */
    private static FloatVector gradient(float[] dy, float[] reluOutput, int i, VectorMask<Float> lanes) {
        FloatVector d = load(dy, i, lanes);
        if (reluOutput == null) {
            return d;
        }
        // dy's bits masked by -bits(y) >> 31.
        IntVector pass = load(reluOutput, i, lanes).reinterpretAsInts().neg().lanewise(VectorOperators.ASHR, 31);
        return d.reinterpretAsInts().and(pass).reinterpretAsFloats();
    }

    /** The vector at a[i]: all its lanes (lanes null, a plain load), or those of {@code lanes}, the others 0. */
    private static FloatVector load(float[] a, int i, VectorMask<Float> lanes) {
        return lanes == null ? FloatVector.fromArray(S, a, i) : FloatVector.fromArray(S, a, i, lanes);
    }

    /** Stores v at a[i]: all its lanes (lanes null), or those of {@code lanes}. */
    private static void store(FloatVector v, float[] a, int i, VectorMask<Float> lanes) {
        if (lanes == null) {
            v.intoArray(a, i);
        } else {
            v.intoArray(a, i, lanes);
        }
    }
}

package dev.fovea.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link WindowMax} with the Vector API: one vector of channels at a time, the running max and its
 * cell number kept in two vectors and updated by blends, without branches; in the backward each
 * cell of the window takes the gradients of the channels it won, by a masked add. {@link PoolKernels}
 * loads this class reflectively, only when the module {@code jdk.incubator.vector} is present.
 */
final class VectorWindowMax implements WindowMax {
    private static final VectorSpecies<Float> S = VectorMicroKernel.SPECIES;
    /**
     * Whether the channels past the last whole vector run as one vector with the lanes beyond them
     * masked off (so that LeNet's 6 channels are pooled a vector at a time) rather than in plain Java.
     * Measured: on JDK 25 LeNet inferred 25 % faster with them; on JDK 17, whose masked loads and
     * stores are not yet single instructions, it trained 20 % slower. So from JDK 21 on.
     */
    private final boolean maskedTails;

    VectorWindowMax() {
        this(Runtime.version().feature() >= 21);
    }

    /** With or without masked tails (tests run both on any JDK). */
    VectorWindowMax(boolean maskedTails) {
        this.maskedTails = maskedTails;
    }

    @Override
    public void max(float[] x, int[] cell, int count, int channels, float[] y, float[] winners, int out) {
        int end = vectorEnd(channels);
        for (int ch = 0; ch < end; ch += S.length()) {
            VectorMask<Float> lanes = S.indexInRange(ch, channels);
            FloatVector max = FloatVector.fromArray(S, x, cell[0] + ch, lanes);
            FloatVector winner = FloatVector.zero(S);
            for (int k = 1; k < count; k++) {
                FloatVector v = FloatVector.fromArray(S, x, cell[k] + ch, lanes);
                // As in ScalarWindowMax: v takes over unless it is <= the max or the max is already NaN.
                VectorMask<Float> keep = v.compare(VectorOperators.LE, max).or(max.test(VectorOperators.IS_NAN));
                VectorMask<Float> take = keep.not();
                max = max.blend(v, take);
                winner = winner.blend(k, take);
            }
            max.intoArray(y, out + ch, lanes);
            if (winners != null) {
                winner.intoArray(winners, out + ch, lanes);
            }
        }
        ScalarWindowMax.max(x, cell, count, end, channels, y, winners, out);
    }

    @Override
    public void addToWinners(float[] dy, float[] reluOutput, float[] winners, int out, int[] cell, int count,
                             int channels, float[] dx) {
        int end = vectorEnd(channels);
        for (int ch = 0; ch < end; ch += S.length()) {
            VectorMask<Float> lanes = S.indexInRange(ch, channels);
            FloatVector d = FloatVector.fromArray(S, dy, out + ch, lanes);
            if (reluOutput != null) {
                // ActivationKernels.reluGradient a vector at a time: dy's bits masked by -bits(y) >> 31.
                IntVector pass = FloatVector.fromArray(S, reluOutput, out + ch, lanes).reinterpretAsInts().neg()
                        .lanewise(VectorOperators.ASHR, 31);
                d = d.reinterpretAsInts().and(pass).reinterpretAsFloats();
            }
            FloatVector winner = FloatVector.fromArray(S, winners, out + ch, lanes);
            for (int k = 0; k < count; k++) {
                VectorMask<Float> won = winner.compare(VectorOperators.EQ, (float) k).and(lanes);
                FloatVector.fromArray(S, dx, cell[k] + ch, lanes).add(d, won).intoArray(dx, cell[k] + ch, lanes);
            }
        }
        ScalarWindowMax.addChannelsToWinners(dy, reluOutput, winners, out, cell, end, channels, dx);
    }

    /**
     * Where the vector loops stop and the plain-Java kernel takes the last channels: after the last
     * whole vector, or with {@link #maskedTails} after all channels.
     */
    private int vectorEnd(int channels) {
        return maskedTails ? channels : S.loopBound(channels);
    }
}

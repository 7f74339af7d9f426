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

    @Override
    public void max(float[] x, int[] cell, int count, int channels, float[] y, float[] winners, int out) {
        int vectorEnd = S.loopBound(channels);
        for (int ch = 0; ch < vectorEnd; ch += S.length()) {
            FloatVector max = FloatVector.fromArray(S, x, cell[0] + ch);
            FloatVector winner = FloatVector.zero(S);
            for (int k = 1; k < count; k++) {
                FloatVector v = FloatVector.fromArray(S, x, cell[k] + ch);
                // As in ScalarWindowMax: v takes over unless it is <= the max or the max is already NaN.
                VectorMask<Float> keep = v.compare(VectorOperators.LE, max).or(max.test(VectorOperators.IS_NAN));
                VectorMask<Float> take = keep.not();
                max = max.blend(v, take);
                winner = winner.blend(k, take);
            }
            max.intoArray(y, out + ch);
            if (winners != null) {
                winner.intoArray(winners, out + ch);
            }
        }
        ScalarWindowMax.max(x, cell, count, vectorEnd, channels, y, winners, out);
    }

    @Override
    public void addToWinners(float[] dy, float[] reluOutput, float[] winners, int out, int[] cell, int count,
                             int channels, float[] dx) {
        int vectorEnd = S.loopBound(channels);
        for (int ch = 0; ch < vectorEnd; ch += S.length()) {
            FloatVector d = gradient(dy, reluOutput, out + ch);
            FloatVector winner = FloatVector.fromArray(S, winners, out + ch);
            for (int k = 0; k < count; k++) {
                VectorMask<Float> won = winner.compare(VectorOperators.EQ, (float) k);
                FloatVector.fromArray(S, dx, cell[k] + ch).add(d, won).intoArray(dx, cell[k] + ch);
            }
        }
        ScalarWindowMax.addChannelsToWinners(dy, reluOutput, winners, out, cell, vectorEnd, channels, dx);
    }

    @Override
    public void writeToCells(float[] dy, float[] reluOutput, float[] winners, int out, int[] cell, int count,
                             int channels, float[] dx) {
        int vectorEnd = S.loopBound(channels);
        FloatVector zero = FloatVector.zero(S);
        for (int ch = 0; ch < vectorEnd; ch += S.length()) {
            // 0 + d, as added to a cleared cell: a -0 gradient becomes +0.
            FloatVector d = zero.add(gradient(dy, reluOutput, out + ch));
            FloatVector winner = FloatVector.fromArray(S, winners, out + ch);
            for (int k = 0; k < count; k++) {
                zero.blend(d, winner.compare(VectorOperators.EQ, (float) k)).intoArray(dx, cell[k] + ch);
            }
        }
        ScalarWindowMax.writeChannelsToCells(dy, reluOutput, winners, out, cell, count, vectorEnd, channels, dx);
    }

    /** dy's vector at i, or with {@code reluOutput} ActivationKernels.reluGradient's, a vector at a time. */
    private static FloatVector gradient(float[] dy, float[] reluOutput, int i) {
        FloatVector d = FloatVector.fromArray(S, dy, i);
        if (reluOutput == null) {
            return d;
        }
        // dy's bits masked by -bits(y) >> 31.
        IntVector pass = FloatVector.fromArray(S, reluOutput, i).reinterpretAsInts().neg()
                .lanewise(VectorOperators.ASHR, 31);
        return d.reinterpretAsInts().and(pass).reinterpretAsFloats();
    }
}

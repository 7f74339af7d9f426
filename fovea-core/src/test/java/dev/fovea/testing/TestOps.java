package dev.fovea.testing;

import dev.fovea.tensor.Tensor;

/** Tiny differentiable ops, built on the public {@link Tensor#result} API, that tests need to reach a scalar. */
public final class TestOps {
    private TestOps() {}

    /**
     * The scalar sum(y * r): its gradient with respect to y is r, so backward from it seeds y's
     * gradient with an arbitrary upstream gradient r.
     */
    public static Tensor weightedSum(Tensor y, float[] r) {
        return Tensor.result(new float[] {(float) weightedSumDouble(y, r)}, new int[0], dl -> {
            float[] gy = y.gradForUpdate();
            for (int i = 0; i < gy.length; i++) {
                gy[i] += dl[0] * r[i];
            }
        }, y);
    }

    /** sum(y * r) summed in double, without recording anything. */
    public static double weightedSumDouble(Tensor y, float[] r) {
        float[] v = y.data();
        if (v.length != r.length) {
            throw new IllegalArgumentException("weights for " + y + " need " + v.length + " values, got " + r.length);
        }
        double sum = 0;
        for (int i = 0; i < v.length; i++) {
            sum += (double) v[i] * r[i];
        }
        return sum;
    }

    /** The sum of one-element tensors. */
    public static Tensor sum(Tensor... scalars) {
        double total = 0;
        for (Tensor s : scalars) {
            total += s.item();
        }
        return Tensor.result(new float[] {(float) total}, new int[0], dl -> {
            for (Tensor s : scalars) {
                s.gradForUpdate()[0] += dl[0];
            }
        }, scalars);
    }
}

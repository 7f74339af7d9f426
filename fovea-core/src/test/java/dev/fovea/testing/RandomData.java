package dev.fovea.testing;

import java.util.SplittableRandom;

/** Seeded random test inputs. */
public final class RandomData {
    private RandomData() {}

    /** Uniform values in [lo, hi). */
    public static float[] uniform(SplittableRandom random, int n, double lo, double hi) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (lo + (hi - lo) * random.nextDouble());
        }
        return v;
    }

    /** Values of random sign with magnitude uniform in [minMagnitude, maxMagnitude). */
    public static float[] awayFromZero(SplittableRandom random, int n, double minMagnitude, double maxMagnitude) {
        float[] v = uniform(random, n, minMagnitude, maxMagnitude);
        for (int i = 0; i < n; i++) {
            if (random.nextBoolean()) {
                v[i] = -v[i];
            }
        }
        return v;
    }

    /**
     * A shuffled arithmetic sequence centred on 0: n distinct values at least {@code spacing} apart,
     * so that no comparison between two of them changes when one moves by less than spacing / 2.
     */
    public static float[] distinct(SplittableRandom random, int n, double spacing) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) ((i - (n - 1) / 2.0) * spacing);
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            float t = v[i];
            v[i] = v[j];
            v[j] = t;
        }
        return v;
    }
}

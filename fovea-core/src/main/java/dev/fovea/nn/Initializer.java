package dev.fovea.nn;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How a weight tensor is filled before training, from its fan-in and fan-out (for a conv kernel
 * [KH, KW, C, F]: fan-in KH*KW*C, fan-out KH*KW*F), following Keras's definitions.
 */
public enum Initializer {
    /** Uniform in ±sqrt(6 / (fan_in + fan_out)) (Glorot and Bengio 2010); Keras's default. */
    GLOROT_UNIFORM,
    /** Truncated normal, stddev sqrt(2 / fan_in) (He et al. 2015), for ReLU networks. */
    HE_NORMAL,
    /** Uniform in ±sqrt(6 / fan_in). */
    HE_UNIFORM,
    /** Truncated normal, stddev sqrt(1 / fan_in) (LeCun 1998). */
    LECUN_NORMAL,
    /** Uniform in ±sqrt(3 / fan_in). */
    LECUN_UNIFORM,
    ZEROS;

    /** Stddev correction of a normal truncated at two standard deviations (as Keras applies it). */
    private static final double TRUNCATED_STDDEV = 0.87962566103423978;

    public void fill(float[] w, int fanIn, int fanOut, SplittableRandom random) {
        switch (this) {
            case GLOROT_UNIFORM -> uniform(w, Math.sqrt(6.0 / (fanIn + fanOut)), random);
            case HE_NORMAL -> truncatedNormal(w, Math.sqrt(2.0 / fanIn), random);
            case HE_UNIFORM -> uniform(w, Math.sqrt(6.0 / fanIn), random);
            case LECUN_NORMAL -> truncatedNormal(w, Math.sqrt(1.0 / fanIn), random);
            case LECUN_UNIFORM -> uniform(w, Math.sqrt(3.0 / fanIn), random);
            case ZEROS -> java.util.Arrays.fill(w, 0f);
            default -> throw new AssertionError(this);
        }
    }

    private static void uniform(float[] w, double limit, SplittableRandom random) {
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) random.nextDouble(-limit, limit);
        }
    }

    private static void truncatedNormal(float[] w, double stddev, SplittableRandom random) {
        double sigma = stddev / TRUNCATED_STDDEV;
        for (int i = 0; i < w.length; i++) {
            double z;
            do {
                z = gaussian(random);
            } while (Math.abs(z) > 2);
            w[i] = (float) (z * sigma);
        }
    }

    /** A standard normal draw (Box-Muller); SplittableRandom has no nextGaussian on Java 17. */
    private static double gaussian(SplittableRandom random) {
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /** Reads the lower-case name, e.g. "he_normal". */
    public static Initializer parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown initializer '" + name + "': expected one of "
                    + java.util.Arrays.toString(values()).toLowerCase(Locale.ROOT));
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package dev.fovea.viz;

/**
 * Colours for values in [0, 1] (clamped), as packed 0xRRGGBB. Each map's brightness only grows
 * (or only falls) with the value, so a reader can order cells by colour alone.
 */
public enum ColorMap {
    /** Black (0) to white (1). */
    GREY {
        @Override
        public int rgb(double t) {
            int v = channel(t);
            return pack(v, v, v);
        }
    },
    /** Black, red, yellow, white: red rises over the first third, green over the second, blue over the last. */
    HOT {
        @Override
        public int rgb(double t) {
            double u = clamp(t) * 3;
            return pack(channel(u), channel(u - 1), channel(u - 2));
        }
    },
    /** White (0) to dark blue (1), for counts on a white page. */
    BLUES {
        @Override
        public int rgb(double t) {
            double u = clamp(t);
            return pack(mix(255, 8, u), mix(255, 48, u), mix(255, 107, u));
        }
    };

    /** The colour of {@code t}, clamped to [0, 1]. */
    public abstract int rgb(double t);

    private static double clamp(double t) {
        return Double.isNaN(t) ? 0 : Math.max(0, Math.min(1, t));
    }

    /** 0-255 for t in [0, 1], rounded, clamped. */
    private static int channel(double t) {
        return (int) Math.round(255 * clamp(t));
    }

    private static int mix(int from, int to, double t) {
        return (int) Math.round(from + (to - from) * t);
    }

    private static int pack(int r, int g, int b) {
        return (r << 16) | (g << 8) | b;
    }
}

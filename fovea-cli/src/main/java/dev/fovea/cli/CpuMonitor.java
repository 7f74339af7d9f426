package dev.fovea.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How much of the machine's CPU other processes used during a timed window, from {@code /proc/stat}
 * and {@code /proc/self/stat}: the Java twin of the peers' {@code cpumon.py}, so that Fovea and its
 * peers drop the same kind of contaminated seconds.
 *
 * <p>The foreign fraction is (busy jiffies of the machine - jiffies of this process) / all jiffies of
 * the machine (every CPU, busy or idle) over the window. Using the machine's own jiffy total as the
 * capacity needs neither the clock-tick rate nor the CPU count. Where {@code /proc} cannot be read,
 * {@link #available()} is false and every window counts as clean.
 */
final class CpuMonitor {
    private static final Path MACHINE = Path.of("/proc/stat");
    private static final Path SELF = Path.of("/proc/self/stat");

    private final long busy0;
    private final long total0;
    private final long steal0;
    private final long own0;

    private CpuMonitor(long[] machine, long own) {
        this.busy0 = machine[0];
        this.total0 = machine[1];
        this.steal0 = machine[2];
        this.own0 = own;
    }

    /** Starts a window; null when /proc is not readable. */
    static CpuMonitor start() {
        long[] machine = machine();
        long own = self();
        return machine == null || own < 0 ? null : new CpuMonitor(machine, own);
    }

    static boolean available() {
        return start() != null;
    }

    /** Foreign and own fractions of the machine since {@link #start}; null if /proc stopped answering. */
    double[] stop() {
        long[] machine = machine();
        long own = self();
        if (machine == null || own < 0) {
            return null;
        }
        long total = machine[1] - total0;
        if (total <= 0) {
            return new double[] {0, 0, 0};
        }
        long ownDelta = own - own0;
        double foreign = Math.max(0, machine[0] - busy0 - ownDelta) / (double) total;
        return new double[] {foreign, ownDelta / (double) total, (machine[2] - steal0) / (double) total};
    }

    /** {busy, total, steal} jiffies of all CPUs, from the first line of /proc/stat. */
    private static long[] machine() {
        try {
            String line = Files.readAllLines(MACHINE).get(0);
            String[] f = line.trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal [guest guest_nice: already in user]
            long user = Long.parseLong(f[1]);
            long nice = Long.parseLong(f[2]);
            long system = Long.parseLong(f[3]);
            long idle = Long.parseLong(f[4]);
            long iowait = f.length > 5 ? Long.parseLong(f[5]) : 0;
            long irq = f.length > 6 ? Long.parseLong(f[6]) : 0;
            long softirq = f.length > 7 ? Long.parseLong(f[7]) : 0;
            long steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
            long busy = user + nice + system + irq + softirq;
            return new long[] {busy, busy + idle + iowait + steal, steal};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** utime + stime of this process (all threads), in jiffies; -1 when unreadable. */
    private static long self() {
        try {
            String stat = Files.readString(SELF);
            String[] f = stat.substring(stat.lastIndexOf(')') + 1).trim().split("\\s+");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Splits a long timed loop into chunks of about one second, each checked with a CpuMonitor; chunks in
     * which other processes used more than {@code limit} of the machine are dropped from the clean rate.
     * Call {@link #tick} after every unit of work, {@link #finish} at the end. Same rules as cpumon.py's
     * ChunkTimer.
     */
    static final class ChunkTimer {
        private final double chunkSeconds;
        private final double limit;
        double cleanSeconds;
        double cleanItems;
        double allSeconds;
        double allItems;
        int chunks;
        int dropped;
        private double foreignSum;
        private CpuMonitor monitor;
        private long t0;
        private long items;

        ChunkTimer() {
            this(1.0, 0.05);
        }

        ChunkTimer(double chunkSeconds, double limit) {
            this.chunkSeconds = chunkSeconds;
            this.limit = limit;
            begin();
        }

        private void begin() {
            monitor = CpuMonitor.start();
            t0 = System.nanoTime();
            items = 0;
        }

        void tick(long n) {
            items += n;
            double dt = (System.nanoTime() - t0) / 1e9;
            if (dt >= chunkSeconds) {
                close(dt);
                begin();
            }
        }

        double cleanSeconds() {
            return cleanSeconds;
        }

        private void close(double dt) {
            double[] info = monitor == null ? null : monitor.stop();
            double foreign = info == null ? 0 : info[0];
            chunks++;
            allSeconds += dt;
            allItems += items;
            foreignSum += foreign * dt;
            if (foreign <= limit) {
                cleanSeconds += dt;
                cleanItems += items;
            } else {
                dropped++;
            }
        }

        /** Closes the last chunk (if it did some work for more than 0.2 s) and returns the figures. */
        Map<String, Object> finish() {
            double dt = (System.nanoTime() - t0) / 1e9;
            if (items > 0 && dt > 0.2) {
                close(dt);
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("clean_rate", cleanSeconds > 0 ? round(cleanItems / cleanSeconds, 1) : null);
            r.put("clean_seconds", round(cleanSeconds, 2));
            r.put("all_rate", allSeconds > 0 ? round(allItems / allSeconds, 1) : null);
            r.put("all_seconds", round(allSeconds, 2));
            r.put("chunks", chunks);
            r.put("dropped_chunks", dropped);
            r.put("foreign_frac_mean", allSeconds > 0 ? round(foreignSum / allSeconds, 3) : null);
            r.put("cpu_monitor", CpuMonitor.available());
            return r;
        }
    }

    static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }
}

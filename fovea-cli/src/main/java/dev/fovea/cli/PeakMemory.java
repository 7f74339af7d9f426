package dev.fovea.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The peak resident set size of this process (VmHWM in /proc/self/status), as the peers report it. */
final class PeakMemory {
    private PeakMemory() {}

    /** Peak RSS in MB (MiB, like the peers' ru_maxrss / 1024), or null where /proc is not readable. */
    static Double peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    String[] f = line.trim().split("\\s+");
                    return CpuMonitor.round(Long.parseLong(f[1]) / 1024.0, 1);   // kB
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }
}

package org.sfcrime.bench.clients;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the reader of the figures should know about this machine's noise. */
final class NoiseNote {

    private NoiseNote() {
    }

    static String text(Path lockFile) {
        return String.format("Noise: %d cores, load average %s. Each measured run held %s, so no two measurements "
                + "overlapped, but the broker shares the cores with the client under test and unlocked work of "
                + "others still runs; compare medians, and distrust differences smaller than the spreads.",
                Runtime.getRuntime().availableProcessors(), loadAverage(), lockFile);
    }

    /** The 1, 5 and 15 minute load averages, or "unknown" without /proc. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}

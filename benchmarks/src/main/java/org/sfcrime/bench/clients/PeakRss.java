package org.sfcrime.bench.clients;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The peak resident set size of a process, from the kernel's high-water mark (VmHWM in
 * /proc/PID/status). The kernel keeps the peak itself, so polling only has to happen once more
 * before the process exits; a missed final poll loses at most the growth of the last interval.
 */
final class PeakRss {

    private PeakRss() {
    }

    /** VmHWM in bytes, or 0 when the process is gone or /proc is not available. */
    static long bytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    // "VmHWM:     123456 kB"
                    String[] parts = line.trim().split("\\s+");
                    return Long.parseLong(parts[1]) * 1024;
                }
            }
            return 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}

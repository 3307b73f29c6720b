package io.tributary.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This process's resident memory, native allocations (PyTorch's tensors) included. */
public final class ProcessMemory {

    private ProcessMemory() {}

    /** VmRSS from {@code /proc/self/status} in MiB, or -1 where there is no such file. */
    public static long residentMegabytes() {
        return statusMegabytes("VmRSS:");
    }

    /**
     * VmHWM, the peak resident memory of this process so far, in MiB, or -1 where there is no
     * {@code /proc/self/status}.
     */
    public static long peakResidentMegabytes() {
        return statusMegabytes("VmHWM:");
    }

    private static long statusMegabytes(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}

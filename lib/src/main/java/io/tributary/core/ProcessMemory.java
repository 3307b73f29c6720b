package io.tributary.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This process's resident memory, native allocations (PyTorch's tensors) included. */
public final class ProcessMemory {

    private ProcessMemory() {}

    /** VmRSS from {@code /proc/self/status} in MiB, or -1 where there is no such file. */
    public static long residentMegabytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}

package io.tributary.report;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import io.tributary.core.CodeVersion;
import io.tributary.core.Devices;

/**
 * What a notebook runs on, printed by its first cell: the device every model of the process uses
 * (the first GPU when DJL sees one), the engine, the library's code version, PyTorch's intra-op
 * thread count, the processor count and glibc's malloc settings ({@code GLIBC_TUNABLES}, which the
 * launchers set from {@code lib/native-memory}: they change speed, never results).
 *
 * <p>The thread count is the process's until a run sets its own ({@code threads}, part of every
 * run's config, default 2): a run repeats exactly for a seed and a thread count.
 *
 * @param device the device, as DJL names it ({@code cpu()}, {@code gpu(0)})
 * @param engine the engine's name and version
 * @param version the code version every result of this process records
 * @param threads PyTorch's intra-op threads now
 * @param processors the processors the JVM sees
 * @param malloc the process's {@code GLIBC_TUNABLES}, or null when it has none
 */
public record SessionInfo(
        String device, String engine, String version, int threads, int processors, String malloc) {

    /** This process's. */
    public static SessionInfo current() {
        String device = Devices.preferred().toString();
        Engine engine = Engine.getInstance();
        return new SessionInfo(
                device,
                engine.getEngineName() + " " + engine.getVersion(),
                CodeVersion.get(),
                JniUtils.getNumThreads(),
                Runtime.getRuntime().availableProcessors(),
                System.getenv("GLIBC_TUNABLES"));
    }

    /** One line per fact, for a notebook's first output. */
    @Override
    public String toString() {
        return String.join(
                "\n",
                "device:    " + device + " (" + engine + ")",
                "tributary: " + version,
                "threads:   " + threads + " PyTorch intra-op, " + processors + " processors",
                "malloc:    "
                        + (malloc == null ? "glibc's defaults (see lib/native-memory)" : malloc));
    }
}

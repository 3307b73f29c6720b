package io.tributary.bench;

import ai.djl.engine.Engine;
import com.google.gson.JsonObject;
import io.tributary.core.AtomicFiles;
import io.tributary.core.CodeVersion;
import io.tributary.core.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code machine.json} beside a benchmark run's JMH JSON: the CPU model, its physical cores and
 * logical threads, the load average when the run started (a busy machine times nothing well), the
 * Java, DJL and PyTorch versions, the environment's thread, MKL and malloc variables and the code
 * version.
 *
 * <p>{@code java -cp benchmarks.jar io.tributary.bench.BenchMachine OUT.json [COMMAND]}, COMMAND
 * being the benchmark command line the file describes.
 */
public final class BenchMachine {

    private static final List<String> ENVIRONMENT_VARIABLES =
            List.of(
                    "OMP_NUM_THREADS",
                    "MKL_NUM_THREADS",
                    "OMP_WAIT_POLICY",
                    "KMP_BLOCKTIME",
                    "MKL_DEBUG_CPU_TYPE",
                    "MKL_ENABLE_INSTRUCTIONS",
                    "ONEDNN_VERBOSE",
                    "GLIBC_TUNABLES",
                    "LD_PRELOAD");

    private BenchMachine() {}

    public static void main(String[] args) {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: BenchMachine OUT.json [COMMAND]");
            System.exit(2);
        }
        JsonObject machine = describe();
        if (args.length == 2) {
            machine.addProperty("command", args[1]);
        }
        AtomicFiles.writeString(Path.of(args[0]), Json.pretty().toJson(machine) + "\n");
    }

    /** This machine and this JVM's engine, as {@code machine.json} holds them. */
    static JsonObject describe() {
        List<String> cpuinfo = lines(Path.of("/proc/cpuinfo"));
        JsonObject machine = new JsonObject();
        machine.addProperty("cpu_model", field(cpuinfo, "model name"));
        machine.addProperty("cpu_cores", physicalCores(cpuinfo));
        machine.addProperty("cpu_threads", Runtime.getRuntime().availableProcessors());
        machine.addProperty("cpu_flags_avx512f", field(cpuinfo, "flags").contains("avx512f"));
        machine.addProperty("memory_gib", memoryGib(lines(Path.of("/proc/meminfo"))));
        List<String> load = lines(Path.of("/proc/loadavg"));
        machine.addProperty("load_average", load.isEmpty() ? "unknown" : load.get(0));
        machine.addProperty("java", Runtime.version().toString());
        machine.addProperty("djl", Engine.getDjlVersion());
        machine.addProperty("pytorch", Engine.getEngine("PyTorch").getVersion());
        JsonObject environment = new JsonObject();
        for (String name : ENVIRONMENT_VARIABLES) {
            String value = System.getenv(name);
            if (value != null) {
                environment.addProperty(name, value);
            }
        }
        machine.add("environment", environment);
        machine.addProperty("code_version", CodeVersion.get());
        machine.addProperty("started", Instant.now().toString());
        return machine;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.isReadable(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The value of the first {@code key : value} line, or {@code unknown}. */
    private static String field(List<String> lines, String key) {
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals(key)) {
                return line.substring(colon + 1).trim();
            }
        }
        return "unknown";
    }

    /** Distinct (physical id, core id) pairs; the logical CPUs when the file does not say. */
    private static int physicalCores(List<String> cpuinfo) {
        Set<String> cores = new HashSet<>();
        String socket = "0";
        for (String line : cpuinfo) {
            if (line.startsWith("physical id")) {
                socket = line.substring(line.indexOf(':') + 1).trim();
            } else if (line.startsWith("core id")) {
                cores.add(socket + "/" + line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return cores.isEmpty() ? Runtime.getRuntime().availableProcessors() : cores.size();
    }

    private static long memoryGib(List<String> meminfo) {
        String total = field(meminfo, "MemTotal");
        return total.equals("unknown") ? -1 : Long.parseLong(total.split("\\s+")[0]) >> 20;
    }
}

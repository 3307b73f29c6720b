package io.tributary.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of a small real run (the branch, the MAG gate and the BERT layer forward, the L1 and
 * L_match losses; tiny size, batch 1 and 8; L_match failed at batch 1 in that run, so its result is
 * missing), kept under {@code src/test/resources/io/tributary/bench/run/}.
 */
class BenchReportTest {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G'};

    @Test
    void readsEveryResultWithItsParametersAndUnit(@TempDir Path dir) throws IOException {
        List<BenchReport.Result> results = BenchReport.read(copyRun(dir).resolve("jmh.json"));
        assertEquals(9, results.size());
        BenchReport.Result branch = results.get(5);
        assertEquals("InjectionBranchBenchmark", branch.type());
        assertEquals("branchForward", branch.method());
        assertEquals(
                Map.of("batch", "8", "length", "50", "size", "tiny", "threads", "1"),
                branch.params());
        assertEquals(114.14304016666667, branch.score(), 0);
        assertEquals("ms/op", branch.unit());
        assertEquals(8 / 0.11414304016666667, branch.samplesPerSecond(), 1e-9);
    }

    @Test
    void setsEachMethodAgainstTheBaselineOfItsParametersAndEnding() {
        BenchReport.Result forward = result("branchForward", 3);
        BenchReport.Result backward = result("branchForwardBackward", 9);
        BenchReport.Result layerForward = result("baselineBertLayerForward", 1);
        BenchReport.Result layerBackward = result("baselineBertLayerForwardBackward", 2);
        BenchReport.Result magForward = result("baselineMagForward", 4);
        List<BenchReport.Result> all =
                List.of(layerBackward, layerForward, magForward, forward, backward);
        assertEquals(layerForward, BenchReport.baselineOf(forward, all));
        assertEquals(layerBackward, BenchReport.baselineOf(backward, all));
        assertNull(BenchReport.baselineOf(layerForward, all));
        BenchReport.Result otherBatch =
                new BenchReport.Result("B", "branchForward", Map.of("batch", "8"), 1, 0, "ms/op");
        assertNull(BenchReport.baselineOf(otherBatch, all));
    }

    @Test
    void writesTheTableAndOneChartPerClass(@TempDir Path dir) throws IOException {
        BenchReport.write(copyRun(dir));
        String table = Files.readString(dir.resolve("table.md"));
        assertTrue(table.contains("AMD EPYC, 2 cores, 2 threads"), table);
        assertTrue(table.contains("DJL 0.36.0, PyTorch 2.7.1"), table);
        assertTrue(
                table.contains(
                        "| branchForward | batch=8 length=50 size=tiny threads=1 | 114 |  | ms/op |"
                                + " 70.1 | 13.4 (baselineBertLayerForward) |"),
                table);
        assertTrue(
                table.contains(
                        "| matching | batch=8 size=tiny threads=1 | 1942 |  | us/op | 4120 | 1.16"
                                + " (baselineTaskL1) |"),
                table);
        for (String chart : List.of("InjectionBranchBenchmark.png", "LossBenchmark.png")) {
            byte[] head = Arrays.copyOf(Files.readAllBytes(dir.resolve(chart)), 4);
            assertArrayEquals(PNG, head, chart);
        }
    }

    @Test
    void namesTheCommandAndTheEnvironmentWhenTheMachineFileHasThem() {
        JsonObject machine = new JsonObject();
        machine.addProperty("command", "benchmarks/run --quick");
        JsonObject environment = new JsonObject();
        environment.addProperty("GLIBC_TUNABLES", "glibc.malloc.arena_max=1");
        environment.addProperty("OMP_NUM_THREADS", "2");
        machine.add("environment", environment);
        String table = BenchReport.table(List.of(result("branchForward", 3)), machine);
        assertTrue(table.contains("\nCommand: `benchmarks/run --quick`\n"), table);
        assertTrue(
                table.contains(
                        "\nEnvironment: GLIBC_TUNABLES=glibc.malloc.arena_max=1,"
                                + " OMP_NUM_THREADS=2\n"),
                table);
        assertFalse(BenchReport.table(List.of(), new JsonObject()).contains("Command"));
    }

    private static BenchReport.Result result(String method, double score) {
        return new BenchReport.Result("B", method, Map.of("batch", "1"), score, 0, "ms/op");
    }

    private static Path copyRun(Path dir) throws IOException {
        for (String name : List.of("jmh.json", "machine.json")) {
            try (InputStream in = BenchReportTest.class.getResourceAsStream("run/" + name)) {
                Files.copy(in, dir.resolve(name));
            }
        }
        return dir;
    }
}

package io.tributary.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.cli.Msa;
import io.tributary.grid.CellJobs;
import io.tributary.grid.SparkExecutor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./msa reproduce} on {@code experiments/ci.json} (4 cells of 3 epochs) three times: with
 * the local executor; with {@code --executor spark --master local[2,2]}, one cell's JVM killed
 * ({@code kill -9}) in the middle of its run, so that the driver submits it once more; and on a
 * standalone master and worker on the loopback address ({@code cluster/spark-local}). Every run
 * must end with the same {@code table.csv}, byte for byte, and the killed cell must resume and
 * leave one record of each epoch.
 */
class SparkCellsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path CI = ROOT.resolve("experiments/ci.json");
    private static final Path CLUSTER = ROOT.resolve("cluster/spark-local");

    /** A port for the standalone master, apart from Spark's default 7077. */
    private static final String PORT = "17077";

    @TempDir static Path dir;

    private static Run local;
    private static Run killed;
    private static Run standalone;
    private static Path killedCell;

    /** A finished {@code ./msa reproduce}: its exit code and what it printed on standard error. */
    private record Run(int exitCode, String err) {}

    /** A started {@code ./msa reproduce}, the file its standard error goes to, when it started. */
    private record Started(Process process, Path err, long nanos) {}

    @BeforeAll
    static void runTheGridLocallyOnSparkWithAKilledCellAndOnAStandaloneCluster() throws Exception {
        local = finish(start(dir.resolve("local")));
        Started grid =
                start(dir.resolve("killed"), "--executor", "spark", "--master", "local[2,2]");
        killedCell = killACellMidway(grid, dir.resolve("killed"));
        killed = finish(grid);
        String master = cluster("start", PORT).strip();
        try {
            standalone =
                    finish(
                            start(
                                    dir.resolve("standalone"),
                                    "--executor",
                                    "spark",
                                    "--master",
                                    master));
        } finally {
            cluster("stop");
        }
    }

    @AfterAll
    static void leaveNoClusterRunning() throws Exception {
        cluster("stop");
    }

    @Test
    void everyExecutorGivesTheSameTable() throws IOException {
        assertEquals(0, local.exitCode(), local.err());
        assertEquals(0, killed.exitCode(), killed.err());
        assertEquals(0, standalone.exitCode(), standalone.err());
        byte[] table = Files.readAllBytes(dir.resolve("local/table.csv"));
        assertArrayEquals(table, Files.readAllBytes(dir.resolve("killed/table.csv")));
        assertArrayEquals(table, Files.readAllBytes(dir.resolve("standalone/table.csv")));
    }

    @Test
    void theKilledCellWasSubmittedOnceMoreAndResumed() throws IOException {
        assertTrue(
                killed.err().contains("failed (exit code 137): running it once more"),
                killed.err());
        assertTrue(killed.err().contains("resuming after epoch"), killed.err());
        List<String> epochs = Files.readAllLines(killedCell.resolve("epochs.jsonl"));
        assertEquals(3, epochs.size(), String.join("\n", epochs));
        for (int epoch = 1; epoch <= 3; epoch++) {
            String line = epochs.get(epoch - 1);
            assertTrue(line.startsWith("{\"epoch\":" + epoch + ","), line);
        }
        assertTrue(Files.isRegularFile(killedCell.resolve("result.json")));
        assertFalse(Files.exists(killedCell.resolve("checkpoint")), "it kept its checkpoint");
    }

    @Test
    void eachCellRanOnceOnTheCluster() {
        assertFalse(standalone.err().contains("running it once more"), standalone.err());
        assertEquals(4, standalone.err().lines().filter(l -> l.endsWith(": done")).count());
    }

    /** Starts {@code ./msa reproduce} on ci.json into {@code out}, as {@code ./msa} would. */
    private static Started start(Path out, String... options) throws IOException {
        List<String> command =
                new ArrayList<>(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-Dai.djl.offline=true",
                                "-D"
                                        + SparkExecutor.ARGS_PROPERTY
                                        + "="
                                        + System.getProperty(SparkExecutor.ARGS_PROPERTY),
                                "-cp",
                                System.getProperty(
                                        "surefire.test.class.path",
                                        System.getProperty("java.class.path")),
                                Msa.class.getName(),
                                "reproduce",
                                "--experiment",
                                CI.toString(),
                                "--out",
                                out.toString(),
                                "--data-root",
                                ROOT.toString(),
                                "--bert",
                                ROOT.resolve("datasets/bert-tiny").toString()));
        command.addAll(List.of(options));
        Path err = out.resolveSibling(out.getFileName() + ".err");
        Process process =
                new ProcessBuilder(command)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(err.toFile())
                        .start();
        return new Started(process, err, System.nanoTime());
    }

    private static Run finish(Started grid) throws Exception {
        if (!grid.process().waitFor(10, TimeUnit.MINUTES)) {
            grid.process().destroyForcibly().waitFor();
            throw new IllegalStateException("the grid ran past 10 minutes: " + grid.err());
        }
        System.out.printf(
                "%s: %.1f s%n", grid.err().getFileName(), (System.nanoTime() - grid.nanos()) / 1e9);
        return new Run(grid.process().exitValue(), Files.readString(grid.err()));
    }

    /**
     * Waits for a cell of the grid writing {@code out} that has finished an epoch but not its run,
     * kills its JVM ({@code ./msa cell ... --index K}, a descendant of the grid's process), and
     * returns its folder.
     */
    private static Path killACellMidway(Started grid, Path out) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            Optional<Path> midway = cellMidway(out.resolve("runs"));
            if (midway.isPresent()) {
                List<Path> folders =
                        CellJobs.read(out.resolve("cells.json")).cells().stream()
                                .map(cell -> cell.folder().toAbsolutePath())
                                .toList();
                String index = Integer.toString(folders.indexOf(midway.get().toAbsolutePath()));
                ProcessHandle cell =
                        grid.process()
                                .descendants()
                                .filter(p -> isCell(p, index))
                                .findFirst()
                                .orElseThrow();
                cell.destroyForcibly();
                cell.onExit().get(1, TimeUnit.MINUTES);
                return midway.get();
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("no cell of " + out + " got past its first epoch");
    }

    /**
     * Whether {@code process} is cell {@code index}'s JVM, by its {@code /proc} command line
     * (Java's {@code ProcessHandle.Info} gives no arguments for a command line as long as a class
     * path).
     */
    private static boolean isCell(ProcessHandle process, String index) {
        try {
            List<String> args =
                    List.of(
                            Files.readString(Path.of("/proc", process.pid() + "", "cmdline"))
                                    .split("\0"));
            int at = args.indexOf("--index");
            return args.contains("cell") && at >= 0 && args.get(at + 1).equals(index);
        } catch (IOException | IndexOutOfBoundsException e) {
            return false;
        }
    }

    private static Optional<Path> cellMidway(Path runs) throws IOException {
        if (!Files.isDirectory(runs)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(runs)) {
            return files.filter(p -> p.getFileName().toString().equals("epochs.jsonl"))
                    .filter(p -> lines(p) >= 1)
                    .map(Path::getParent)
                    .filter(cell -> !Files.exists(cell.resolve("result.json")))
                    .findFirst();
        } catch (UncheckedIOException e) {
            return Optional.empty(); // a run's temporary folder went while the walk was in it
        }
    }

    private static int lines(Path file) {
        try {
            return Files.readAllLines(file).size();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Runs {@code cluster/spark-local} and returns what it printed. */
    private static String cluster(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(CLUSTER.toString()));
        command.addAll(List.of(args));
        Process script = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (script.waitFor() != 0) {
            throw new IllegalStateException(
                    "cluster/spark-local " + String.join(" ", args) + ": " + out);
        }
        return out;
    }
}

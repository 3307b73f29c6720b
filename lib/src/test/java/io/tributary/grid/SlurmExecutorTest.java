package io.tributary.grid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.cli.CommandRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./msa reproduce --executor slurm} on a real Slurm cluster ({@code cluster/slurm-local
 * start}; the {@code slurm} profile runs it, {@code mvn verify} does not): {@code
 * experiments/ci.json} run on this machine, as one job array, and as one job array of which one
 * task is cancelled ({@code scancel}) in the middle of its cell. Every run ends with the same
 * {@code table.csv}, byte for byte, and the cancelled cell resumed from its checkpoint.
 */
@Tag("slurm")
class SlurmExecutorTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir static Path dir;

    private static CommandRun local;
    private static CommandRun slurm;
    private static CommandRun cancelled;
    private static Path cancelledCell;
    private static int epochsAtTheCancel;

    @BeforeAll
    static void runTheGridLocallyOnSlurmAndCancelledOnSlurm() throws Exception {
        local = timed("local", reproduce(dir.resolve("local")));
        slurm = timed("slurm", reproduce(dir.resolve("slurm"), "--executor", "slurm"));
        Path out = dir.resolve("cancelled");
        Path err = dir.resolve("cancelled.err");
        List<String> args = reproduce(out, "--executor", "slurm");
        Process grid =
                new ProcessBuilder(CommandRun.command(List.of(), args.toArray(String[]::new)))
                        .redirectOutput(dir.resolve("cancelled.out").toFile())
                        .redirectError(err.toFile())
                        .start();
        cancelledCell = awaitACellMidway(out.resolve("runs"));
        epochsAtTheCancel = Files.readAllLines(cancelledCell.resolve("epochs.jsonl")).size();
        List<String> running =
                slurmSays(
                        "squeue",
                        "--noheader",
                        "--array",
                        "--name",
                        "msa-cancelled",
                        "--states",
                        "RUNNING",
                        "--format",
                        "%i");
        assertEquals(1, running.size(), "running tasks: " + running);
        slurmSays("scancel", running.get(0));
        assertTrue(grid.waitFor(10, TimeUnit.MINUTES), "the cancelled grid did not end");
        cancelled =
                new CommandRun(
                        grid.exitValue(),
                        Files.readString(dir.resolve("cancelled.out")),
                        Files.readString(err));
    }

    @Test
    void everyExecutorEndsWithTheSameTable() throws IOException {
        assertEquals(0, local.exitCode(), local.err());
        assertEquals(0, slurm.exitCode(), slurm.err());
        assertEquals(0, cancelled.exitCode(), cancelled.err());
        byte[] table = Files.readAllBytes(dir.resolve("local/table.csv"));
        assertArrayEquals(table, Files.readAllBytes(dir.resolve("slurm/table.csv")));
        assertArrayEquals(table, Files.readAllBytes(dir.resolve("cancelled/table.csv")));
    }

    @Test
    void theCancelledTaskWasSubmittedOnceMoreAndResumed() throws IOException {
        assertTrue(epochsAtTheCancel >= 1 && epochsAtTheCancel < 3, "epochs: " + epochsAtTheCancel);
        assertTrue(cancelled.err().contains("CANCELLED"), cancelled.err());
        assertTrue(cancelled.err().contains("submitting it once more"), cancelled.err());
        try (Stream<Path> logs = Files.list(dir.resolve("cancelled/slurm/logs"))) {
            assertTrue(
                    logs.anyMatch(log -> read(log).contains("resuming after epoch")),
                    "no task's log says it resumed");
        }
        assertEquals(3, Files.readAllLines(cancelledCell.resolve("epochs.jsonl")).size());
    }

    private static List<String> reproduce(Path out, String... options) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "reproduce",
                                "--experiment",
                                ROOT.resolve("experiments/ci.json").toString(),
                                "--out",
                                out.toString(),
                                "--data-root",
                                ROOT.toString(),
                                "--bert",
                                ROOT.resolve("datasets/bert-tiny").toString()));
        args.addAll(List.of(options));
        return args;
    }

    /** Runs the grid, saying on the test's log how long it took (the README's numbers). */
    private static CommandRun timed(String executor, List<String> args) {
        long start = System.nanoTime();
        CommandRun run = CommandRun.inNewJvm(args.toArray(String[]::new));
        System.err.printf(
                "SlurmExecutorTest: ci.json on the %s executor: %.1f s%n",
                executor, (System.nanoTime() - start) / 1e9);
        return run;
    }

    private static Path awaitACellMidway(Path runs) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(runs)) {
                try (Stream<Path> files = Files.walk(runs)) {
                    var midway =
                            files.filter(p -> p.getFileName().toString().equals("epochs.jsonl"))
                                    .filter(p -> read(p).lines().count() >= 1)
                                    .map(Path::getParent)
                                    .filter(cell -> !Files.exists(cell.resolve("result.json")))
                                    .findFirst();
                    if (midway.isPresent()) {
                        return midway.get();
                    }
                }
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("no cell of " + runs + " got past its first epoch");
    }

    private static List<String> slurmSays(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), String.join(" ", command) + ": " + out);
        return out.strip().lines().filter(line -> !line.isBlank()).toList();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }
}

package io.tributary.grid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.cli.CommandRun;
import io.tributary.cli.Msa;
import io.tributary.report.CellStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./msa reproduce} on {@code experiments/ci.json} (4 cells of 3 epochs), run twice: once
 * straight through with two cells at a time, once killed with {@code kill -9} in the middle of a
 * cell and run again. The second must resume the killed cell, leave finished cells alone, and end
 * with the same {@code table.csv}, byte for byte.
 */
class ReproduceTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path CI = ROOT.resolve("experiments/ci.json");

    /** The experiment's relative paths are the repository's; tests run in {@code lib/}. */
    private static final List<String> BUNDLED =
            List.of(
                    "--data-root",
                    ROOT.toString(),
                    "--bert",
                    ROOT.resolve("datasets/bert-tiny").toString());

    @TempDir static Path dir;

    private static CommandRun straight;
    private static CommandRun resumed;
    private static Map<Path, FileTime> finishedBeforeTheKill;
    private static int epochsAtTheKill;

    @BeforeAll
    static void runTheGridStraightAndKilled() throws Exception {
        straight = reproduce(CI, dir.resolve("straight"), "--parallel", "2");
        Path killed = dir.resolve("killed");
        Process grid = start(killed);
        Path cell = awaitACellMidway(killed.resolve("runs"));
        epochsAtTheKill = Files.readAllLines(cell.resolve("epochs.jsonl")).size();
        List<ProcessHandle> cells = grid.descendants().toList();
        grid.toHandle().destroyForcibly();
        grid.waitFor(1, TimeUnit.MINUTES);
        for (ProcessHandle child : cells) {
            child.onExit().get(1, TimeUnit.MINUTES);
        }
        finishedBeforeTheKill = finishedRecords(killed.resolve("runs"));
        resumed = reproduce(CI, killed);
    }

    @Test
    void theKilledGridEndsWithTheSameTable() throws IOException {
        assertEquals(0, straight.exitCode(), straight.err());
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertArrayEquals(
                Files.readAllBytes(dir.resolve("straight/table.csv")),
                Files.readAllBytes(dir.resolve("killed/table.csv")));
        assertTrue(Files.isRegularFile(dir.resolve("killed/table.md")));
    }

    @Test
    void theKilledCellResumedAndFinishedCellsWereNotRunAgain() throws IOException {
        assertTrue(epochsAtTheKill >= 1 && epochsAtTheKill < 3, "epochs: " + epochsAtTheKill);
        assertTrue(resumed.err().contains("resuming after epoch"), resumed.err());
        for (Map.Entry<Path, FileTime> record : finishedBeforeTheKill.entrySet()) {
            assertEquals(
                    record.getValue(),
                    Files.getLastModifiedTime(record.getKey()),
                    record.getKey() + " was written again");
        }
        try (Stream<Path> files = Files.walk(dir.resolve("killed/runs"))) {
            assertFalse(
                    files.anyMatch(p -> p.getFileName().toString().equals("checkpoint")),
                    "a finished cell kept its checkpoint");
        }
    }

    @Test
    void aMissingDataFileIsRecordedAndShownAsMissing() throws IOException {
        Path experiment = dir.resolve("missing.json");
        Files.writeString(
                experiment,
                Files.readString(CI)
                        .replace("datasets/sample/synthetic_aligned.pkl", "absent/corpus.pkl")
                        .replace("\"name\": \"ci\"", "\"name\": \"missing\""));
        Path out = dir.resolve("missing");
        CommandRun run = reproduce(experiment, out);
        assertEquals(0, run.exitCode(), run.err());
        CellStatus status = CellStatus.read(out.resolve("runs/sample/full/seed-1111"));
        assertEquals(CellStatus.Status.MISSING, status.status());
        assertTrue(status.reason().contains("absent/corpus.pkl"), status.reason());
        assertTrue(Files.readString(out.resolve("table.md")).contains("missing"));
    }

    @Test
    void aBadExperimentFileIsOneLineNamingTheKey() throws IOException {
        Path experiment = dir.resolve("bad.json");
        Files.writeString(experiment, Files.readString(CI).replace("\"seeds\"", "\"seed\""));
        CommandRun run = CommandRun.of("reproduce", "--experiment", experiment.toString());
        assertEquals(Msa.USER_ERROR, run.exitCode());
        assertEquals("error: " + experiment + ": expected the key 'seeds'", run.err().strip());
    }

    private static CommandRun reproduce(Path experiment, Path out, String... options) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "reproduce",
                                "--experiment",
                                experiment.toString(),
                                "--out",
                                out.toString()));
        args.addAll(BUNDLED);
        args.addAll(List.of(options));
        return CommandRun.inNewJvm(args.toArray(String[]::new));
    }

    private static Process start(Path out) throws IOException {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "reproduce",
                                "--experiment",
                                CI.toString(),
                                "--out",
                                out.toString()));
        args.addAll(BUNDLED);
        return new ProcessBuilder(CommandRun.command(List.of(), args.toArray(String[]::new)))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    /** Waits for a cell that has finished an epoch but not its run, and returns its folder. */
    private static Path awaitACellMidway(Path runs) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            Optional<Path> midway = cellMidway(runs);
            if (midway.isPresent()) {
                return midway.get();
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("no cell of " + runs + " got past its first epoch");
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

    private static Map<Path, FileTime> finishedRecords(Path runs) throws IOException {
        try (Stream<Path> files = Files.walk(runs)) {
            List<Path> records =
                    files.filter(p -> p.getFileName().toString().equals("result.json")).toList();
            Map<Path, FileTime> times = new LinkedHashMap<>();
            for (Path record : records) {
                times.put(record, Files.getLastModifiedTime(record));
            }
            return times;
        }
    }
}

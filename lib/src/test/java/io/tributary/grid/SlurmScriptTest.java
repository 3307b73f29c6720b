package io.tributary.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.cli.CommandRun;
import io.tributary.cli.Msa;
import io.tributary.report.CellStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./msa reproduce --executor slurm --dry-run}: the job array's script, checked without a
 * cluster. Its body runs in plain bash as an array task would, on a cell that has finished.
 */
class SlurmScriptTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path CI = ROOT.resolve("experiments/ci.json");

    @TempDir Path dir;

    @Test
    void theArrayRunsEveryCellOnItsThreadsWithTheOptionsGiven() {
        Path out = dir.resolve("ci");
        CommandRun run =
                dryRun(
                        CI,
                        out,
                        "--partition",
                        "gpu",
                        "--gres",
                        "gpu:1",
                        "--time",
                        "01:30:00",
                        "--account",
                        "lab");
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals("#!/bin/bash", lines.get(0));
        for (String line :
                List.of(
                        "#   0: sample/full/seed-1111",
                        "#   3: sample/text-only/seed-1112",
                        "#SBATCH --job-name=msa-ci",
                        "#SBATCH --array=0-3",
                        "#SBATCH --ntasks=1",
                        "#SBATCH --cpus-per-task=2",
                        "#SBATCH --chdir=" + Path.of("").toAbsolutePath(),
                        "#SBATCH --output=" + out.resolve("slurm/logs/cell-%a.job-%A.log"),
                        "#SBATCH --partition=gpu",
                        "#SBATCH --gres=gpu:1",
                        "#SBATCH --time=01:30:00",
                        "#SBATCH --account=lab")) {
            assertTrue(lines.contains(line), line + " is not in\n" + run.out());
        }
        assertTrue(
                run.out()
                        .contains(
                                "'io.tributary.cli.Msa' 'cell' '--cells' '"
                                        + out.resolve("cells.json")
                                        + "' '--index' \"$SLURM_ARRAY_TASK_ID\""),
                run.out());
        assertFalse(Files.exists(out.resolve("slurm")), "a dry run wrote the grid's slurm folder");
    }

    @Test
    void noOptionGivenLeavesTheClusterItsDefaultsAndFinishedCellsAreLeftOut() throws IOException {
        Path out = dir.resolve("ci");
        diverged(out.resolve("runs/sample/full/seed-1112"), "full", 1112);
        Path experiment = dir.resolve("one-thread.json");
        Files.writeString(
                experiment,
                Files.readString(CI)
                        .replace("\"max_epochs\"", "\"threads\": \"1\", \"max_epochs\""));
        CommandRun run = dryRun(experiment, out);
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("\n#SBATCH --array=0,2-3\n"), run.out());
        assertTrue(run.out().contains("\n#SBATCH --cpus-per-task=1\n"), run.out());
        for (String option : List.of("--partition", "--gres", "--time", "--account")) {
            assertFalse(run.out().contains("#SBATCH " + option), option + " in\n" + run.out());
        }
    }

    @Test
    void aTaskLeavesItsCellsOutcomeAndExitCode() throws Exception {
        Path out = dir.resolve("ci");
        diverged(out.resolve("runs/sample/text-only/seed-1111"), "text-only", 1111);
        CommandRun run = dryRun(CI, out);
        assertEquals(0, run.exitCode(), run.err());
        Path script = dir.resolve("array.sbatch");
        Files.writeString(script, run.out());
        Files.createDirectories(out.resolve("slurm/ended"));
        ProcessBuilder task = new ProcessBuilder("bash", script.toString()).inheritIO();
        task.environment().put("SLURM_ARRAY_TASK_ID", "2");
        Process process = task.start();
        assertTrue(process.waitFor(2, TimeUnit.MINUTES));
        assertEquals(0, process.exitValue());
        assertEquals(
                List.of(CellRun.Outcome.FINISHED.line(), "exit 0"),
                Files.readAllLines(out.resolve("slurm/ended/cell-2")));
    }

    @Test
    void aBadTimeIsOneLineNamingTheOption() {
        CommandRun run = dryRun(CI, dir.resolve("ci"), "--time", "90m");
        assertEquals(Msa.USER_ERROR, run.exitCode());
        assertEquals("error: --time 90m: expected HH:MM:SS or D-HH:MM:SS", run.err().strip());
    }

    @Test
    void arraysAreWrittenAsRanges() {
        assertEquals("0-3,5,7-9", SlurmScript.array(List.of(0, 1, 2, 3, 5, 7, 8, 9)));
        assertEquals("4", SlurmScript.array(List.of(4)));
    }

    /** Records the cell as diverged: finished, never submitted again. */
    private static void diverged(Path cell, String row, long seed) throws IOException {
        Files.createDirectories(cell);
        new CellStatus(row, seed, "synthetic_aligned.pkl", CellStatus.Status.DIVERGED, "test")
                .write(cell);
    }

    private static CommandRun dryRun(Path experiment, Path out, String... options) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "reproduce",
                                "--executor",
                                "slurm",
                                "--dry-run",
                                "--experiment",
                                experiment.toString(),
                                "--out",
                                out.toString(),
                                "--data-root",
                                ROOT.toString(),
                                "--bert",
                                ROOT.resolve("datasets/bert-tiny").toString()));
        args.addAll(List.of(options));
        return CommandRun.of(args.toArray(String[]::new));
    }
}

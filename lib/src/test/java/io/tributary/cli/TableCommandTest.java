package io.tributary.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableCommandTest {

    @TempDir Path dir;

    @Test
    void writesTheTablesAndPrintsTheDatasets() throws IOException {
        Path runs = dir.resolve("runs");
        Files.createDirectories(runs.resolve("a"));
        Files.writeString(
                runs.resolve("a/result.json"),
                "{\"row\": \"full\", \"seed\": 1, \"code_version\": \"abc\","
                        + " \"data\": {\"path\": \"synthetic\", \"sha256\": \"00ff\"},"
                        + " \"config\": {\"task\": \"SIMS\"}, \"test\": {\"Mult_acc_2\": 0.7,"
                        + " \"Mult_acc_3\": 0.6, \"Mult_acc_5\": 0.4, \"F1_score\": 0.7,"
                        + " \"MAE\": 0.4, \"Corr\": NaN}}");
        Path out = dir.resolve("out");
        CommandRun run = CommandRun.of("table", "--runs", runs.toString(), "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("\"synthetic\""), run.out());
        assertEquals(
                "synthetic,full,Corr,1,,,,", Files.readAllLines(out.resolve("table.csv")).get(6));
        assertTrue(Files.exists(out.resolve("table.md")));
        assertTrue(Files.exists(out.resolve("table.tex")));
    }

    @Test
    void unreadableJsonExitsTwoNamingTheFile() throws IOException {
        Path bad = dir.resolve("runs/a/result.json");
        Files.createDirectories(bad.getParent());
        Files.writeString(bad, "{\"row\": ");
        CommandRun run =
                CommandRun.of("table", "--runs", dir.resolve("runs").toString(), "--out", "x");
        assertEquals(Msa.USER_ERROR, run.exitCode());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().contains(bad.toString()), run.err());
    }

    @Test
    void noRecordsExitsTwo() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        CommandRun run = CommandRun.of("table", "--runs", empty.toString(), "--out", "x");
        assertEquals(Msa.USER_ERROR, run.exitCode());
        assertTrue(run.err().contains(empty.toString()), run.err());
    }
}

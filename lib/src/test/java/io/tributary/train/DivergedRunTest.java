package io.tributary.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tributary.cli.CommandRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that diverges reports no result, not even an earlier run's: a good run first, then, in the
 * same folder, a run whose learning rates blow every weight up, so that no validation loss is
 * finite. Its skipped steps are named in the epoch records.
 */
class DivergedRunTest {

    private static final String BERT =
            Path.of("..", "datasets", "bert-tiny").toAbsolutePath().normalize().toString();

    @TempDir static Path dir;

    private static CommandRun good;
    private static CommandRun diverged;

    @BeforeAll
    static void trainAGoodRunThenADivergingOneInTheSameFolder() {
        good = train("max_epochs=1");
        diverged = train("max_epochs=3", "lr_plm=1e38", "lr_new=1e38", "gate_lr=1e38");
    }

    private static CommandRun train(String... sets) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "train",
                                "--data",
                                "synthetic",
                                "--bert",
                                BERT,
                                "--out",
                                dir.resolve("run").toString()));
        for (String set : sets) {
            args.addAll(List.of("--set", set));
        }
        return CommandRun.of(args.toArray(String[]::new));
    }

    @Test
    void aDivergedRunExitsWithThreeAndOneLineAndLeavesNoResult() {
        assertEquals(0, good.exitCode(), good.err());
        assertEquals(3, diverged.exitCode(), diverged.err());
        String last = diverged.err().strip().lines().reduce((a, b) -> b).orElseThrow();
        assertTrue(last.startsWith("error: the run diverged"), diverged.err());
        assertFalse(diverged.err().contains("Exception"), diverged.err());
        assertEquals("", diverged.out());
        assertFalse(Files.exists(dir.resolve("run").resolve(RunResult.FILE)));
        assertFalse(Files.exists(dir.resolve("run").resolve("model")), "the earlier model");
        assertFalse(
                Files.exists(dir.resolve("run").resolve(TrainingCheckpoint.FOLDER)),
                "a diverged run is never resumed: its checkpoint goes");
    }

    @Test
    void skippedStepsNameTheFirstParameterWhoseGradientWasNotFinite() throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve("run").resolve(EpochLog.FILE));
        assertEquals(3, lines.size());
        JsonObject last = JsonParser.parseString(lines.get(2)).getAsJsonObject();
        JsonArray skipped = last.getAsJsonArray("skipped");
        double count = last.getAsJsonObject("train").get("skipped_steps").getAsDouble();
        assertEquals(count, skipped.size());
        assertTrue(skipped.size() > 0, last.toString());
        int steps = last.get("steps").getAsInt();
        JsonObject first = skipped.get(0).getAsJsonObject();
        assertTrue(first.get("step").getAsInt() > 2 * steps, first.toString());
        assertTrue(first.get("parameter").getAsString().contains("."), first.toString());
    }
}

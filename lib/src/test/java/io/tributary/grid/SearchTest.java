package io.tributary.grid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tributary.cli.CommandRun;
import io.tributary.cli.Msa;
import io.tributary.train.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./msa search} on {@code experiments/search-ci.json} (3 trials of 2 epochs, then the chosen
 * settings over 2 seeds), run twice into two folders: the same {@code search.csv} both times, no
 * trial's process ever built a test split, and the trial selected is the one of lowest validation
 * loss; run a third time into the first folder, it trains nothing again. Bad search blocks are
 * refused with one line naming the key.
 */
class SearchTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path FILE = ROOT.resolve("experiments/search-ci.json");

    @TempDir static Path dir;

    private static CommandRun first;
    private static CommandRun second;
    private static CommandRun again;
    private static Map<Path, FileTime> recordsBeforeAgain;

    @BeforeAll
    static void searchTwiceAndOnceMoreInTheFirstFolder() throws IOException {
        first = search(FILE, dir.resolve("first"));
        second = search(FILE, dir.resolve("second"));
        recordsBeforeAgain = records(dir.resolve("first"));
        again = search(FILE, dir.resolve("first"));
    }

    @Test
    void theSameExperimentGivesTheSameSearchCsv() throws IOException {
        assertEquals(0, first.exitCode(), first.err());
        assertEquals(0, second.exitCode(), second.err());
        byte[] csv = Files.readAllBytes(dir.resolve("first/search.csv"));
        assertArrayEquals(csv, Files.readAllBytes(dir.resolve("second/search.csv")));
        List<String> lines = Files.readAllLines(dir.resolve("first/search.csv"));
        assertEquals("trial,seed,lr_new,dropout,gate,valid_task_loss,selected", lines.get(0));
        assertEquals(4, lines.size(), String.join("\n", lines));
    }

    /** Finished trials and runs are not run again, as with {@code ./msa reproduce}. */
    @Test
    void aSearchRunAgainTrainsNothingAgain() throws IOException {
        assertEquals(0, again.exitCode(), again.err());
        assertEquals(5, recordsBeforeAgain.size(), recordsBeforeAgain.toString());
        assertEquals(recordsBeforeAgain, records(dir.resolve("first")));
        assertArrayEquals(
                Files.readAllBytes(dir.resolve("first/search.csv")),
                Files.readAllBytes(dir.resolve("second/search.csv")));
    }

    /** Each trial ran in a JVM of its own, which counted the splits it built from the data. */
    @Test
    void noTrialReadTheTestSplit() {
        for (int trial = 1; trial <= 3; trial++) {
            RunResult result = RunResult.read(dir.resolve("first/search/trial-" + trial));
            assertTrue(result.selectionOnly(), "trial " + trial);
            assertEquals(Map.of("train", 1, "valid", 1), result.splitsRead(), "trial " + trial);
            assertTrue(result.test().isEmpty(), "trial " + trial + ": " + result.test());
        }
        RunResult searched =
                RunResult.read(dir.resolve("first/runs/sample/full-searched/seed-1111"));
        assertFalse(searched.selectionOnly());
        assertEquals(1, searched.splitsRead().get("test"));
        assertFalse(searched.test().isEmpty());
    }

    @Test
    void theSelectedTrialHasTheLowestValidationLossAndIsWhatTheSeedsRan() throws IOException {
        List<String[]> trials = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("first/search.csv")).subList(1, 4)) {
            trials.add(line.split(","));
        }
        String[] selected =
                trials.stream().filter(t -> t[6].equals("true")).findFirst().orElseThrow();
        double lowest =
                trials.stream().mapToDouble(t -> Double.parseDouble(t[5])).min().orElseThrow();
        assertEquals(lowest, Double.parseDouble(selected[5]), Arrays.toString(selected));
        assertEquals(1, trials.stream().filter(t -> t[6].equals("true")).count());
        RunResult trial = RunResult.read(dir.resolve("first/search/trial-" + selected[0]));
        assertEquals(lowest, trial.valid().get("task_loss"));
        for (long seed : List.of(1111L, 1112L)) {
            RunResult run =
                    RunResult.read(dir.resolve("first/runs/sample/full-searched/seed-" + seed));
            assertEquals("full-searched", run.row());
            assertEquals(selected[4], run.config().model().get("gate").getAsString());
            assertEquals(
                    Float.parseFloat(selected[3]),
                    run.config().model().get("dropout").getAsFloat());
        }
        assertTrue(Files.readString(dir.resolve("first/table.md")).contains("full-searched"));
    }

    @Test
    void drawsRepeatAndTheGridIsTheProductInKeyOrder() {
        Search random = Experiment.read(FILE).search();
        assertEquals(random.draw(), random.draw());
        assertEquals(3, random.draw().size());
        Map<String, JsonArray> space =
                new LinkedHashMap<>(Map.of("gate", array("[\"similarity\", \"learned\"]")));
        space.put("dropout", array("[0.0, 0.1]"));
        Search grid = new Search(3, "grid", 5L, null, space);
        List<Search.Trial> trials = grid.draw();
        assertEquals(3, trials.size());
        assertEquals(Map.of("gate", "similarity", "dropout", "0.0"), trials.get(0).values());
        assertEquals(Map.of("gate", "similarity", "dropout", "0.1"), trials.get(1).values());
        assertEquals(Map.of("gate", "learned", "dropout", "0.0"), trials.get(2).values());
        assertEquals(trials, grid.draw());
    }

    @Test
    void tiesGoToTheLowerTrialNumber() {
        Search.Trial one = new Search.Trial(1, 10, Map.of());
        Search.Trial two = new Search.Trial(2, 20, Map.of());
        Search.Trial three = new Search.Trial(3, 30, Map.of());
        var selected =
                HyperparameterSearch.select(
                        List.of(
                                new HyperparameterSearch.Scored(one, Double.NaN),
                                new HyperparameterSearch.Scored(two, 0.5),
                                new HyperparameterSearch.Scored(three, 0.5)));
        assertEquals(2, selected.orElseThrow().trial().number());
    }

    @Test
    void badSearchBlocksAreRefusedWithOneLineNamingTheKey() throws IOException {
        refused("sampler", s -> s.addProperty("sampler", "bayes"), "'search.sampler' bayes");
        refused("empty", s -> s.add("space", new JsonObject()), "'search.space'");
        refused(
                "order",
                s -> s.getAsJsonObject("space").add("lr_new", array("[1e-2, 1e-4, \"log\"]")),
                "'search.space.lr_new'");
        refused(
                "log",
                s -> s.getAsJsonObject("space").add("dropout", array("[0.0, 0.3, \"log\"]")),
                "'search.space.dropout'");
        refused("row", s -> s.addProperty("row", "no-such-row"), "'search.row' no-such-row");
        refused("grid", s -> s.addProperty("sampler", "grid"), "'search.space.lr_new'");
    }

    private static void refused(String name, Consumer<JsonObject> edit, String expected)
            throws IOException {
        JsonObject experiment = JsonParser.parseString(Files.readString(FILE)).getAsJsonObject();
        edit.accept(experiment.getAsJsonObject("search"));
        Path file = dir.resolve(name + ".json");
        Files.writeString(file, experiment.toString());
        CommandRun run = CommandRun.of("search", "--experiment", file.toString());
        assertEquals(Msa.USER_ERROR, run.exitCode(), name + ": " + run.err());
        String err = run.err().strip();
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("error: " + file + ": " + expected), err);
    }

    /** Every {@code result.json} below {@code out} and when it was written. */
    private static Map<Path, FileTime> records(Path out) throws IOException {
        try (Stream<Path> files = Files.walk(out)) {
            Map<Path, FileTime> times = new TreeMap<>();
            for (Path file :
                    files.filter(p -> p.getFileName().toString().equals(RunResult.FILE)).toList()) {
                times.put(file, Files.getLastModifiedTime(file));
            }
            return times;
        }
    }

    private static JsonArray array(String json) {
        return JsonParser.parseString(json).getAsJsonArray();
    }

    private static CommandRun search(Path experiment, Path out) {
        return CommandRun.inNewJvm(
                "search",
                "--experiment",
                experiment.toString(),
                "--out",
                out.toString(),
                "--data-root",
                ROOT.toString(),
                "--bert",
                ROOT.resolve("datasets/bert-tiny").toString());
    }
}

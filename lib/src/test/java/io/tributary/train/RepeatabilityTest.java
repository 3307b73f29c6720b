package io.tributary.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tributary.TestResources;
import io.tributary.cli.CommandRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same command should give the same record: every model family trained twice, each time in a
 * JVM of its own as {@code ./msa train} runs, on the bundled sample and BERT (and once on the
 * reference fixture's BERT, whose weights are large), at the default thread count and at one
 * thread. Every field of {@code epochs.jsonl} and {@code result.json} must repeat except time and
 * memory ({@code seconds}, {@code rss_mb}, {@code live_arrays}, and any name ending in {@code _ms}
 * or {@code _seconds}); another seed must give another run; and {@code ./msa evaluate} in a fresh
 * JVM must reproduce the test metrics of {@code result.json}.
 *
 * <p>The second copy of each run collects garbage all the time (a 2 MB young generation), so no
 * record may depend on when the collector runs: memory that autograd still reads but only a Java
 * object kept alive (see {@link io.tributary.tensors.Scalars}) made runs part exactly that way.
 */
class RepeatabilityTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String SAMPLE =
            ROOT.resolve("datasets/sample/synthetic_aligned.pkl").toString();
    private static final String BERT = ROOT.resolve("datasets/bert-tiny").toString();

    /** Each run's command after {@code train --out DIR}. */
    private static final Map<String, List<String>> RUNS = new LinkedHashMap<>();

    static {
        RUNS.put("injection", bundled("injection"));
        RUNS.put("text", bundled("text", "--row", "text-only"));
        RUNS.put("mag", bundled("mag"));
        RUNS.put("mmmie-vib", bundled("mmmie", "--set", "minimizer=vib"));
        RUNS.put("mmmie-club", bundled("mmmie", "--set", "minimizer=club"));
        RUNS.put("mmmie-none", bundled("mmmie", "--set", "minimizer=none"));
        RUNS.put("injection-1-thread", bundled("injection", "--set", "threads=1"));
        RUNS.put(
                "fixture-bert",
                List.of(
                        "--model",
                        "injection",
                        "--data",
                        "synthetic",
                        "--bert",
                        TestResources.path("fixtures/tiny-bert").toString(),
                        "--set",
                        "max_epochs=4",
                        "--set",
                        "lr_plm=1e-3"));
    }

    /** JVM options under which a young collection runs after every 2 MB allocated. */
    private static final List<String> CONSTANT_GARBAGE_COLLECTION =
            List.of("-XX:+UseSerialGC", "-Xmn2m");

    @TempDir static Path dir;

    @BeforeAll
    static void trainEachRunTwice() {
        for (Map.Entry<String, List<String>> run : RUNS.entrySet()) {
            train(run.getKey() + "-a", List.of(), run.getValue());
            train(run.getKey() + "-b", CONSTANT_GARBAGE_COLLECTION, run.getValue());
        }
        List<String> otherSeed = new ArrayList<>(RUNS.get("injection"));
        otherSeed.addAll(List.of("--seed", "1112"));
        train("injection-seed-1112", List.of(), otherSeed);
    }

    private static List<String> bundled(String model, String... extra) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "--model",
                                model,
                                "--data",
                                SAMPLE,
                                "--bert",
                                BERT,
                                "--set",
                                "max_epochs=4",
                                "--set",
                                "lr_plm=1e-3"));
        args.addAll(List.of(extra));
        return args;
    }

    private static void train(String name, List<String> jvmOptions, List<String> args) {
        List<String> command = new ArrayList<>(List.of("train", "--out", out(name).toString()));
        command.addAll(args);
        CommandRun run = CommandRun.inNewJvm(jvmOptions, command.toArray(String[]::new));
        assertEquals(0, run.exitCode(), name + ": " + run.err());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "injection",
                "text",
                "mag",
                "mmmie-vib",
                "mmmie-club",
                "mmmie-none",
                "injection-1-thread",
                "fixture-bert"
            })
    void theSameCommandInAnotherProcessWritesTheSameRecords(String run) throws IOException {
        assertEquals(epochs(run + "-a"), epochs(run + "-b"), run + ": epochs.jsonl");
        assertEquals(result(run + "-a"), result(run + "-b"), run + ": result.json");
    }

    @Test
    void aCpuRunRecordsThatItRepeats() throws IOException {
        JsonObject result =
                JsonParser.parseString(Files.readString(out("injection-a").resolve(RunResult.FILE)))
                        .getAsJsonObject();
        assertTrue(result.get("deterministic").getAsBoolean());
    }

    @Test
    void theRowIsTheGivenNameOrTheModels() {
        assertEquals("text-only", RunResult.read(out("text-a")).row());
        assertEquals("injection", RunResult.read(out("injection-a")).row());
    }

    @Test
    void anotherSeedGivesAnotherRun() throws IOException {
        assertNotEquals(epochs("injection-a"), epochs("injection-seed-1112"));
    }

    @Test
    void evaluateInAFreshProcessReproducesTheTestMetrics() {
        Path run = out("injection-a");
        CommandRun evaluate =
                CommandRun.inNewJvm(
                        "evaluate",
                        "--run",
                        run.toString(),
                        "--data",
                        SAMPLE,
                        "--out",
                        dir.resolve("predictions.csv").toString());
        EvaluatedRuns.assertPrintsTheTestMetrics(evaluate, run);
    }

    private static Path out(String name) {
        return dir.resolve(name);
    }

    /** Every epoch record without its time and memory fields. */
    private static List<JsonElement> epochs(String name) throws IOException {
        List<JsonElement> epochs = new ArrayList<>();
        for (String line : Files.readAllLines(out(name).resolve(EpochLog.FILE))) {
            epochs.add(withoutTiming(JsonParser.parseString(line)));
        }
        return epochs;
    }

    private static JsonElement result(String name) throws IOException {
        return withoutTiming(
                JsonParser.parseString(Files.readString(out(name).resolve(RunResult.FILE))));
    }

    /**
     * A copy without the fields that measure time or memory, at any depth, and without the run's
     * own folder (the one thing two runs' commands differ in).
     */
    private static JsonElement withoutTiming(JsonElement element) {
        if (element.isJsonArray()) {
            JsonArray copy = new JsonArray();
            element.getAsJsonArray().forEach(item -> copy.add(withoutTiming(item)));
            return copy;
        }
        if (!element.isJsonObject()) {
            return element;
        }
        JsonObject copy = new JsonObject();
        for (Map.Entry<String, JsonElement> field : element.getAsJsonObject().entrySet()) {
            String key = field.getKey();
            boolean timing =
                    key.equals("seconds")
                            || key.equals("rss_mb")
                            || key.equals("live_arrays")
                            || key.endsWith("_ms")
                            || key.endsWith("_seconds");
            if (!timing) {
                copy.add(key, withoutTiming(field.getValue()));
            }
        }
        return copy;
    }
}

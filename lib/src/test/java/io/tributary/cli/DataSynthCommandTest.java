package io.tributary.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tributary.TestResources;
import io.tributary.core.Checksums;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataSynthCommandTest {

    private static final String BERT = TestResources.path("fixtures/tiny-bert").toString();

    @TempDir Path dir;

    /**
     * One JSON line names the file, its SHA-256 and the samples per split, and {@code data inspect}
     * reads the file as MMSA's aligned layout with the generator's shapes.
     */
    @Test
    void writesAnAlignedMmsaPickleThatInspectReads() {
        Path file = dir.resolve("sample.pkl");
        CommandRun run = CommandRun.of("data", "synth", "--out", file.toString(), "--bert", BERT);
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(1, run.out().strip().lines().count(), run.out());
        JsonObject summary = JsonParser.parseString(run.out()).getAsJsonObject();
        assertEquals(file.toAbsolutePath().toString(), summary.get("path").getAsString());
        assertEquals(Checksums.sha256(file), summary.get("sha256").getAsString());
        JsonObject samples = summary.getAsJsonObject("samples");
        assertEquals(400, samples.get("train").getAsInt());
        assertEquals(100, samples.get("valid").getAsInt());
        assertEquals(100, samples.get("test").getAsInt());

        CommandRun inspect = CommandRun.of("data", "inspect", file.toString());
        assertEquals(0, inspect.exitCode(), inspect.err());
        JsonObject report = JsonParser.parseString(inspect.out()).getAsJsonObject();
        assertEquals("mmsa", report.get("format").getAsString());
        JsonObject keys =
                report.getAsJsonObject("splits").getAsJsonObject("train").getAsJsonObject("keys");
        assertShape(keys, "text_bert", "int64", 400, 3, 11);
        assertShape(keys, "audio", "float32", 400, 11, 8);
        assertShape(keys, "vision", "float32", 400, 11, 8);
        assertShape(keys, "regression_labels", "float32", 400);
        assertShape(keys, "id", "object", 400);
        assertFalse(keys.has("audio_lengths"));
        assertEquals(
                100,
                report.getAsJsonObject("splits").getAsJsonObject("test").get("count").getAsInt());
    }

    /**
     * The command that datasets/README.md gives writes the bundled sample byte for byte, and the
     * README states the sample's SHA-256.
     */
    @Test
    void theBundledSampleIsWhatItsDocumentedCommandWrites() throws IOException {
        Path datasets = Path.of("..", "datasets").toAbsolutePath().normalize();
        Path sample = datasets.resolve("sample/synthetic_aligned.pkl");
        Path file = dir.resolve("synthetic_aligned.pkl");
        CommandRun run =
                CommandRun.of(
                        "data",
                        "synth",
                        "--out",
                        file.toString(),
                        "--seed",
                        "1111",
                        "--informative",
                        "acoustic",
                        "--bert",
                        datasets.resolve("bert-tiny").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertArrayEquals(Files.readAllBytes(sample), Files.readAllBytes(file));
        String readme = Files.readString(datasets.resolve("README.md"));
        assertTrue(
                readme.contains(
                        "./msa data synth --out datasets/sample/synthetic_aligned.pkl --seed 1111"
                                + " --informative acoustic --bert datasets/bert-tiny"),
                "datasets/README.md gives the command");
        assertTrue(readme.contains("`" + Checksums.sha256(sample) + "`"), "README has the SHA-256");
    }

    @Test
    void unalignedLayoutKeepsTheGeneratorsFramesAndWritesLengths() {
        Path file = dir.resolve("unaligned.pkl");
        CommandRun run =
                CommandRun.of(
                        "data",
                        "synth",
                        "--out",
                        file.toString(),
                        "--bert",
                        BERT,
                        "--layout",
                        "unaligned");
        assertEquals(0, run.exitCode(), run.err());
        JsonObject keys =
                JsonParser.parseString(CommandRun.of("data", "inspect", file.toString()).out())
                        .getAsJsonObject()
                        .getAsJsonObject("splits")
                        .getAsJsonObject("valid")
                        .getAsJsonObject("keys");
        assertShape(keys, "audio", "float32", 100, 20, 8);
        assertShape(keys, "audio_lengths", "int64", 100);
        assertShape(keys, "vision_lengths", "int64", 100);
    }

    /** The same options give the same bytes; another seed or stream gives other bytes. */
    @Test
    void fileDependsOnlyOnTheOptions() {
        String first = sha256("a.pkl", "--seed", "5");
        assertEquals(first, sha256("b.pkl", "--seed", "5"));
        assertNotEquals(first, sha256("c.pkl", "--seed", "6"));
        assertNotEquals(first, sha256("d.pkl", "--seed", "5", "--informative", "none"));
    }

    @Test
    void aFolderWithoutVocabularyIsAUserError() {
        Path file = dir.resolve("x.pkl");
        CommandRun run =
                CommandRun.of("data", "synth", "--out", file.toString(), "--bert", dir.toString());
        assertEquals(2, run.exitCode());
        assertEquals(
                "error: " + dir.resolve("vocab.txt") + ": expected a vocabulary file, found none",
                run.err().strip());
        assertFalse(Files.exists(file));
    }

    @Test
    void anUnknownStreamIsAUserError() {
        CommandRun run =
                CommandRun.of(
                        "data",
                        "synth",
                        "--out",
                        dir.resolve("x.pkl").toString(),
                        "--bert",
                        BERT,
                        "--informative",
                        "visual");
        assertEquals(2, run.exitCode());
        assertTrue(
                run.err()
                        .startsWith(
                                "error: --informative: expected one of [acoustic, none], found"
                                        + " 'visual'"),
                run.err());
    }

    private String sha256(String name, String... options) {
        Path file = dir.resolve(name);
        String[] args = new String[6 + options.length];
        String[] fixed = {"data", "synth", "--out", file.toString(), "--bert", BERT};
        System.arraycopy(fixed, 0, args, 0, fixed.length);
        System.arraycopy(options, 0, args, fixed.length, options.length);
        CommandRun run = CommandRun.of(args);
        assertEquals(0, run.exitCode(), run.err());
        return JsonParser.parseString(run.out()).getAsJsonObject().get("sha256").getAsString();
    }

    private static void assertShape(JsonObject keys, String key, String dtype, long... shape) {
        JsonObject entry = keys.getAsJsonObject(key);
        assertEquals(dtype, entry.get("dtype").getAsString(), key);
        JsonArray got = entry.getAsJsonArray("shape");
        assertEquals(shape.length, got.size(), key);
        for (int i = 0; i < shape.length; i++) {
            assertEquals(shape[i], got.get(i).getAsLong(), key);
        }
    }
}

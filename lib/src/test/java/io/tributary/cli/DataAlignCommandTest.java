package io.tributary.cli;

import static io.tributary.data.sdk.SdkFixtures.bad;
import static io.tributary.data.sdk.SdkFixtures.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tributary.data.sdk.SdkFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DataAlignCommandTest {

    @TempDir Path dir;

    private static List<String> alignArgs(Path acoustic, String level, Path out) {
        return new ArrayList<>(
                List.of(
                        "data",
                        "align",
                        "--words",
                        fixture("words.csd").toString(),
                        "--acoustic",
                        acoustic.toString(),
                        "--visual",
                        fixture("facet.csd").toString(),
                        "--labels",
                        fixture("labels.csd").toString(),
                        "--level",
                        level,
                        "--out",
                        out.toString()));
    }

    @Test
    void segmentLevelAgreesWithExpectedSegments() throws IOException {
        Path out = dir.resolve("aligned/segments.json");
        CommandRun run =
                CommandRun.of(
                        alignArgs(fixture("covarep.csd"), "segment", out).toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(1, run.out().strip().lines().count(), run.out());
        JsonObject summary = JsonParser.parseString(run.out()).getAsJsonObject();
        assertEquals(6, summary.get("segments").getAsInt());
        assertEquals(3, summary.get("videos").getAsInt());
        assertEquals("segment", summary.get("level").getAsString());
        assertEquals(out.toAbsolutePath().toString(), summary.get("out").getAsString());
        SdkFixtures.assertMatchesExpectedSegments(
                JsonParser.parseString(Files.readString(out)).getAsJsonObject());
    }

    @Test
    void wordLevelWritesOneFramePerWord() throws IOException {
        Path out = dir.resolve("words.json");
        CommandRun run =
                CommandRun.of(
                        alignArgs(fixture("covarep.csd"), "word", out).toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());
        JsonObject aligned = JsonParser.parseString(Files.readString(out)).getAsJsonObject();
        assertEquals(6, aligned.size());
        JsonObject v01 = aligned.getAsJsonObject("v01[1]");
        assertEquals(7, v01.getAsJsonArray("words").size());
        assertEquals(7, v01.getAsJsonArray("acoustic").size());
        assertEquals(7, v01.getAsJsonArray("visual").size());
        for (JsonElement frame : v01.getAsJsonArray("acoustic")) {
            assertEquals(74, frame.getAsJsonArray().size());
        }
        for (JsonElement frame : v01.getAsJsonArray("visual")) {
            assertEquals(47, frame.getAsJsonArray().size());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "missing_data_group.csd, /COVAREP/data: expected a group, found nothing",
        "missing_features.csd, /COVAREP/data/v01/features: expected a dataset, found nothing",
        "intervals_n3.csd, /COVAREP/data/v00/intervals: expected intervals of shape (n, 2)",
        "n_mismatch.csd, '/COVAREP/data/v00: expected as many feature rows as intervals, found 6"
                + " intervals and 5 feature rows'",
        "features_1d.csd, /COVAREP/data/v00/features: expected features of shape (n, d)",
        "truncated.csd, ': /: expected 21056 bytes (the superblock''s end of file), found 12633'",
        "huge_claim.csd, /COVAREP/data/v00/intervals: expected data that fits in the file's"
    })
    void brokenFileIsOneErrorLineNamingFileAndPath(String name, String part) {
        Path out = dir.resolve("never.json");
        CommandRun run = CommandRun.of(alignArgs(bad(name), "segment", out).toArray(String[]::new));
        assertEquals(2, run.exitCode(), run.err());
        assertEquals("", run.out());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().startsWith("error: " + bad(name) + ": /"), run.err());
        assertTrue(run.err().contains(part), run.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void unknownLevelIsAUsageError() {
        CommandRun run =
                CommandRun.of(
                        alignArgs(fixture("covarep.csd"), "frame", dir.resolve("x.json"))
                                .toArray(String[]::new));
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("expected segment or word, found 'frame'"), run.err());
    }
}

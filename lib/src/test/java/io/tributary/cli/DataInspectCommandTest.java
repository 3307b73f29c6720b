package io.tributary.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tributary.TestResources;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DataInspectCommandTest {

    /** The printed JSON agrees with the fixture's summary.json. */
    @ParameterizedTest
    @ValueSource(strings = {"aligned_50", "unaligned_50"})
    void inspectAgreesWithTheFixtureSummary(String name) throws IOException {
        String[] outErr =
                run(
                        "data",
                        "inspect",
                        TestResources.path("fixtures/mmsa/" + name + ".pkl").toString());
        JsonObject got = JsonParser.parseString(outErr[0]).getAsJsonObject();
        JsonObject expected =
                JsonParser.parseString(
                                Files.readString(
                                        TestResources.path(
                                                "fixtures/mmsa/" + name + ".summary.json")))
                        .getAsJsonObject();
        assertEquals("mmsa", got.get("format").getAsString());
        JsonObject splits = got.getAsJsonObject("splits");
        assertEquals(3, splits.size());
        for (String split : splits.keySet()) {
            JsonObject gotSplit = splits.getAsJsonObject(split);
            JsonObject wantKeys = expected.getAsJsonObject(split);
            JsonObject gotKeys = gotSplit.getAsJsonObject("keys");
            assertEquals(wantKeys.keySet(), gotKeys.keySet());
            for (String key : wantKeys.keySet()) {
                assertEquals(
                        wantKeys.getAsJsonArray(key).get(0),
                        gotKeys.getAsJsonObject(key).get("shape"),
                        key);
                assertEquals(
                        wantKeys.getAsJsonArray(key).get(1),
                        gotKeys.getAsJsonObject(key).get("dtype"),
                        key);
            }
            JsonArray labels = expected.getAsJsonObject("labels").getAsJsonArray(split);
            assertEquals(labels.size(), gotSplit.get("count").getAsLong());
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            double sum = 0;
            for (int i = 0; i < labels.size(); i++) {
                min = Math.min(min, labels.get(i).getAsDouble());
                max = Math.max(max, labels.get(i).getAsDouble());
                sum += labels.get(i).getAsDouble();
            }
            JsonObject stats = gotSplit.getAsJsonObject("labels");
            assertEquals(min, stats.get("min").getAsDouble(), 0.0);
            assertEquals(max, stats.get("max").getAsDouble(), 0.0);
            assertEquals(sum / labels.size(), stats.get("mean").getAsDouble(), 1e-12);
            assertTrue(gotSplit.getAsJsonObject("replaced").has("audio"));
        }
        assertEquals("", outErr[1]);
    }

    @Test
    void truncatedFileIsRefusedWithOneLineAndExitCode2() {
        String file = TestResources.path("fixtures/mmsa/truncated.pkl").toString();
        CommandRun run = CommandRun.of("data", "inspect", file);
        assertEquals(2, run.exitCode());
        assertEquals("", run.out());
        String message = run.err();
        assertTrue(message.startsWith("error: " + file + ": byte "), message);
        assertEquals(1, message.strip().lines().count(), message);
    }

    private static String[] run(String... args) {
        CommandRun run = CommandRun.of(args);
        assertEquals(0, run.exitCode(), run.err());
        return new String[] {run.out(), run.err()};
    }
}

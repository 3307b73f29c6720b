package io.tributary.data.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tributary.TestResources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Paths of the test resources: the shared SDK fixtures and the generated broken files. */
public final class SdkFixtures {

    private static final double TOLERANCE = 1e-5;

    private SdkFixtures() {}

    /** A copy of {@code shared/fixtures/sdk/<name>}. */
    public static Path fixture(String name) {
        return resource("/fixtures/sdk/" + name);
    }

    /** A broken file written by {@code lib/src/test/python/make_bad_csd.py}. */
    public static Path bad(String name) {
        return resource("/io/tributary/data/sdk/bad/" + name);
    }

    /**
     * Checks aligned segments, as JSON {@code id -> {label, words, acoustic, visual}}, against
     * expected_segments.json: the same ids in order, labels and frames to 1e-5, the same words.
     */
    public static void assertMatchesExpectedSegments(JsonObject actual) throws IOException {
        JsonObject expected =
                JsonParser.parseString(Files.readString(fixture("expected_segments.json")))
                        .getAsJsonObject();
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(actual.keySet()));
        for (String id : expected.keySet()) {
            JsonObject want = expected.getAsJsonObject(id);
            JsonObject got = actual.getAsJsonObject(id);
            assertEquals(
                    want.get("label").getAsDouble(), got.get("label").getAsDouble(), TOLERANCE, id);
            assertEquals(want.get("words"), got.get("words"), id);
            assertEquals(1, got.getAsJsonArray("acoustic").size(), id);
            assertEquals(1, got.getAsJsonArray("visual").size(), id);
            assertClose(want.getAsJsonArray("covarep_mean"), got.getAsJsonArray("acoustic"), id);
            assertClose(want.getAsJsonArray("facet_mean"), got.getAsJsonArray("visual"), id);
        }
    }

    private static void assertClose(JsonArray want, JsonArray frames, String id) {
        JsonArray frame = frames.get(0).getAsJsonArray();
        assertEquals(want.size(), frame.size(), id);
        for (int j = 0; j < want.size(); j++) {
            assertEquals(want.get(j).getAsDouble(), frame.get(j).getAsDouble(), TOLERANCE, id);
        }
    }

    /** A test resource by its absolute classpath name. */
    public static Path resource(String name) {
        return TestResources.path(name);
    }
}

package io.tributary.data.sdk;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonWriter;
import io.tributary.core.AtomicFiles;
import io.tributary.core.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes aligned segments as one JSON object, streamed and atomically:
 *
 * <pre>
 * { "&lt;video&gt;[k]": { "label": x, "words": [...], "acoustic": [[...]], "visual": [[...]] }, ... }
 * </pre>
 *
 * Floats are written as Java's shortest round-trip decimal; frames averaged over non-finite inputs
 * (COVAREP holds -inf) stay non-finite, written {@code -Infinity} or {@code NaN} as Python's json
 * module reads them.
 */
public final class AlignmentJson {

    private AlignmentJson() {}

    public static void write(Path out, List<AlignedSegment> segments) {
        AtomicFiles.write(
                out,
                stream -> {
                    JsonWriter json =
                            Json.gson()
                                    .newJsonWriter(
                                            new BufferedWriter(
                                                    new OutputStreamWriter(
                                                            stream, StandardCharsets.UTF_8)));
                    json.setStrictness(Strictness.LENIENT);
                    json.beginObject();
                    for (AlignedSegment segment : segments) {
                        json.name(segment.id()).beginObject();
                        json.name("label").jsonValue(Float.toString(segment.label()));
                        json.name("words").beginArray();
                        for (String word : segment.words()) {
                            json.value(word);
                        }
                        json.endArray();
                        writeFrames(json.name("acoustic"), segment.acoustic());
                        writeFrames(json.name("visual"), segment.visual());
                        json.endObject();
                    }
                    json.endObject();
                    json.flush();
                });
    }

    private static void writeFrames(JsonWriter json, float[][] frames) throws IOException {
        json.beginArray();
        for (float[] frame : frames) {
            json.beginArray();
            for (float value : frame) {
                json.jsonValue(Float.toString(value));
            }
            json.endArray();
        }
        json.endArray();
    }
}

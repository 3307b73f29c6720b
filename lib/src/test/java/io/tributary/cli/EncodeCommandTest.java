package io.tributary.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tributary.TestResources;
import io.tributary.tensors.RawSafetensors;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncodeCommandTest {

    private static final String QUERY = "bert.encoder.layer.0.attention.self.query.weight";

    @TempDir Path dir;

    @Test
    void printsOneJsonObjectWithEveryOutput() {
        String model = TestResources.path("fixtures/tiny-bert").toString();
        CommandRun run =
                CommandRun.of(
                        "encode",
                        "--model",
                        model,
                        "--max-length",
                        "12",
                        "--text",
                        "Héllo wörld",
                        "--text",
                        "I really loved this movie!");
        assertEquals(0, run.exitCode(), run.err());
        JsonObject json = JsonParser.parseString(run.out()).getAsJsonObject();
        assertEquals(
                "[[\"[CLS]\",\"hello\",\"world\",\"[SEP]\"],"
                        + "[\"[CLS]\",\"i\",\"really\",\"loved\",\"this\",\"movie\",\"!\",\"[SEP]\"]]",
                json.get("tokens").toString());
        assertEquals(12, json.getAsJsonArray("input_ids").get(0).getAsJsonArray().size());
        assertEquals(12, json.getAsJsonArray("attention_mask").get(1).getAsJsonArray().size());
        JsonArray hidden = json.getAsJsonArray("last_hidden_state");
        assertEquals(2, hidden.size());
        assertEquals(12, hidden.get(0).getAsJsonArray().size());
        assertEquals(32, hidden.get(0).getAsJsonArray().get(0).getAsJsonArray().size());
        assertEquals(32, json.getAsJsonArray("pooler_output").get(1).getAsJsonArray().size());
    }

    @Test
    void userErrorsAreOneLineAndExitTwo() {
        CommandRun missing =
                CommandRun.of("encode", "--model", dir.resolve("none").toString(), "--text", "a");
        assertEquals(2, missing.exitCode());
        assertEquals(1, missing.err().strip().lines().count(), missing.err());
        assertTrue(missing.err().contains("expected a checkpoint folder"), missing.err());

        CommandRun length =
                CommandRun.of(
                        "encode",
                        "--model",
                        TestResources.path("fixtures/tiny-bert").toString(),
                        "--max-length",
                        "65",
                        "--text",
                        "a");
        assertEquals(2, length.exitCode());
        assertTrue(length.err().contains("--max-length: expected 2 to 64"), length.err());

        CommandRun option = CommandRun.of("encode", "--text", "a");
        assertEquals(2, option.exitCode());
        assertTrue(option.err().contains("--model"), option.err());
        assertTrue(option.out().isEmpty());
    }

    @Test
    void nonFiniteWeightsAreRefusedNamingTheKeyAndTheCount() throws IOException {
        Path model = TestResources.copyFolder("fixtures/tiny-bert", dir.resolve("model"));
        Path weights = model.resolve("model.safetensors");
        RawSafetensors raw = RawSafetensors.copyOf(weights);
        ByteBuffer.wrap(raw.get(QUERY).data())
                .order(ByteOrder.LITTLE_ENDIAN)
                .putFloat(0, Float.NaN)
                .putFloat(4, Float.NEGATIVE_INFINITY)
                .putFloat(40, Float.NaN)
                .putFloat(400, Float.NaN);
        raw.write(weights);
        CommandRun run = CommandRun.of("encode", "--model", model.toString(), "--text", "a");
        assertEquals(2, run.exitCode(), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(
                run.err().contains("tensor '" + QUERY + "' holds 3 NaN and 1 infinite values"),
                run.err());
        assertTrue(run.out().isEmpty(), run.out());
    }

    @Test
    void aNaNOutputIsPrintedAsNaN() throws IOException {
        Path model = TestResources.copyFolder("fixtures/tiny-bert", dir.resolve("model"));
        Path weights = model.resolve("model.safetensors");
        RawSafetensors raw = RawSafetensors.copyOf(weights);
        ByteBuffer query = ByteBuffer.wrap(raw.get(QUERY).data()).order(ByteOrder.LITTLE_ENDIAN);
        while (query.hasRemaining()) {
            query.putFloat(Float.MAX_VALUE);
        }
        raw.write(weights);
        CommandRun run = CommandRun.of("encode", "--model", model.toString(), "--text", "a");
        assertEquals(0, run.exitCode(), run.err());
        JsonObject json = JsonParser.parseString(run.out()).getAsJsonObject();
        JsonArray hidden = json.getAsJsonArray("last_hidden_state");
        double first = hidden.get(0).getAsJsonArray().get(0).getAsJsonArray().get(0).getAsDouble();
        assertTrue(Double.isNaN(first), run.out());
    }
}

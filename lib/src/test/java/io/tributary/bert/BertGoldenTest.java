package io.tributary.bert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tributary.TestResources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tiny Hugging Face checkpoint gives the tokens, ids and outputs of a PyTorch run. */
class BertGoldenTest {

    private static final double TOLERANCE = 1e-4;

    private final JsonObject golden = readGolden();

    @Test
    void tokenizesLikeHuggingFace() {
        BertTokenizer tokenizer =
                BertTokenizer.fromFolder(TestResources.path("fixtures/tiny-bert"));
        int maxLength = golden.get("max_length").getAsInt();
        JsonArray sentences = golden.getAsJsonArray("sentences");
        for (int i = 0; i < sentences.size(); i++) {
            BertTokenizer.Encoding encoding =
                    tokenizer.encode(sentences.get(i).getAsString(), maxLength);
            assertEquals(strings(golden.getAsJsonArray("tokens").get(i)), encoding.tokens());
            assertArrayEquals(
                    longs(golden.getAsJsonArray("input_ids").get(i)), encoding.inputIds());
            assertArrayEquals(
                    longs(golden.getAsJsonArray("attention_mask").get(i)),
                    encoding.attentionMask());
            assertArrayEquals(
                    longs(golden.getAsJsonArray("token_type_ids").get(i)), encoding.tokenTypeIds());
        }
    }

    @Test
    void float32CheckpointGivesGoldenOutputs() {
        assertOutputs(TestResources.path("fixtures/tiny-bert"), golden);
    }

    @Test
    void bfloat16CheckpointGivesItsGoldenOutputs() {
        assertOutputs(
                TestResources.path("fixtures/tiny-bert/bf16"), golden.getAsJsonObject("bf16"));
    }

    private void assertOutputs(Path dir, JsonObject expected) {
        try (NDManager manager = NDManager.newBaseManager()) {
            BertModel model = BertCheckpoint.load(dir, manager);
            BertTokenizer tokenizer = BertTokenizer.fromFolder(dir);
            List<BertTokenizer.Encoding> batch = new ArrayList<>();
            for (JsonElement sentence : golden.getAsJsonArray("sentences")) {
                batch.add(tokenizer.encode(sentence.getAsString(), 16));
            }
            NDList inputs = BertTokenizer.toArrays(batch, manager);
            NDList outputs = model.forward(new ParameterStore(manager, false), inputs, false);
            assertClose(expected.get("last_hidden_state"), outputs.get(0));
            assertClose(expected.get("pooler_output"), outputs.get(1));
        }
    }

    private static void assertClose(JsonElement expected, NDArray actual) {
        float[] want = flatten(expected);
        float[] got = actual.toFloatArray();
        assertEquals(want.length, got.length, "element count");
        double worst = 0;
        for (int i = 0; i < want.length; i++) {
            worst = Math.max(worst, Math.abs(want[i] - got[i]));
        }
        assertEquals(0, worst, TOLERANCE, "largest absolute difference");
    }

    static float[] flatten(JsonElement json) {
        List<Float> values = new ArrayList<>();
        collect(json, values);
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    private static void collect(JsonElement json, List<Float> out) {
        if (json.isJsonArray()) {
            json.getAsJsonArray().forEach(e -> collect(e, out));
        } else {
            out.add(json.getAsFloat());
        }
    }

    private static List<String> strings(JsonElement json) {
        List<String> out = new ArrayList<>();
        json.getAsJsonArray().forEach(e -> out.add(e.getAsString()));
        return out;
    }

    private static long[] longs(JsonElement json) {
        return json.getAsJsonArray().asList().stream().mapToLong(JsonElement::getAsLong).toArray();
    }

    private static JsonObject readGolden() {
        try {
            return JsonParser.parseString(
                            Files.readString(TestResources.path("fixtures/tiny-bert/golden.json")))
                    .getAsJsonObject();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

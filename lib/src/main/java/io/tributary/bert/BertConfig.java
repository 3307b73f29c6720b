package io.tributary.bert;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tributary.core.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shape of a BERT encoder, as Hugging Face's {@code config.json} states it.
 *
 * @param vocabSize {@code vocab_size}
 * @param hiddenSize {@code hidden_size}, d
 * @param numHiddenLayers {@code num_hidden_layers}
 * @param numAttentionHeads {@code num_attention_heads}
 * @param intermediateSize {@code intermediate_size}
 * @param maxPositionEmbeddings {@code max_position_embeddings}
 * @param typeVocabSize {@code type_vocab_size}
 * @param layerNormEps {@code layer_norm_eps}
 * @param hiddenDropoutProb {@code hidden_dropout_prob}
 * @param attentionProbsDropoutProb {@code attention_probs_dropout_prob}
 * @param initializerRange {@code initializer_range}, the std of random initial weights
 */
public record BertConfig(
        int vocabSize,
        int hiddenSize,
        int numHiddenLayers,
        int numAttentionHeads,
        int intermediateSize,
        int maxPositionEmbeddings,
        int typeVocabSize,
        float layerNormEps,
        float hiddenDropoutProb,
        float attentionProbsDropoutProb,
        float initializerRange) {

    public BertConfig {
        if (hiddenSize % numAttentionHeads != 0) {
            throw new IllegalArgumentException(
                    "hidden_size "
                            + hiddenSize
                            + " is not a multiple of num_attention_heads "
                            + numAttentionHeads);
        }
    }

    /** {@code bert-base-uncased}: 12 layers of width 768, 12 heads. */
    public static BertConfig base() {
        return new BertConfig(30522, 768, 12, 12, 3072, 512, 2, 1e-12f, 0.1f, 0.1f, 0.02f);
    }

    /** A small BERT for tests and quick runs: 2 layers of width 32, 4 heads. */
    public static BertConfig tiny() {
        return new BertConfig(30522, 32, 2, 4, 64, 512, 2, 1e-12f, 0.1f, 0.1f, 0.02f);
    }

    /** The same shape with another vocabulary size (a bundled or generated vocabulary). */
    public BertConfig withVocabSize(int size) {
        return new BertConfig(
                size,
                hiddenSize,
                numHiddenLayers,
                numAttentionHeads,
                intermediateSize,
                maxPositionEmbeddings,
                typeVocabSize,
                layerNormEps,
                hiddenDropoutProb,
                attentionProbsDropoutProb,
                initializerRange);
    }

    /** The same shape whose random initial weights have std {@code range}. */
    public BertConfig withInitializerRange(float range) {
        return new BertConfig(
                vocabSize,
                hiddenSize,
                numHiddenLayers,
                numAttentionHeads,
                intermediateSize,
                maxPositionEmbeddings,
                typeVocabSize,
                layerNormEps,
                hiddenDropoutProb,
                attentionProbsDropoutProb,
                range);
    }

    /** Hugging Face's {@code config.json} for this shape. */
    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("model_type", "bert");
        json.addProperty("vocab_size", vocabSize);
        json.addProperty("hidden_size", hiddenSize);
        json.addProperty("num_hidden_layers", numHiddenLayers);
        json.addProperty("num_attention_heads", numAttentionHeads);
        json.addProperty("intermediate_size", intermediateSize);
        json.addProperty("max_position_embeddings", maxPositionEmbeddings);
        json.addProperty("type_vocab_size", typeVocabSize);
        json.addProperty("layer_norm_eps", layerNormEps);
        json.addProperty("hidden_act", "gelu");
        json.addProperty("hidden_dropout_prob", hiddenDropoutProb);
        json.addProperty("attention_probs_dropout_prob", attentionProbsDropoutProb);
        json.addProperty("initializer_range", initializerRange);
        json.addProperty("pad_token_id", 0);
        return json;
    }

    public int headSize() {
        return hiddenSize / numAttentionHeads;
    }

    /** Reads Hugging Face's {@code config.json}; absent optional keys take BERT's defaults. */
    public static BertConfig fromJson(Path file) {
        JsonObject json;
        try {
            json = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        } catch (IOException e) {
            throw new InputException(file + ": cannot read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new InputException(file + ": expected a JSON object: " + e.getMessage(), e);
        }
        return fromJson(json, file);
    }

    /** A config from its JSON object; {@code file} names where it came from in errors. */
    public static BertConfig fromJson(JsonObject json, Path file) {
        String activation = optString(json, "hidden_act", "gelu");
        if (!activation.equals("gelu")) {
            throw new InputException(
                    file + ": hidden_act: expected \"gelu\" (exact erf GELU), found " + activation);
        }
        BertConfig defaults = base();
        try {
            return new BertConfig(
                    required(file, json, "vocab_size").getAsInt(),
                    required(file, json, "hidden_size").getAsInt(),
                    required(file, json, "num_hidden_layers").getAsInt(),
                    required(file, json, "num_attention_heads").getAsInt(),
                    required(file, json, "intermediate_size").getAsInt(),
                    optInt(json, "max_position_embeddings", defaults.maxPositionEmbeddings),
                    optInt(json, "type_vocab_size", defaults.typeVocabSize),
                    optFloat(json, "layer_norm_eps", defaults.layerNormEps),
                    optFloat(json, "hidden_dropout_prob", defaults.hiddenDropoutProb),
                    optFloat(
                            json,
                            "attention_probs_dropout_prob",
                            defaults.attentionProbsDropoutProb),
                    optFloat(json, "initializer_range", defaults.initializerRange));
        } catch (IllegalArgumentException e) {
            throw new InputException(file + ": " + e.getMessage(), e);
        }
    }

    private static JsonElement required(Path file, JsonObject json, String key) {
        JsonElement value = json.get(key);
        if (value == null || !value.isJsonPrimitive()) {
            throw new InputException(file + ": expected a number for \"" + key + "\", found none");
        }
        return value;
    }

    private static int optInt(JsonObject json, String key, int fallback) {
        return json.has(key) ? json.get(key).getAsInt() : fallback;
    }

    private static float optFloat(JsonObject json, String key, float fallback) {
        return json.has(key) ? json.get(key).getAsFloat() : fallback;
    }

    private static String optString(JsonObject json, String key, String fallback) {
        return json.has(key) ? json.get(key).getAsString() : fallback;
    }
}

package io.tributary.train;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.tributary.core.InputException;
import io.tributary.core.Json;
import io.tributary.nn.ModelConfig;
import java.util.List;
import java.util.TreeSet;

/**
 * {@code --set key=value} overrides of a run's configs, by the snake_case names the configs are
 * written with ({@code gate=learned}, {@code gate_lr=0.001}, {@code injected_layers=0,1}); an
 * unknown key, a value of the wrong type or an invalid value is a user error naming the key.
 */
public final class Settings {

    /** The model and training configs a run resolves to. */
    public record Resolved(ModelConfig model, TrainConfig train) {}

    private Settings() {}

    /** The configs of the model named {@code model} ({@code --model}), seed and overrides. */
    public static Resolved forModel(String model, long seed, List<String> sets) {
        return resolve(Families.defaults(model), TrainConfig.defaults().withSeed(seed), sets);
    }

    public static Resolved resolve(ModelConfig model, TrainConfig train, List<String> sets) {
        JsonObject modelJson = Json.gson().toJsonTree(model).getAsJsonObject();
        JsonObject trainJson = Json.gson().toJsonTree(train).getAsJsonObject();
        for (String set : sets) {
            int eq = set.indexOf('=');
            if (eq <= 0) {
                throw new InputException("--set " + set + ": expected key=value");
            }
            String key = set.substring(0, eq).strip();
            String value = set.substring(eq + 1).strip();
            JsonObject target =
                    modelJson.has(key) ? modelJson : trainJson.has(key) ? trainJson : null;
            if (target == null) {
                TreeSet<String> known = new TreeSet<>(modelJson.keySet());
                known.addAll(trainJson.keySet());
                throw new InputException(
                        "--set " + key + ": unknown setting; expected one of " + known);
            }
            target.add(key, parse(key, value, target.get(key)));
        }
        return new Resolved(
                build(modelJson, model.getClass()), build(trainJson, TrainConfig.class));
    }

    private static JsonElement parse(String key, String value, JsonElement current) {
        try {
            if (current.isJsonArray()) {
                JsonArray array = new JsonArray();
                for (String item : value.isEmpty() ? new String[0] : value.split(",")) {
                    array.add(Integer.parseInt(item.strip()));
                }
                return array;
            }
            JsonPrimitive primitive = current.getAsJsonPrimitive();
            if (primitive.isNumber()) {
                return new JsonPrimitive(Double.parseDouble(value));
            }
            if (primitive.isBoolean()) {
                if (!value.equals("true") && !value.equals("false")) {
                    throw new NumberFormatException(value);
                }
                return new JsonPrimitive(Boolean.parseBoolean(value));
            }
            return new JsonPrimitive(value);
        } catch (NumberFormatException e) {
            String expected =
                    current.isJsonArray()
                            ? "comma-separated integers"
                            : current.getAsJsonPrimitive().isBoolean()
                                    ? "true or false"
                                    : "a number";
            throw new InputException(
                    "--set " + key + ": expected " + expected + ", found " + value);
        }
    }

    /** Builds the record; its constructor's checks name the setting that is wrong. */
    private static <T> T build(JsonObject json, Class<T> type) {
        try {
            return Json.gson().fromJson(json, type);
        } catch (RuntimeException e) {
            Throwable cause = e;
            while (cause.getCause() != null && !(cause instanceof IllegalArgumentException)) {
                cause = cause.getCause();
            }
            throw new InputException("--set " + cause.getMessage(), e);
        }
    }
}

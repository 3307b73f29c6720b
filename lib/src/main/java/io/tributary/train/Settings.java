package io.tributary.train;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.tributary.bert.BertConfig;
import io.tributary.core.Choices;
import io.tributary.core.InputException;
import io.tributary.core.Json;
import io.tributary.inject.InjectionConfig;
import io.tributary.nn.Modalities;
import io.tributary.nn.ModelConfig;
import io.tributary.nn.ModelKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * {@code --set key=value} overrides of a run's configs, by the snake_case names the configs are
 * written with ({@code gate=learned}, {@code gate_lr=0.001}, {@code injected_layers=0,1}). The
 * settings are the config records' components marked {@link io.tributary.nn.Setting} (see {@link
 * SettingTable}); the value is parsed by the component's type and checked by the record's
 * constructor, so any bad value is a one-line user error naming the key before any data is read. A
 * model setting the chosen model does not use is an error naming the models that use it; every
 * training setting goes with every model.
 */
public final class Settings {

    /** The model and training configs a run resolves to. */
    public record Resolved(ModelConfig model, TrainConfig train) {

        /**
         * This, once the settings that depend on the BERT fit it: {@code injected_layers} within
         * its layers. Reads only the BERT's config, so a run can check it before its data.
         */
        public Resolved checkFits(BertConfig bert) {
            if (model instanceof InjectionConfig injection) {
                try {
                    injection.injectedLayers(bert.numHiddenLayers());
                } catch (IllegalArgumentException e) {
                    throw new InputException("--set " + e.getMessage(), e);
                }
            }
            return this;
        }
    }

    private Settings() {}

    /** The configs of the model named {@code model} ({@code --model}), seed and overrides. */
    public static Resolved forModel(String model, long seed, List<String> sets) {
        ModelKind kind = parseModel(model);
        ModelConfig defaults = Families.defaults(kind);
        JsonObject modelJson = Json.gson().toJsonTree(defaults).getAsJsonObject();
        JsonObject trainJson =
                Json.gson()
                        .toJsonTree(TrainConfig.builder().optSeed(seed).build())
                        .getAsJsonObject();
        Map<String, String> options = Map.of("model", Choices.name(kind), "seed", "" + seed);
        for (String set : sets) {
            String key = key(set);
            String value = value(set);
            if (options.containsKey(key)) {
                checkAgrees(key, value, options.get(key));
                continue;
            }
            Optional<SettingTable.Entry> modelEntry = SettingTable.of(defaults).find(key);
            if (modelEntry.isPresent()) {
                checkUsedBy(kind, modelEntry.get());
                modelJson.add(key, parse(key, value, modelEntry.get()));
                continue;
            }
            Optional<SettingTable.Entry> trainEntry = SettingTable.training().find(key);
            if (trainEntry.isPresent()) {
                trainJson.add(key, parse(key, value, trainEntry.get()));
                continue;
            }
            throw notASetting(kind, key);
        }
        return new Resolved(
                build(modelJson, defaults.getClass()), build(trainJson, TrainConfig.class));
    }

    /**
     * The injection family's defaults with {@code sets} applied, for {@code ./msa forward}, which
     * runs one block ({@code user}, as its error messages name it) taking only the settings {@code
     * keys}: any other key, a setting of the family or not, is an error naming it. Values are
     * parsed and checked as {@link #forModel} does.
     */
    public static InjectionConfig forBlock(String user, List<String> keys, List<String> sets) {
        InjectionConfig defaults = InjectionConfig.defaults();
        JsonObject json = Json.gson().toJsonTree(defaults).getAsJsonObject();
        for (String set : sets) {
            String key = key(set);
            String value = value(set);
            Optional<SettingTable.Entry> entry = SettingTable.of(defaults).find(key);
            if (!keys.contains(key) || entry.isEmpty()) {
                throw new InputException(
                        String.format(
                                "--set %s: not a setting of %s; expected one of %s",
                                key, user, keys));
            }
            json.add(key, parse(key, value, entry.get()));
        }
        return build(json, InjectionConfig.class);
    }

    /** The key of a {@code --set key=value}. */
    private static String key(String set) {
        int eq = set.indexOf('=');
        if (eq <= 0) {
            throw new InputException("--set " + set + ": expected key=value");
        }
        return set.substring(0, eq).strip();
    }

    /** The value of a {@code --set key=value} whose key {@link #key} has accepted. */
    private static String value(String set) {
        return set.substring(set.indexOf('=') + 1).strip();
    }

    private static ModelKind parseModel(String model) {
        try {
            return Choices.parse("--model", model, ModelKind.class);
        } catch (IllegalArgumentException e) {
            throw new InputException(e.getMessage(), e);
        }
    }

    /**
     * The model and the seed are set by {@code --model} and {@code --seed}: {@code --set} may
     * repeat them, not contradict them.
     */
    private static void checkAgrees(String key, String value, String chosen) {
        if (!chosen.equals(value)) {
            throw new InputException(
                    String.format(
                            "--set %s=%s: contradicts --%s %s; choose the %s with --%s",
                            key, value, key, chosen, key, key));
        }
    }

    private static void checkUsedBy(ModelKind kind, SettingTable.Entry entry) {
        if (!entry.models().contains(kind)) {
            throw notUsedBy(kind, entry.key(), entry.models());
        }
    }

    private static InputException notASetting(ModelKind kind, String key) {
        List<ModelKind> users =
                SettingTable.all().stream()
                        .flatMap(table -> table.find(key).stream())
                        .flatMap(entry -> entry.models().stream())
                        .distinct()
                        .toList();
        if (!users.isEmpty()) {
            return notUsedBy(kind, key, users);
        }
        TreeSet<String> known = new TreeSet<>();
        for (SettingTable table : SettingTable.all()) {
            table.entries().stream()
                    .filter(entry -> entry.models().contains(kind))
                    .forEach(entry -> known.add(entry.key()));
        }
        return new InputException("--set " + key + ": unknown setting; expected one of " + known);
    }

    private static InputException notUsedBy(ModelKind kind, String key, List<ModelKind> users) {
        return new InputException(
                String.format(
                        "--set %s: not a setting of model %s; used by %s",
                        key,
                        Choices.name(kind),
                        String.join(", ", users.stream().map(Choices::name).toList())));
    }

    /** The value as the JSON of the setting's type, or a user error naming what it expects. */
    private static JsonElement parse(String key, String value, SettingTable.Entry entry) {
        Class<?> type = entry.type();
        try {
            if (type == int.class) {
                return new JsonPrimitive(Integer.parseInt(value));
            }
            if (type == long.class) {
                return new JsonPrimitive(Long.parseLong(value));
            }
            if (type == float.class) {
                return new JsonPrimitive(Float.parseFloat(value));
            }
            if (type == boolean.class) {
                if (!value.equals("true") && !value.equals("false")) {
                    throw new NumberFormatException(value);
                }
                return new JsonPrimitive(Boolean.parseBoolean(value));
            }
            if (type == List.class) {
                JsonArray array = new JsonArray();
                for (String item : value.isEmpty() ? new String[0] : value.split(",")) {
                    array.add(Integer.parseInt(item.strip()));
                }
                return array;
            }
            if (type == Modalities.class) {
                return new JsonPrimitive(parseModalities(value).toString());
            }
            parseChoice(key, value, type);
            return new JsonPrimitive(value);
        } catch (NumberFormatException e) {
            throw new InputException(
                    "--set " + key + ": expected " + entry.expected() + ", found " + value);
        }
    }

    private static Modalities parseModalities(String value) {
        try {
            return Modalities.parse(value);
        } catch (IllegalArgumentException e) {
            throw new InputException("--set " + e.getMessage(), e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void parseChoice(String key, String value, Class<?> type) {
        try {
            Choices.parse(key, value, (Class) type);
        } catch (IllegalArgumentException e) {
            throw new InputException("--set " + e.getMessage(), e);
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

package io.tributary.train;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.tributary.core.Choices;
import io.tributary.core.Json;
import io.tributary.inject.InjectionConfig;
import io.tributary.mmmie.MmmieConfig;
import io.tributary.nn.Modalities;
import io.tributary.nn.ModelConfig;
import io.tributary.nn.ModelKind;
import io.tributary.nn.Setting;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * The settings of one config record, read from its components marked {@link Setting}: each one's
 * key, type, default (from the record's defaults), the models that use it and what it is. The
 * settings list of {@code ./msa train --help} ({@link #help()}) and README.md's ({@link
 * #markdown()}) are both printed from these tables, so they cannot drift from the records.
 */
public final class SettingTable {

    /**
     * One setting.
     *
     * @param key its snake_case name, as {@code --set} and the JSON records take it
     * @param type its record component's type
     * @param defaultValue the default, as {@code --set} would take it
     * @param models the models that use it
     * @param description what it is, one sentence
     */
    record Entry(
            String key,
            Class<?> type,
            String defaultValue,
            List<ModelKind> models,
            String description) {

        /** The values it takes, as a table lists them; choices joined by {@code separator}. */
        String values(String separator) {
            if (type == int.class || type == long.class) {
                return "integer";
            }
            if (type == float.class) {
                return "number";
            }
            if (type == boolean.class) {
                return "true" + separator + "false";
            }
            if (type == List.class) {
                return "integers, comma-separated";
            }
            if (type == Modalities.class) {
                return Modalities.EXPECTED;
            }
            return String.join(separator, choices());
        }

        /** What a value must be, as an error message says it. */
        String expected() {
            if (type == int.class || type == long.class) {
                return "an integer";
            }
            if (type == float.class) {
                return "a number";
            }
            if (type == boolean.class) {
                return "true or false";
            }
            if (type == List.class) {
                return "comma-separated integers";
            }
            return "one of " + choices();
        }

        @SuppressWarnings("unchecked")
        private List<String> choices() {
            return Choices.names((Class<? extends Enum<?>>) type);
        }

        /** Whether the values are few enough to list in the help (choices and booleans). */
        private boolean listed() {
            return type == boolean.class || type.isEnum();
        }
    }

    private static final int WIDTH = 80;
    private static final int KEY_COLUMN = 28;

    private static final SettingTable TRAINING =
            new SettingTable(
                    "Training (every model)", TrainConfig.defaults(), List.of(ModelKind.values()));
    private static final SettingTable INJECTION =
            new SettingTable(
                    "Models injection, text and mag",
                    InjectionConfig.defaults(),
                    InjectionConfig.MODELS);
    private static final SettingTable MMMIE =
            new SettingTable("Model mmmie", MmmieConfig.defaults(), List.of(ModelKind.MMMIE));

    private final String title;
    private final Class<?> record;
    private final List<ModelKind> models;
    private final List<Entry> entries;

    private SettingTable(String title, Record defaults, List<ModelKind> models) {
        this.title = title;
        this.record = defaults.getClass();
        this.models = models;
        JsonObject json = Json.gson().toJsonTree(defaults).getAsJsonObject();
        List<Entry> list = new ArrayList<>();
        for (RecordComponent component : defaults.getClass().getRecordComponents()) {
            Setting setting = component.getAnnotation(Setting.class);
            if (setting != null) {
                String key = Json.key(component);
                List<ModelKind> users =
                        setting.models().length == 0 ? models : List.of(setting.models());
                list.add(
                        new Entry(
                                key,
                                component.getType(),
                                text(json.get(key)),
                                users,
                                setting.value()));
            }
        }
        entries = List.copyOf(list);
    }

    private static String text(JsonElement value) {
        if (value.isJsonArray()) {
            return StreamSupport.stream(value.getAsJsonArray().spliterator(), false)
                    .map(JsonElement::getAsString)
                    .collect(Collectors.joining(","));
        }
        return value.getAsString();
    }

    /** The training settings, {@link TrainConfig}'s. */
    static SettingTable training() {
        return TRAINING;
    }

    /** The settings of the record {@code config} is. */
    static SettingTable of(ModelConfig config) {
        return all().stream().filter(t -> t.record == config.getClass()).findFirst().orElseThrow();
    }

    /** Every table: training, the injection family, MMMIE. */
    static List<SettingTable> all() {
        return List.of(TRAINING, INJECTION, MMMIE);
    }

    List<Entry> entries() {
        return entries;
    }

    Optional<Entry> find(String key) {
        return entries.stream().filter(e -> e.key().equals(key)).findFirst();
    }

    /**
     * The settings as {@code ./msa train --help} lists them: per table, {@code key=default} and
     * what it is, its values where they are choices, and its models where not all of the table's
     * use it; lines of at most 80 columns.
     */
    public static String help() {
        StringBuilder out = new StringBuilder("Settings (--set key=value), with their defaults:\n");
        for (SettingTable table : all()) {
            out.append('\n').append(table.title).append(":\n");
            for (Entry entry : table.entries) {
                String text = entry.description();
                if (entry.listed()) {
                    text += " [" + entry.values("|") + "]";
                }
                if (!entry.models().equals(table.models)) {
                    text += " (" + names(entry.models()) + " only)";
                }
                String head = "  " + entry.key() + "=" + entry.defaultValue();
                wrap(out, head, text);
            }
        }
        return out.toString();
    }

    /** {@code head} padded to the key column, then {@code text} wrapped beside it. */
    private static void wrap(StringBuilder out, String head, String text) {
        StringBuilder line = new StringBuilder(head);
        if (line.length() > KEY_COLUMN - 2) {
            out.append(line).append('\n');
            line.setLength(0);
        }
        line.append(" ".repeat(KEY_COLUMN - line.length()));
        boolean empty = true;
        for (String word : text.split(" ")) {
            if (!empty && line.length() + 1 + word.length() > WIDTH) {
                out.append(line).append('\n');
                line = new StringBuilder(" ".repeat(KEY_COLUMN));
                empty = true;
            }
            line.append(empty ? "" : " ").append(word);
            empty = false;
        }
        out.append(line).append('\n');
    }

    /**
     * The settings as README.md lists them: per table, a Markdown table of {@code key=default}, its
     * values, the models that use it and what it is.
     */
    public static String markdown() {
        StringBuilder out = new StringBuilder();
        for (SettingTable table : all()) {
            out.append("**").append(table.title).append("**\n\n");
            out.append("| Setting and default | Values | Models | What it is |\n");
            out.append("| --- | --- | --- | --- |\n");
            for (Entry entry : table.entries) {
                out.append(
                        String.format(
                                "| `%s=%s` | %s | %s | %s |\n",
                                entry.key(),
                                entry.defaultValue(),
                                entry.values(", "),
                                entry.models().size() == ModelKind.values().length
                                        ? "every model"
                                        : names(entry.models()),
                                entry.description()));
            }
            out.append('\n');
        }
        return out.toString().strip() + "\n";
    }

    private static String names(List<ModelKind> models) {
        return String.join(", ", models.stream().map(Choices::name).toList());
    }
}

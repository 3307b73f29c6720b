package io.tributary.core;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The project's JSON, the one writer of every file and command output: snake_case field names (as
 * records are written), NaN and infinities written as {@code NaN} and {@code Infinity} (as Python's
 * {@code json} reads them), characters such as {@code < ' =} written as they are, enums by their
 * {@link Choices} names, paths as strings.
 */
public final class Json {

    private static final FieldNamingPolicy NAMING = FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES;

    private static final Gson GSON =
            new GsonBuilder()
                    .setFieldNamingPolicy(NAMING)
                    .serializeSpecialFloatingPointValues()
                    .disableHtmlEscaping()
                    .registerTypeAdapterFactory(Choices.STRICT)
                    .registerTypeHierarchyAdapter(Path.class, new PathAdapter().nullSafe())
                    .create();

    private static final Gson PRETTY = GSON.newBuilder().setPrettyPrinting().create();

    private Json() {}

    /** A path as the string it prints as. */
    private static final class PathAdapter extends TypeAdapter<Path> {
        @Override
        public void write(JsonWriter out, Path path) throws IOException {
            out.value(path.toString());
        }

        @Override
        public Path read(JsonReader in) throws IOException {
            return Path.of(in.nextString());
        }
    }

    public static Gson gson() {
        return GSON;
    }

    public static Gson pretty() {
        return PRETTY;
    }

    /** The key a record component is written under: {@code gateLr} is {@code gate_lr}. */
    public static String key(RecordComponent component) {
        try {
            return NAMING.translateName(
                    component.getDeclaringRecord().getDeclaredField(component.getName()));
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads {@code file} as a {@code type}; a missing or malformed file is a user error. */
    public static <T> T read(Path file, Class<T> type) {
        try {
            T value = GSON.fromJson(Files.readString(file), type);
            if (value == null) {
                throw new InputException(file + ": expected a JSON object, found an empty file");
            }
            return value;
        } catch (IOException e) {
            throw new InputException(file + ": cannot read: " + e.getMessage(), e);
        } catch (JsonParseException e) {
            throw new InputException(file + ": not the expected JSON: " + e.getMessage(), e);
        }
    }
}

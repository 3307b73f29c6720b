package io.tributary.core;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.annotations.SerializedName;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * The choices of config records are enums; each constant's name, the one {@code --set} takes and
 * the JSON records store, is its {@link SerializedName} ({@code similarity}, {@code
 * projected-cosine}, {@code raw_text}), or its Java name where it has none. Reading JSON, an
 * unknown name is an error naming the key and the choices, not a silent null.
 */
public final class Choices {

    private Choices() {}

    /** The name of one choice. */
    public static String name(Enum<?> choice) {
        try {
            SerializedName named =
                    choice.getDeclaringClass()
                            .getField(choice.name())
                            .getAnnotation(SerializedName.class);
            return named != null ? named.value() : choice.name();
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The names of every choice of {@code type}, in declaration order. */
    public static List<String> names(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Choices::name).toList();
    }

    /**
     * The choice of {@code type} called {@code name}; otherwise an {@link IllegalArgumentException}
     * whose message starts with {@code key} and lists the names.
     */
    public static <E extends Enum<E>> E parse(String key, String name, Class<E> type) {
        for (E choice : type.getEnumConstants()) {
            if (name(choice).equals(name)) {
                return choice;
            }
        }
        throw new IllegalArgumentException(
                key + ": expected one of " + names(type) + ", found " + name);
    }

    /** Gson's enum adapters, made strict: an unknown name fails with {@link #parse}'s message. */
    static final TypeAdapterFactory STRICT =
            new TypeAdapterFactory() {
                @Override
                @SuppressWarnings({"unchecked", "rawtypes"})
                public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> token) {
                    Class<? super T> raw = token.getRawType();
                    if (!raw.isEnum()) {
                        return null;
                    }
                    TypeAdapter<T> delegate = gson.getDelegateAdapter(this, token);
                    return new TypeAdapter<>() {
                        @Override
                        public void write(JsonWriter out, T value) throws IOException {
                            delegate.write(out, value);
                        }

                        @Override
                        public T read(JsonReader in) throws IOException {
                            if (in.peek() == JsonToken.NULL) {
                                in.nextNull();
                                return null;
                            }
                            String path = in.getPath();
                            String key = path.substring(path.lastIndexOf('.') + 1);
                            try {
                                return (T) parse(key, in.nextString(), (Class) raw);
                            } catch (IllegalArgumentException e) {
                                throw new JsonParseException(e.getMessage(), e);
                            }
                        }
                    };
                }
            };
}

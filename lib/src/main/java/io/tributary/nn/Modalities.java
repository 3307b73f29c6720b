package io.tributary.nn;

import com.google.gson.JsonParseException;
import com.google.gson.TypeAdapter;
import com.google.gson.annotations.JsonAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The streams a model reads, the setting {@code modalities}: text always, and any of the acoustic
 * and visual streams. A stream left out is masked out, not fed as zeros: the model has no encoder
 * for it, no key, no loss term, so its output does not depend on that stream's values. Written (and
 * given to {@code --set}) in the canonical order, e.g. {@code text,acoustic,visual}.
 *
 * @param acoustic whether the acoustic stream is read
 * @param visual whether the visual stream is read
 */
@JsonAdapter(Modalities.Adapter.class)
public record Modalities(boolean acoustic, boolean visual) {

    /** Every stream: the default. */
    public static final Modalities ALL = new Modalities(true, true);

    /** The names, in the canonical order. */
    public static final List<String> NAMES = List.of("text", "acoustic", "visual");

    /** What a value must be, as the settings table and error messages say it. */
    public static final String EXPECTED =
            "text and any of acoustic, visual, comma-separated, each once";

    /**
     * The modalities named in {@code text}, comma-separated in any order; otherwise an {@link
     * IllegalArgumentException} whose one-line message names {@code modalities}, what it expects
     * and what it found.
     */
    public static Modalities parse(String text) {
        Set<String> names = new LinkedHashSet<>();
        for (String item : text.split(",", -1)) {
            String name = item.strip();
            if (!NAMES.contains(name) || !names.add(name)) {
                throw new IllegalArgumentException(
                        "modalities: expected " + EXPECTED + ", found " + text);
            }
        }
        if (!names.contains("text")) {
            throw new IllegalArgumentException(
                    "modalities: expected " + EXPECTED + ", found " + text + " (no text)");
        }
        return new Modalities(names.contains("acoustic"), names.contains("visual"));
    }

    /** Whether a nonverbal stream is read at all. */
    public boolean nonverbal() {
        return acoustic || visual;
    }

    /** How many nonverbal streams are read: 0, 1 or 2. */
    public int nonverbalCount() {
        return (acoustic ? 1 : 0) + (visual ? 1 : 0);
    }

    /** The one-letter names of the streams read, in order: {@code t}, then {@code a}, {@code v}. */
    public List<String> letters() {
        List<String> letters = new ArrayList<>(List.of("t"));
        if (acoustic) {
            letters.add("a");
        }
        if (visual) {
            letters.add("v");
        }
        return List.copyOf(letters);
    }

    /** The canonical form, e.g. {@code text,acoustic,visual}. */
    @Override
    public String toString() {
        return "text" + (acoustic ? ",acoustic" : "") + (visual ? ",visual" : "");
    }

    /** JSON as the canonical string; an invalid one fails with {@link #parse}'s message. */
    static final class Adapter extends TypeAdapter<Modalities> {

        @Override
        public void write(JsonWriter out, Modalities value) throws IOException {
            out.value(value.toString());
        }

        @Override
        public Modalities read(JsonReader in) throws IOException {
            try {
                return parse(in.nextString());
            } catch (IllegalArgumentException e) {
                throw new JsonParseException(e.getMessage(), e);
            }
        }
    }
}

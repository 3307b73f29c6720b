package io.tributary.data.pickle;

import io.tributary.core.InputException;
import io.tributary.data.FeatureSequences;
import io.tributary.data.MultimodalSplit;
import io.tributary.data.NonFinite;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pickle laid out as {@code {split: {key: array}}} (MMSA's and MulT's): checks that layout and
 * answers, per split and key, with errors that name the file, split and key.
 */
final class SplitTable {

    private final Path file;
    private final String format;
    private final Map<String, Map<String, Object>> splits;

    private SplitTable(Path file, String format, Map<String, Map<String, Object>> splits) {
        this.file = file;
        this.format = format;
        this.splits = splits;
    }

    /**
     * Checks that {@code top} is a dict holding the {@code required} splits, each a dict with str
     * keys including {@code requiredKeys}, every key of a split giving the same sample count.
     */
    static SplitTable of(
            Path file,
            String format,
            Object top,
            List<String> required,
            List<String> requiredKeys) {
        if (!(top instanceof Map<?, ?> dict)) {
            throw new InputException(
                    file
                            + ": expected a "
                            + format
                            + " pickle (a dict of splits "
                            + required
                            + "), found a "
                            + PythonValues.typeName(top));
        }
        Map<String, Map<String, Object>> splits = new LinkedHashMap<>();
        for (String name : required) {
            if (!dict.containsKey(name)) {
                throw new InputException(
                        file
                                + ": expected splits "
                                + required
                                + " of a "
                                + format
                                + " pickle, found "
                                + dict.keySet());
            }
        }
        for (Map.Entry<?, ?> entry : dict.entrySet()) {
            if (!(entry.getKey() instanceof String name)) {
                throw new InputException(
                        file + ": split names must be str, found " + entry.getKey());
            }
            if (!(entry.getValue() instanceof Map<?, ?> keys)) {
                throw new InputException(
                        file
                                + ": split '"
                                + name
                                + "': expected a dict of arrays, found a "
                                + PythonValues.typeName(entry.getValue()));
            }
            Map<String, Object> values = new LinkedHashMap<>();
            keys.forEach(
                    (key, value) -> {
                        if (!(key instanceof String k)) {
                            throw new InputException(
                                    file + ": split '" + name + "': key " + key + " is not a str");
                        }
                        values.put(k, value);
                    });
            splits.put(name, Collections.unmodifiableMap(values));
        }
        SplitTable table = new SplitTable(file, format, Collections.unmodifiableMap(splits));
        for (String name : splits.keySet()) {
            for (String key : requiredKeys) {
                table.value(name, key);
            }
            table.count(name);
        }
        return table;
    }

    Path file() {
        return file;
    }

    Map<String, Map<String, Object>> splits() {
        return splits;
    }

    Map<String, Object> split(String name) {
        Map<String, Object> keys = splits.get(name);
        if (keys == null) {
            throw new InputException(
                    file + ": no split '" + name + "' (the file has " + splits.keySet() + ")");
        }
        return keys;
    }

    boolean has(String split, String key) {
        return split(split).containsKey(key);
    }

    Object value(String split, String key) {
        Map<String, Object> keys = split(split);
        if (!keys.containsKey(key)) {
            throw error(split, key, "missing (a " + format + " split has " + keys.keySet() + ")");
        }
        return keys.get(key);
    }

    NdArray array(String split, String key) {
        Object value = value(split, key);
        if (!(value instanceof NdArray array)) {
            throw error(
                    split, key, "expected a numpy array, found a " + PythonValues.typeName(value));
        }
        return array;
    }

    /** A numpy array of {@code rank} dimensions. */
    NdArray array(String split, String key, int rank) {
        NdArray array = array(split, key);
        if (array.rank() != rank) {
            throw error(
                    split,
                    key,
                    "expected "
                            + rank
                            + " dimensions, found shape "
                            + Arrays.toString(array.shape()));
        }
        return array;
    }

    /** The sample count every key of the split agrees on. */
    long count(String split) {
        long count = -1;
        String first = null;
        for (Map.Entry<String, Object> entry : split(split).entrySet()) {
            long n = count(split, entry.getKey(), entry.getValue());
            if (count < 0) {
                count = n;
                first = entry.getKey();
            } else if (n != count) {
                throw error(
                        split,
                        entry.getKey(),
                        "expected " + count + " samples (as '" + first + "'), found " + n);
            }
        }
        return Math.max(count, 0);
    }

    private long count(String split, String key, Object value) {
        if (value instanceof NdArray array) {
            if (array.rank() == 0) {
                throw error(split, key, "expected an array with a sample axis, found a 0-d array");
            }
            return array.dim(0);
        }
        if (value instanceof List<?> list) {
            return list.size();
        }
        throw error(
                split, key, "expected an array or list, found a " + PythonValues.typeName(value));
    }

    /** Shape and dtype of every key, for a summary. */
    Map<String, PickleSummary.Key> keySummary(String split) {
        Map<String, PickleSummary.Key> out = new LinkedHashMap<>();
        split(split)
                .forEach(
                        (key, value) -> {
                            if (value instanceof NdArray array) {
                                out.put(
                                        key,
                                        new PickleSummary.Key(array.shape(), array.dtype().name()));
                            } else {
                                out.put(
                                        key,
                                        new PickleSummary.Key(
                                                new long[] {count(split, key, value)},
                                                PythonValues.typeName(value)));
                            }
                        });
        return out;
    }

    /**
     * A (N, steps, dim) float array as frame sequences; non-finite values become 0 and are counted
     * into {@code split}. Lengths come from {@code lengthsKey} when given, else from the first
     * all-zero frame.
     */
    FeatureSequences features(
            String split, String key, String lengthsKey, MultimodalSplit.Builder into) {
        NdArray array = array(split, key, 3);
        int steps = intDim(split, key, array, 1);
        int dim = intDim(split, key, array, 2);
        float[][] values = array.toFloatRows();
        into.optReplaced(key, NonFinite.replaceWithZero(values));
        int[] lengths =
                lengthsKey == null
                        ? FeatureSequences.lengthsFromFirstZeroFrame(values, steps, dim)
                        : lengths(split, lengthsKey, steps);
        return new FeatureSequences(values, steps, dim, lengths);
    }

    /** Lengths from an int array or list, each in [0, steps], raised to at least 1. */
    int[] lengths(String split, String key, int steps) {
        Object value = value(split, key);
        long[] raw;
        if (value instanceof NdArray array) {
            raw = array.toLongs();
        } else {
            List<?> list = (List<?>) value;
            raw = new long[list.size()];
            for (int i = 0; i < raw.length; i++) {
                if (!(list.get(i) instanceof Long n)) {
                    throw error(
                            split,
                            key,
                            "expected int lengths, found a " + PythonValues.typeName(list.get(i)));
                }
                raw[i] = n;
            }
        }
        int[] lengths = new int[raw.length];
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] < 0 || raw[i] > steps) {
                throw error(
                        split,
                        key,
                        "sample "
                                + i
                                + ": expected a length in [0, "
                                + steps
                                + "], found "
                                + raw[i]);
            }
            lengths[i] = (int) Math.max(1, Math.min(raw[i], steps));
        }
        return lengths;
    }

    /** A label column of one value per sample. */
    float[] column(String split, String key) {
        NdArray array = array(split, key);
        if (array.size() != array.dim(0)) {
            throw error(
                    split,
                    key,
                    "expected one value per sample, found shape " + Arrays.toString(array.shape()));
        }
        return array.toFloats();
    }

    int intDim(String split, String key, NdArray array, int axis) {
        if (array.dim(axis) > Integer.MAX_VALUE) {
            throw error(split, key, "dimension " + axis + " is " + array.dim(axis));
        }
        return (int) array.dim(axis);
    }

    InputException error(String split, String key, String message) {
        return new InputException(file + ": split '" + split + "', key '" + key + "': " + message);
    }
}
